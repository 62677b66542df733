// Names for the response shapes the pages share, all taken from the server's OpenAPI document (openapi.d.ts).
import type { paths } from './openapi';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

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
