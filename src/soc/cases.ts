// Case pages: Incident Details, the playbook and its run, and the step actions (answer, back, restart) on top of the workflow.
import { z } from 'zod';
import type { EventStore } from '../store/store.ts';
import { answer, back, currentStep, restart, runAnswerSchema, type AnswerInput, type PlaybookRun, type RunResult } from './playbooks/run.ts';
import { playbookSchema } from './playbooks/schema.ts';
import type { ClosedAlertScore } from './scoring/index.ts';
import { closedAlertScoreSchema } from './scoring/score-types.ts';
import { WorkflowError, type Actor, type Workflow } from './workflow.ts';
import { workflowDb } from './workflow-tables.ts';

export const caseViewSchema = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  name: z.string(),
  description: z.string(),
  type: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  status: z.string(),
  owner: z.string(),
  /** The run's playbook; where it was loaded from on the server is not part of the view. */
  playbook: playbookSchema.omit({ file: true }),
  current: z.string().nullable().describe('the step waiting for an answer; null once the Analyst Note is written'),
  history: z.array(runAnswerSchema).readonly().describe('every answer ever given, oldest first'),
  /** After closing, with an answer key: the score and the expected answers. */
  score: closedAlertScoreSchema.nullable(),
  /** Threat-intel verdicts of the artifacts, once enriched. */
  enrichments: z.array(z.object({ type: z.string(), value: z.string(), verdict: z.string().nullable(), enrichedAt: z.string() })),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export async function getCase(store: EventStore, workflow: Workflow, caseId: number): Promise<CaseView> {
  const row = await workflowDb(store)
    .selectFrom('cases')
    .innerJoin('investigations', 'investigations.id', 'cases.investigation_id')
    .select(['cases.id', 'cases.alert_id', 'cases.name', 'cases.description', 'cases.type', 'cases.created_at', 'cases.created_by', 'cases.status', 'investigations.owner', 'investigations.score'])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new WorkflowError(404, 'not_found', `no case ${caseId}`);
  const { run } = await workflow.loadRun(caseId);
  const enrichments = await workflowDb(store).selectFrom('artifact_enrichments').select(['type', 'value', 'verdict', 'enriched_at']).where('case_id', '=', caseId).orderBy('type').execute();
  return {
    id: row.id,
    eventId: row.alert_id,
    name: row.name,
    description: row.description,
    type: row.type,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    status: row.status,
    owner: row.owner,
    playbook: run.playbook,
    current: run.current,
    history: run.history,
    score: row.score ? (JSON.parse(row.score) as ClosedAlertScore) : null,
    enrichments: enrichments.map((e) => ({ type: e.type, value: e.value, verdict: e.verdict, enrichedAt: new Date(e.enriched_at).toISOString() })),
  };
}

function applied(result: RunResult): PlaybookRun {
  if (result.ok) return result.run;
  const status = result.error.code === 'out_of_order' || result.error.code === 'finished' ? 409 : 400;
  const detail = result.error.artifactErrors?.map((e) => `row ${e.index + 1} ${e.field}: ${e.reason}`).join('; ');
  throw new WorkflowError(status, status === 409 ? 'out_of_order' : 'bad_request', detail ? `${result.error.message}: ${detail}` : result.error.message);
}

export type StepAction = { kind: 'answer'; stepId: string; input: AnswerInput } | { kind: 'back' } | { kind: 'restart' };

/** Applies one step action to a case's run and stores it (one transaction, audited). */
export async function actOnCase(workflow: Workflow, caseId: number, action: StepAction, actor: Actor): Promise<{ current: string | null; step: string | null }> {
  const { run } = await workflow.loadRun(caseId);
  const now = new Date();
  const next =
    action.kind === 'answer'
      ? applied(answer(run, action.stepId, action.input, actor.name, now))
      : action.kind === 'back'
        ? applied(back(run, actor.name, now))
        : applied(restart(run, actor.name, now));
  await workflow.saveRun(caseId, next, actor, `case.${action.kind === 'answer' ? `answer.${action.stepId}` : action.kind}`);
  return { current: next.current, step: currentStep(next)?.title ?? null };
}

export interface CaseSummary {
  id: number;
  eventId: number;
  name: string;
  type: string;
  status: string;
  owner: string;
  createdAt: string;
}

/** Case Management's list: open and closed cases, newest first. */
export async function listCases(store: EventStore, options: { status?: 'open' | 'closed'; limit?: number; offset?: number } = {}): Promise<CaseSummary[]> {
  let query = workflowDb(store)
    .selectFrom('cases')
    .innerJoin('investigations', 'investigations.id', 'cases.investigation_id')
    .select(['cases.id', 'cases.alert_id', 'cases.name', 'cases.type', 'cases.status', 'cases.created_at', 'investigations.owner']);
  if (options.status) query = query.where('cases.status', '=', options.status);
  const rows = await query.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc').limit(options.limit ?? 100).offset(options.offset ?? 0).execute();
  return rows.map((r) => ({ id: r.id, eventId: r.alert_id, name: r.name, type: r.type, status: r.status, owner: r.owner, createdAt: new Date(r.created_at).toISOString() }));
}
