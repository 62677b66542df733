// The playbook file format (zod schemas of the YAML) and the types of a loaded playbook.
import { z } from 'zod';

export const STEP_KINDS = ['info', 'choice', 'select', 'artifacts', 'note'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Which of a step's strings are copied word for word from PRODUCT.md §4 (the rest is Watchfloor's own wording). */
export const VERBATIM_FIELDS = ['title', 'text', 'options'] as const;
export type VerbatimField = (typeof VERBATIM_FIELDS)[number];

const STEP_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const stepId = z.string().regex(STEP_ID, 'a kebab-case step id such as analyze-url-address');
const text = z.string().trim().min(1);

const optionSchema = z.union([
  text,
  z.strictObject({
    label: text,
    /** The step this answer leads to; default: the step's `next`. */
    next: stepId.optional(),
    /** This answer goes to the Analyst Note without Add Artifacts, on purpose. */
    skipsArtifacts: z.boolean().optional(),
  }),
]);

const common = {
  id: stepId,
  title: text,
  /** The instruction shown in the step dialog. */
  text,
  verbatim: z.array(z.enum(VERBATIM_FIELDS)).default([]),
};

const decision = {
  ...common,
  /** ★: the answer is checked against the answer key and scored. */
  scored: z.boolean(),
  options: z.array(optionSchema).min(1),
  next: stepId.optional(),
  /** Lookup and sandbox links offered in the step (ids from tools.yaml). */
  tools: z.array(z.string()).default([]),
};

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('info'),
    next: stepId,
    /** Alert fields (PRODUCT.md §3 labels) the step asks the analyst to gather. */
    fields: z.array(text).default([]),
    tools: z.array(z.string()).default([]),
  }),
  z.strictObject({ ...decision, kind: z.literal('choice') }),
  z.strictObject({ ...decision, kind: z.literal('select') }),
  z.strictObject({ ...common, kind: z.literal('artifacts'), next: stepId }),
  z.strictObject({ ...common, kind: z.literal('note') }),
]);

export const playbookFileSchema = z.strictObject({
  id: stepId,
  name: text,
  description: text,
  /** Catalogue codes of the rules whose alerts use this playbook (PRODUCT.md §4; informational). */
  rules: z.array(z.string().regex(/^SOC\d{3}$/)).default([]),
  /** The first step is where a run starts. */
  steps: z.array(stepSchema).min(1),
});

export type PlaybookFile = z.infer<typeof playbookFileSchema>;
export type StepFile = z.infer<typeof stepSchema>;

export const toolsFileSchema = z.strictObject({
  tools: z.record(
    z.string().regex(STEP_ID),
    z.strictObject({
      label: text,
      /** external: a third-party site; lookup / sandbox: Watchfloor's own Threat Intel lookup and Sandbox pages. */
      kind: z.enum(['external', 'lookup', 'sandbox']),
      url: z.url().optional(),
    }),
  ),
});

export const mappingFileSchema = z.strictObject({
  /** The playbook for alert types not listed. */
  default: stepId,
  /** Alert type (as shown in the Type column) → playbook id. */
  types: z.record(z.string().min(1), stepId),
});

// ---- Loaded playbooks ----

// Each is a zod schema with its type inferred: the API describes a case's playbook with the same schemas.

export const toolSchema = z.object({ id: z.string(), label: z.string(), kind: z.enum(['external', 'lookup', 'sandbox']), url: z.string().optional() });
export type Tool = z.infer<typeof toolSchema>;

export const stepOptionSchema = z.object({ label: z.string(), next: z.string(), skipsArtifacts: z.boolean() });
export type StepOption = z.infer<typeof stepOptionSchema>;

const stepBase = {
  id: z.string(),
  title: z.string(),
  text: z.string(),
  verbatim: z.array(z.enum(VERBATIM_FIELDS)).readonly(),
  /** 1-based line of the step in its file. */
  line: z.number().int(),
};

const infoStepSchema = z.object({ ...stepBase, kind: z.literal('info'), next: z.string(), fields: z.array(z.string()).readonly(), tools: z.array(toolSchema).readonly() });
/** `choice`: answer buttons; `select`: a dropdown. */
const decisionStepSchema = z.object({
  ...stepBase,
  kind: z.enum(['choice', 'select']),
  scored: z.boolean(),
  options: z.array(stepOptionSchema).readonly(),
  tools: z.array(toolSchema).readonly(),
});
const artifactsStepSchema = z.object({ ...stepBase, kind: z.literal('artifacts'), next: z.string() });
/** `maxLength`: characters allowed in the note (NOTE_MAX_LENGTH). */
const noteStepSchema = z.object({ ...stepBase, kind: z.literal('note'), maxLength: z.number().int() });

export const loadedStepSchema = z.discriminatedUnion('kind', [infoStepSchema, decisionStepSchema, artifactsStepSchema, noteStepSchema]);
export type InfoStep = z.infer<typeof infoStepSchema>;
export type DecisionStep = z.infer<typeof decisionStepSchema>;
export type ArtifactsStep = z.infer<typeof artifactsStepSchema>;
export type NoteStep = z.infer<typeof noteStepSchema>;
export type Step = z.infer<typeof loadedStepSchema>;

export const playbookSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rules: z.array(z.string()).readonly(),
  /** In file order; the first is the start. */
  steps: z.array(loadedStepSchema).readonly(),
  /** The file it was loaded from. */
  file: z.string(),
});
export type Playbook = z.infer<typeof playbookSchema>;

export interface PlaybookMapping {
  default: string;
  types: Readonly<Record<string, string>>;
}
