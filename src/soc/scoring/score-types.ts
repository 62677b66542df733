// The shapes of a closed alert's score and of an analyst's totals: one zod schema each, the type inferred from it, the
// API's response schema too.
import { z } from 'zod';
import { ARTIFACT_TYPES } from '../artifacts/types.ts';

/**
 * `verdict` and `step` lines count; `unkeyed` is a ★ answer the key says nothing about (shown, not counted);
 * `missed` is a keyed ★ step the run never reached (shown with its expected answer, not counted).
 */
export const scoreLineSchema = z.object({
  kind: z.enum(['verdict', 'step', 'unkeyed', 'missed']),
  /** For step lines. */
  stepId: z.string().optional(),
  /** "Answer" for the verdict, else the step title. */
  title: z.string(),
  given: z.string().nullable(),
  expected: z.array(z.string()).readonly(),
  correct: z.boolean().nullable().describe('null for unkeyed and missed lines'),
  points: z.number(),
  /** As shown: "Answer: False Positive (+5 Point)", "Analyze URL Address (+5 Point)", "✗ Analyze URL Address: Malicious (expected: Non-malicious)". */
  text: z.string(),
});

const keyArtifact = z.object({ type: z.enum(ARTIFACT_TYPES), value: z.string() });

/** Present when the alert has an answer key. */
export const closedAlertScoreSchema = z.object({
  eventId: z.number().int(),
  playbookId: z.string(),
  verdict: scoreLineSchema,
  /** ★ steps in the order answered, then the missed ones. */
  steps: z.array(scoreLineSchema).readonly(),
  /** Every line's text, verdict first. */
  lines: z.array(z.string()).readonly(),
  verdictPoints: z.number(),
  /** 5 × correct ★ answers. */
  playbookScore: z.number(),
  total: z.number(),
  scoredAnswered: z.number().int(),
  scoredCorrect: z.number().int(),
  successRate: z.number().nullable().describe('correct ★ ÷ ★ answered (0–1); null when no keyed ★ step was answered'),
  /** The key's artifacts, split by whether the run's Add Artifacts answer has them (not scored). */
  artifacts: z.object({ found: z.array(keyArtifact).readonly(), missing: z.array(keyArtifact).readonly() }),
  /** The Analyst Note, when written. */
  note: z.string().nullable(),
});

export const analystTotalsSchema = z.object({
  analyst: z.string(),
  closedAlerts: z.number().int(),
  correctVerdicts: z.number().int(),
  verdictPoints: z.number(),
  playbookPoints: z.number(),
  total: z.number(),
  scoredAnswered: z.number().int(),
  scoredCorrect: z.number().int(),
  successRate: z.number().nullable().describe("correct ★ ÷ ★ answered over all the analyst's closed alerts; null when none answered"),
});

export type ScoreLine = z.infer<typeof scoreLineSchema>;
export type ScoreLineKind = ScoreLine['kind'];
export type ClosedAlertScore = z.infer<typeof closedAlertScoreSchema>;
export type AnalystTotals = z.infer<typeof analystTotalsSchema>;
