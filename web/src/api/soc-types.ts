// Shapes of the Endpoint, Email, Dashboard and Settings responses whose OpenAPI schema the server leaves open, mirrored from
// src/soc/endpoints.ts, src/soc/emails.ts, src/soc/metrics.ts and src/scenarios/scenarios.ts. Typed routes come from openapi.d.ts.
import type { paths } from './openapi';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type AgentState = 'running' | 'down' | 'none';

export interface HostSummary {
  hostname: string;
  ip: string;
  os: string | null;
  primaryUser: string | null;
  agent: AgentState;
  /** "Agent Down", "No Agent Installed", "Host Contained" or "Online". */
  state: string;
  contained: boolean;
  counts: { processes: number; network: number; terminal: number; browser: number };
}

export interface HostProcess {
  time: string;
  pid: number;
  name: string;
  parent?: string;
  commandLine?: string;
  imagePath?: string;
  hash?: string;
  children?: HostProcess[];
}

export interface HostInfo {
  domain?: string;
  bits?: number;
  os?: string;
  primaryUser?: string;
  role?: 'client' | 'server';
  lastLogin?: string;
}

export interface HostDetail extends HostSummary {
  info: HostInfo;
  processes: HostProcess[];
  network: { time: string; remoteIp: string; remotePort: number }[];
  terminal: { time: string; command: string }[];
  browser: { time: string; url: string }[];
}

export interface EmailAttachment {
  name: string;
  mime: string;
  size: number;
}

export interface EmailSummary {
  id: number;
  date: string;
  sender: string;
  recipients: string[];
  subject: string;
  action: string;
  senderIp: string | null;
  attachments: EmailAttachment[];
  mailbox: string;
}

export interface EmailView extends EmailSummary {
  messageId: string | null;
  text: string;
  /** The HTML body as sent: shown only inside the sandboxed mail frame. */
  html: string | null;
  headers: { key: string; value: string }[];
}

export interface RuleOutcome {
  rule: string;
  truePositives: number;
  falsePositives: number;
  truePositiveRate: number;
}

export interface AnalystTotals {
  analyst: string;
  closedAlerts: number;
  correctVerdicts: number;
  verdictPoints: number;
  playbookPoints: number;
  total: number;
  scoredAnswered: number;
  scoredCorrect: number;
  successRate: number | null;
}

export interface Metrics {
  alerts: { total: number; main: number; investigation: number; closed: number };
  bySeverity: Record<string, number>;
  /** Mean time to own and to close, in ms; null with no data. */
  mtta: number | null;
  mttr: number | null;
  perAlert: { eventId: number; timeToOwn: number | null; timeToClose: number | null }[];
  rules: RuleOutcome[];
  analysts: AnalystTotals[];
}

export interface ScenarioInfo {
  name: string;
  dir: string;
  loaded: boolean;
  title?: string;
  description?: string;
  difficulty?: string;
  tags?: string[];
  loadedAt?: string;
}

export type CaseList = Json<'/api/cases/', 'get'>;
export type CaseRow = CaseList['cases'][number];
export type UserList = Json<'/api/auth/users', 'get'>;
export type UserRow = UserList['users'][number];
export type TokenList = Json<'/api/auth/tokens', 'get'>;
export type TokenRow = TokenList['tokens'][number];
export type Role = UserRow['role'];
