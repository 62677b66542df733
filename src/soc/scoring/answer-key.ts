// Answer keys of the training range: per EventID, the verdict, the expected answer of each ★ step and the artifacts worth adding.
import { z } from 'zod';
import { ARTIFACT_TYPES, type ArtifactType } from '../artifacts/types.ts';
import { validateArtifact } from '../artifacts/validate.ts';
import type { Playbook } from '../playbooks/schema.ts';

export const VERDICTS = ['True Positive', 'False Positive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const answerKeySchema = z.strictObject({
  eventId: z.number().int().positive(),
  /** The playbook the step ids refer to (e.g. proxy). */
  playbook: z.string().min(1),
  verdict: z.enum(VERDICTS),
  /** ★ step id → the expected option, or the options that are all accepted. */
  answers: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).default({}),
  /** Artifacts worth adding (shown after closing; not scored). */
  artifacts: z.array(z.strictObject({ type: z.enum(ARTIFACT_TYPES), value: z.string().min(1) })).default([]),
});

export interface AnswerKey {
  eventId: number;
  playbook: string;
  verdict: Verdict;
  /** ★ step id → accepted options (at least one). */
  answers: Readonly<Record<string, readonly string[]>>;
  /** Normalised by type. */
  artifacts: readonly { type: ArtifactType; value: string }[];
}

export type AnswerKeyResult = { ok: true; key: AnswerKey } | { ok: false; problems: string[] };

/** Validates a key (from a scenario pack's YAML or JSON) and normalises its artifacts; with a playbook, checks steps and options too. */
export function parseAnswerKey(input: unknown, playbook?: Playbook): AnswerKeyResult {
  const parsed = answerKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'key'}: ${i.message}`) };
  const problems: string[] = [];
  const artifacts = parsed.data.artifacts.flatMap((a, i) => {
    const checked = validateArtifact(a.type, a.value);
    if (!checked.ok) problems.push(`artifacts.${i}: ${checked.reason}`);
    return checked.ok ? [{ type: a.type, value: checked.value }] : [];
  });
  const answers = Object.fromEntries(Object.entries(parsed.data.answers).map(([step, v]) => [step, typeof v === 'string' ? [v] : v]));
  const key: AnswerKey = { eventId: parsed.data.eventId, playbook: parsed.data.playbook, verdict: parsed.data.verdict, answers, artifacts };
  if (playbook !== undefined) problems.push(...checkAnswerKey(key, playbook));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, key };
}

/** What is wrong with a key for this playbook: another playbook, unknown or unscored steps, answers that are not options. */
export function checkAnswerKey(key: AnswerKey, playbook: Playbook): string[] {
  if (key.playbook !== playbook.id) return [`EventID ${key.eventId}: the key is for playbook "${key.playbook}", not "${playbook.id}"`];
  return Object.entries(key.answers).flatMap(([stepId, accepted]) => {
    const step = playbook.steps.find((s) => s.id === stepId);
    if (step === undefined) return [`answers.${stepId}: no such step in playbook "${playbook.id}"`];
    if ((step.kind !== 'choice' && step.kind !== 'select') || !step.scored) return [`answers.${stepId}: "${step.title}" is not a scored (★) step`];
    return accepted
      .filter((a) => !step.options.some((o) => o.label === a))
      .map((a) => `answers.${stepId}: "${a}" is not an option of "${step.title}" (${step.options.map((o) => o.label).join(', ')})`);
  });
}
