// A playbook run as a pure state machine: answer the current step, go back, restart; every answer kept with who and when.
import { z } from 'zod';
import { validateArtifactList, type ArtifactRowError } from '../artifacts/merge.ts';
import { ARTIFACT_TYPES } from '../artifacts/types.ts';
import type { Playbook, Step } from './schema.ts';

/** What the step dialog sends: Next on info steps, a button or dropdown value, the artifact rows, the note. */
export const answerInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('next') }),
  z.strictObject({ kind: z.literal('option'), value: z.string() }),
  z.strictObject({
    kind: z.literal('artifacts'),
    artifacts: z.array(z.strictObject({ type: z.string(), value: z.string(), comment: z.string().optional() })),
  }),
  z.strictObject({ kind: z.literal('note'), text: z.string() }),
]);
export type AnswerInput = z.infer<typeof answerInputSchema>;

/** What is recorded: artifact rows validated, normalised and merged. */
export const answerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('next') }),
  z.object({ kind: z.literal('option'), value: z.string() }),
  z.object({ kind: z.literal('artifacts'), artifacts: z.array(z.object({ type: z.enum(ARTIFACT_TYPES), value: z.string(), comment: z.string() })).readonly() }),
  z.object({ kind: z.literal('note'), text: z.string() }),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** `current`: on the run's path; `withdrawn`: taken back with back(); `abandoned`: left behind by restart(). */
export type AnswerStatus = RunAnswer['status'];

export const runAnswerSchema = z.object({
  /** 1-based position in the history. */
  seq: z.number().int(),
  /** 1 for the first pass; each restart starts the next attempt. */
  attempt: z.number().int(),
  stepId: z.string(),
  value: answerValueSchema,
  who: z.string(),
  /** ISO 8601. */
  at: z.string(),
  status: z.enum(['current', 'withdrawn', 'abandoned']),
  /** Who withdrew or abandoned the answer, and when. */
  closed: z.object({ who: z.string(), at: z.string() }).optional(),
});
export type RunAnswer = z.infer<typeof runAnswerSchema>;

export interface PlaybookRun {
  playbook: Playbook;
  attempt: number;
  /** Every answer ever given, oldest first. */
  history: readonly RunAnswer[];
  /** The step waiting for an answer; null once the Analyst Note is written. */
  current: string | null;
}

export type RunErrorCode = 'out_of_order' | 'invalid_option' | 'invalid_answer' | 'finished' | 'at_start';

export interface RunError {
  code: RunErrorCode;
  message: string;
  /** The step the run is waiting for (null when finished). */
  current: string | null;
  /** Artifact rows that failed validation. */
  artifactErrors?: readonly ArtifactRowError[];
}

export type RunResult = { ok: true; run: PlaybookRun } | { ok: false; error: RunError };

const CONTROL_EXCEPT_NEWLINE_TAB = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function fail(run: PlaybookRun, code: RunErrorCode, message: string, extra?: Partial<RunError>): RunResult {
  return { ok: false, error: { code, message, current: run.current, ...extra } };
}

function stamp(who: string, at: Date): { who: string; at: string } | string {
  if (who.trim() === '') return 'who is empty';
  if (Number.isNaN(at.getTime())) return 'at is not a valid date';
  return { who, at: at.toISOString() };
}

export function startRun(playbook: Playbook): PlaybookRun {
  const first = playbook.steps[0];
  if (first === undefined) throw new Error(`playbook ${playbook.id} has no steps`);
  return { playbook, attempt: 1, history: [], current: first.id };
}

export function currentStep(run: PlaybookRun): Step | null {
  return run.current === null ? null : (run.playbook.steps.find((s) => s.id === run.current) ?? null);
}

export function isFinished(run: PlaybookRun): boolean {
  return run.current === null;
}

/** The answers on the run's path, in order (what scoring reads). */
export function currentAnswers(run: PlaybookRun): RunAnswer[] {
  return run.history.filter((a) => a.status === 'current');
}

/** Every answer given, including withdrawn and abandoned ones. */
export function history(run: PlaybookRun): readonly RunAnswer[] {
  return run.history;
}

/** The current answer to a step, if it has one. */
export function answerOf(run: PlaybookRun, stepId: string): AnswerValue | undefined {
  return currentAnswers(run).find((a) => a.stepId === stepId)?.value;
}

