// Response shapes of Case Management not defined by their modules: a step action's result, an enrichment (the case
// view's shape is src/soc/cases.ts's).
import { z } from 'zod';
import { lookupResultSchema } from '../intel/schema.ts';

export const stepResultSchema = z.object({
  current: z.string().nullable().describe('the id of the step now current; null when the playbook is done'),
  step: z.string().nullable().describe("that step's title"),
});

export const enrichmentSchema = z.object({
  artifacts: z.array(z.object({ type: z.string(), value: z.string(), verdict: z.string().nullable(), result: lookupResultSchema })),
});
