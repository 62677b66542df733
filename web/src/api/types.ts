// Response shapes: names for those the OpenAPI document types (openapi.d.ts), and mirrors of the ones whose schema the
// server leaves open (the case view from src/soc/cases.ts, the reports of src/analysis/*).
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

export interface StepOption {
  label: string;
  next: string;
}

export interface StepTool {
  id: string;
  label: string;
  kind: 'external' | 'lookup' | 'sandbox';
  url?: string;
}

interface StepBase {
  id: string;
  title: string;
  text: string;
  tools?: readonly StepTool[];
}

export type PlaybookStep =
  | (StepBase & { kind: 'info'; next: string; fields: readonly string[] })
  | (StepBase & { kind: 'choice' | 'select'; scored: boolean; options: readonly StepOption[] })
  | (StepBase & { kind: 'artifacts'; next: string })
  | (StepBase & { kind: 'note'; maxLength: number });

export interface Artifact {
  type: string;
  value: string;
  comment?: string;
}

export type AnswerValue =
  | { kind: 'next' }
  | { kind: 'option'; value: string }
  | { kind: 'artifacts'; artifacts: readonly Artifact[] }
  | { kind: 'note'; text: string };

export interface RunAnswer {
  seq: number;
  attempt: number;
  stepId: string;
  value: AnswerValue;
  who: string;
  at: string;
  status: 'current' | 'withdrawn' | 'abandoned';
}

export interface CaseView {
  id: number;
  eventId: number;
  name: string;
  description: string;
  type: string;
  createdAt: string;
  createdBy: string;
  status: string;
  owner: string;
  playbook: { id: string; name: string; description: string; steps: readonly PlaybookStep[] };
  current: string | null;
  history: readonly RunAnswer[];
  score: ClosedAlertScore | null;
}

export type AnswerInput =
  | { kind: 'next' }
  | { kind: 'option'; value: string }
  | { kind: 'artifacts'; artifacts: Artifact[] }
  | { kind: 'note'; text: string };

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
