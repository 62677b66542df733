// Response shapes of the alert lifecycle routes: ownership, cases, closing with its score, the Closed Alerts rows.
import { z } from 'zod';
import { closedRowSchema } from '../../soc/closed-row.ts';
import { closedAlertScoreSchema } from '../../soc/scoring/score-types.ts';

export const ownershipSchema = z.object({ eventId: z.number().int(), owner: z.string() });

export const caseOpenedSchema = z.object({ caseId: z.number().int(), created: z.boolean().describe('false when the alert already had its case') });

export const closeResultSchema = z.object({ eventId: z.number().int(), score: closedAlertScoreSchema.nullable() });

export const closedListSchema = z.object({ closed: z.array(closedRowSchema) });
