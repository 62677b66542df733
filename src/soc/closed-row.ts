// A row of the Closed Alerts tab: its zod schema (the API's response schema too) and the type inferred from it.
import { z } from 'zod';
import { closedAlertScoreSchema } from './scoring/score-types.ts';

export const closedRowSchema = z.object({
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
  score: closedAlertScoreSchema.nullable(),
});

export type ClosedRow = z.infer<typeof closedRowSchema>;
