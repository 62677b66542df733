// Response shapes of Case Management: the case with its playbook and run, a step action's result, an enrichment.
import { z } from 'zod';
import { ARTIFACT_TYPES } from '../../soc/artifacts/types.ts';
import { VERBATIM_FIELDS } from '../../soc/playbooks/schema.ts';
import { closedAlertScoreSchema } from '../../soc/scoring/score-types.ts';
import { lookupResultSchema } from '../intel/schema.ts';

const tool = z.object({ id: z.string(), label: z.string(), kind: z.enum(['external', 'lookup', 'sandbox']), url: z.string().optional() });
const stepBase = { id: z.string(), title: z.string(), text: z.string(), verbatim: z.array(z.enum(VERBATIM_FIELDS)).readonly(), line: z.number().int() };

const stepSchema = z.discriminatedUnion('kind', [
  z.object({ ...stepBase, kind: z.literal('info'), next: z.string(), fields: z.array(z.string()).readonly(), tools: z.array(tool).readonly() }),
  z.object({
    ...stepBase,
    kind: z.enum(['choice', 'select']),
    scored: z.boolean(),
    options: z.array(z.object({ label: z.string(), next: z.string(), skipsArtifacts: z.boolean() })).readonly(),
    tools: z.array(tool).readonly(),
  }),
  z.object({ ...stepBase, kind: z.literal('artifacts'), next: z.string() }),
  z.object({ ...stepBase, kind: z.literal('note'), maxLength: z.number().int() }),
]);

/** The playbook as the run holds it (the server path it was loaded from is not sent). */
export const playbookSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), rules: z.array(z.string()).readonly(), steps: z.array(stepSchema).readonly() });

const answerValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('next') }),
  z.object({ kind: z.literal('option'), value: z.string() }),
  z.object({ kind: z.literal('artifacts'), artifacts: z.array(z.object({ type: z.enum(ARTIFACT_TYPES), value: z.string(), comment: z.string() })).readonly() }),
  z.object({ kind: z.literal('note'), text: z.string() }),
]);

const runAnswer = z.object({
  seq: z.number().int(),
  attempt: z.number().int(),
  stepId: z.string(),
  value: answerValue,
  who: z.string(),
  at: z.string(),
  status: z.enum(['current', 'withdrawn', 'abandoned']),
  closed: z.object({ who: z.string(), at: z.string() }).optional(),
});

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
  playbook: playbookSchema,
  current: z.string().nullable().describe('the step waiting for an answer; null once the Analyst Note is written'),
  history: z.array(runAnswer).readonly().describe('every answer ever given, oldest first'),
  score: closedAlertScoreSchema.nullable(),
  enrichments: z.array(z.object({ type: z.string(), value: z.string(), verdict: z.string().nullable(), enrichedAt: z.string() })),
});

export const stepResultSchema = z.object({
  current: z.string().nullable().describe('the id of the step now current; null when the playbook is done'),
  step: z.string().nullable().describe("that step's title"),
});

export const enrichmentSchema = z.object({
  artifacts: z.array(z.object({ type: z.string(), value: z.string(), verdict: z.string().nullable(), result: lookupResultSchema })),
});
