// Response shapes: names for those the OpenAPI document types (openapi.d.ts), and mirrors of the analysis reports
// (src/analysis/*), whose schema the server leaves open.
import type { paths } from './openapi';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type AlertList = Json<'/api/alerts/', 'get'>;
export type Alert = AlertList['alerts'][number];
export type AlertDetail = Json<'/api/alerts/{eventId}', 'get'>;
export type AlertEvent = AlertDetail['events'][number];
export type LogSearch = Json<'/api/logs/search', 'get'>;
export type LogEvent = LogSearch['events'][number];
export type LogFields = Json<'/api/logs/fields', 'get'>;
export type LogHistogram = Json<'/api/logs/histogram', 'get'>;
export type Session = Json<'/api/auth/me', 'get'>;

export type Channel = 'main' | 'investigation' | 'closed';
export type Severity = 'Low' | 'Medium' | 'High' | 'Critical';
export type Verdict = 'True Positive' | 'False Positive';

export type CloseResult = Json<'/api/alerts/{eventId}/close', 'post'>;
export type ClosedAlertScore = NonNullable<CloseResult['score']>;
export type ScoreLine = ClosedAlertScore['verdict'];
export type ClosedRow = Json<'/api/alerts/closed/investigations', 'get'>['closed'][number];

export type CaseView = Json<'/api/cases/{caseId}', 'get'>;
export type PlaybookStep = CaseView['playbook']['steps'][number];
export type StepTool = Extract<PlaybookStep, { tools: unknown }>['tools'][number];
export type RunAnswer = CaseView['history'][number];
export type AnswerValue = RunAnswer['value'];
export type AnswerInput = NonNullable<paths['/api/cases/{caseId}/answer']['post']['requestBody']>['content']['application/json']['input'];
/** An Add Artifacts row as the analyst sends it (the server validates and normalises it). */
export type Artifact = Extract<AnswerInput, { kind: 'artifacts' }>['artifacts'][number];

export type IndicatorResponse = Json<'/api/intel/indicators', 'get'>;
export type Indicator = IndicatorResponse['page']['items'][number];
export type IndicatorType = Indicator['type'];
export type Provider = Json<'/api/intel/providers', 'get'>['providers'][number];
export type LookupResponse = Json<'/api/intel/lookup', 'post'>;
export type ProviderResult = LookupResponse['results'][number];
export type IntelVerdict = LookupResponse['verdict'];

export interface FileReport {
  name: string | null;
  size: number;
  type: { kind: string; description: string; mime: string; extension: string };
  hashes: { md5: string; sha1: string; sha256: string };
  pe: Record<string, unknown> | null;
  authenticode: Record<string, unknown> | null;
  yara: { rule: string; namespace: string; tags: string[]; meta: Record<string, string | number | boolean> }[];
  archive: { entries?: unknown[] } | null;
  warnings: string[];
  elapsedMs: number;
}

export interface UrlReport {
  url: string;
  status: string;
  statusDetail: string | null;
  finalUrl: string | null;
  title: string | null;
  redirectChain: { url: string; status: number | null; via: string; blocked?: string; download?: boolean }[];
  requests: { url: string; method: string; resourceType: string; status: number | null; size: number | null; blocked?: string; failure?: string }[];
  blocked: { url: string; reason: string; by: string }[];
  downloads: { url: string; suggestedFilename: string; status: string; size: number | null; sha256: string | null; file: FileReport | null; error?: string }[];
  screenshot: { sha256: string; width: number; height: number } | null;
  consoleErrors: { text: string; location?: string }[];
  pageErrors: { text: string; location?: string }[];
  warnings: string[];
  timings: { totalMs: number };
}

export type HostSummary = Json<'/api/hosts/', 'get'>['hosts'][number];
export type HostDetail = Json<'/api/hosts/{hostname}', 'get'>;
export type HostProcess = HostDetail['processes'][number];

export type EmailSummary = Json<'/api/emails/', 'get'>['emails'][number];
export type EmailAttachment = EmailSummary['attachments'][number];
export type EmailView = Json<'/api/emails/{id}', 'get'>;

export type Metrics = Json<'/api/metrics', 'get'>;
export type RuleOutcome = Metrics['rules'][number];
export type AnalystTotals = Metrics['analysts'][number];
export type ScenarioInfo = Json<'/api/scenarios', 'get'>['scenarios'][number];

export type CaseList = Json<'/api/cases/', 'get'>;
export type CaseRow = CaseList['cases'][number];
export type UserList = Json<'/api/auth/users', 'get'>;
export type UserRow = UserList['users'][number];
export type TokenList = Json<'/api/auth/tokens', 'get'>;
export type TokenRow = TokenList['tokens'][number];
export type Role = UserRow['role'];