/** Checks an input against a step: the recorded value and the step it leads to (null after the note), or the error. */
function evaluate(step: Step, input: AnswerInput): { ok: true; value: AnswerValue; next: string | null } | { ok: false; code: RunErrorCode; message: string; artifactErrors?: ArtifactRowError[] } {
  const wrongKind = (wanted: string) => ({ ok: false as const, code: 'invalid_answer' as const, message: `step "${step.id}" (${step.kind}) takes ${wanted}, not ${input.kind}` });
  switch (step.kind) {
    case 'info':
      return input.kind === 'next' ? { ok: true, value: { kind: 'next' }, next: step.next } : wrongKind('next');
    case 'choice':
    case 'select': {
      if (input.kind !== 'option') return wrongKind('an option');
      const option = step.options.find((o) => o.label === input.value);
      if (option === undefined) {
        return { ok: false, code: 'invalid_option', message: `"${input.value}" is not an option of "${step.title}" (${step.options.map((o) => `"${o.label}"`).join(', ')})` };
      }
      return { ok: true, value: { kind: 'option', value: option.label }, next: option.next };
    }
    case 'artifacts': {
      if (input.kind !== 'artifacts') return wrongKind('artifacts');
      const checked = validateArtifactList(input.artifacts);
      if (!checked.ok) return { ok: false, code: 'invalid_answer', message: `${checked.errors.length} artifact problem(s)`, artifactErrors: checked.errors };
      return { ok: true, value: { kind: 'artifacts', artifacts: checked.artifacts }, next: step.next };
    }
    case 'note': {
      if (input.kind !== 'note') return wrongKind('a note');
      if (input.text.trim() === '') return { ok: false, code: 'invalid_answer', message: 'the analyst note is empty' };
      if (input.text.length > step.maxLength) return { ok: false, code: 'invalid_answer', message: `the analyst note is ${input.text.length} characters, at most ${step.maxLength}` };
      if (CONTROL_EXCEPT_NEWLINE_TAB.test(input.text)) return { ok: false, code: 'invalid_answer', message: 'control characters in the analyst note' };
      return { ok: true, value: { kind: 'note', text: input.text }, next: null };
    }
  }
}

/** Answers the current step. `stepId` must be the current step: a stale dialog gets out_of_order instead of answering the wrong step. */
export function answer(run: PlaybookRun, stepId: string, input: AnswerInput, who: string, at: Date): RunResult {
  if (run.current === null) return fail(run, 'finished', 'the playbook is finished: go back or restart to change an answer');
  const step = currentStep(run);
  if (stepId !== run.current || step === null) return fail(run, 'out_of_order', `step "${stepId}" is not the current step "${run.current}"`);
  const by = stamp(who, at);
  if (typeof by === 'string') return fail(run, 'invalid_answer', by);
  const result = evaluate(step, input);
  if (!result.ok) return fail(run, result.code, result.message, result.artifactErrors ? { artifactErrors: result.artifactErrors } : {});
  const entry: RunAnswer = { seq: run.history.length + 1, attempt: run.attempt, stepId, value: result.value, ...by, status: 'current' };
  return { ok: true, run: { ...run, history: [...run.history, entry], current: result.next } };
}

/** Takes back the last answer of the path (also after the note): its step is current again; the answer stays, withdrawn. */
export function back(run: PlaybookRun, who: string, at: Date): RunResult {
  const last = currentAnswers(run).at(-1);
  if (last === undefined) return fail(run, 'at_start', 'nothing to go back to: this is the first step');
  const by = stamp(who, at);
  if (typeof by === 'string') return fail(run, 'invalid_answer', by);
  const history = run.history.map((a) => (a.seq === last.seq ? { ...a, status: 'withdrawn' as const, closed: by } : a));
  return { ok: true, run: { ...run, history, current: last.stepId } };
}

/** Starts the playbook over: the path's answers stay in the history, abandoned. */
export function restart(run: PlaybookRun, who: string, at: Date): RunResult {
  const by = stamp(who, at);
  if (typeof by === 'string') return fail(run, 'invalid_answer', by);
  const history = run.history.map((a) => (a.status === 'current' ? { ...a, status: 'abandoned' as const, closed: by } : a));
  return { ok: true, run: { ...startRun(run.playbook), attempt: run.attempt + 1, history } };
}

/** A run without its playbook, for storage. */
export interface RunRecord {
  playbookId: string;
  attempt: number;
  history: readonly RunAnswer[];
  current: string | null;
}

export function toRunRecord(run: PlaybookRun): RunRecord {
  return { playbookId: run.playbook.id, attempt: run.attempt, history: run.history, current: run.current };
}

/** A stored run against its playbook: the path's answers must still walk the playbook to `current` (the playbook may have changed). */
export function fromRunRecord(playbook: Playbook, record: RunRecord): RunResult {
  const run: PlaybookRun = { playbook, attempt: record.attempt, history: record.history, current: record.current };
  if (record.playbookId !== playbook.id) return fail(run, 'invalid_answer', `the run is of playbook "${record.playbookId}", not "${playbook.id}"`);
  let at: string | null = playbook.steps[0]?.id ?? null;
  for (const a of currentAnswers(run)) {
    const step = playbook.steps.find((s) => s.id === at);
    if (step === undefined || a.stepId !== at) return fail(run, 'out_of_order', `stored answer ${a.seq} is for "${a.stepId}", the playbook expects "${at ?? 'nothing (finished)'}"`);
    const input: AnswerInput = a.value.kind === 'artifacts' ? { kind: 'artifacts', artifacts: [...a.value.artifacts] } : a.value;
    const checked = evaluate(step, input);
    if (!checked.ok) return fail(run, checked.code, `stored answer ${a.seq}: ${checked.message}`);
    at = checked.next;
  }
  if (at !== record.current) return fail(run, 'out_of_order', `stored current step "${record.current ?? 'none'}" differs from where the answers lead ("${at ?? 'none'}")`);
  return { ok: true, run };
}
