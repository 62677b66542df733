// Response shapes of the alert lifecycle routes: ownership, cases, closing with its score, the Closed Alerts rows.
import { z } from 'zod';
import { ARTIFACT_TYPES } from '../../soc/artifacts/types.ts';

export const ownershipSchema = z.object({ eventId: z.number().int(), owner: z.string() });

export const caseOpenedSchema = z.object({ caseId: z.number().int(), created: z.boolean().describe('false when the alert already had its case') });

const scoreLineSchema = z.object({
  kind: z.enum(['verdict', 'step', 'unkeyed', 'missed']),
  stepId: z.string().optional(),
  title: z.string(),
  given: z.string().nullable(),
  expected: z.array(z.string()).readonly(),
  correct: z.boolean().nullable().describe('null for unkeyed and missed lines'),
  points: z.number(),
  text: z.string(),
});

const keyArtifact = z.object({ type: z.enum(ARTIFACT_TYPES), value: z.string() });

/** ClosedAlertScore (src/soc/scoring/score-types.ts): present when the alert has an answer key. */
export const scoreSchema = z.object({
  eventId: z.number().int(),
  playbookId: z.string(),
  verdict: scoreLineSchema,
  steps: z.array(scoreLineSchema).readonly(),
  lines: z.array(z.string()).readonly(),
  verdictPoints: z.number(),
  playbookScore: z.number(),
  total: z.number(),
  scoredAnswered: z.number().int(),
  scoredCorrect: z.number().int(),
  successRate: z.number().nullable(),
  artifacts: z.object({ found: z.array(keyArtifact).readonly(), missing: z.array(keyArtifact).readonly() }),
  note: z.string().nullable(),
});

export const closeResultSchema = z.object({ eventId: z.number().int(), score: scoreSchema.nullable() });

export const closedListSchema = z.object({
  closed: z.array(
    z.object({
      investigationId: z.number().int(),
      eventId: z.number().int(),
      severity: z.string(),
      dateClosed: z.string(),
      rule: z.string(),
      type: z.string(),
      owner: z.string(),
      verdict: z.string(),
      note: z.string(),
      result: z.enum(['✓', '✗']).nullable().describe('against the answer key; null outside training'),
      reinvestigated: z.boolean(),
      score: scoreSchema.nullable(),
    }),
  ),
});
