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

export interface Tool {
  id: string;
  label: string;
  kind: 'external' | 'lookup' | 'sandbox';
  url?: string;
}

export interface StepOption {
  label: string;
  next: string;
  skipsArtifacts: boolean;
}

interface StepBase {
  id: string;
  title: string;
  text: string;
  verbatim: readonly VerbatimField[];
  /** 1-based line of the step in its file. */
  line: number;
}

export interface InfoStep extends StepBase {
  kind: 'info';
  next: string;
  fields: readonly string[];
  tools: readonly Tool[];
}

/** `choice`: answer buttons; `select`: a dropdown. */
export interface DecisionStep extends StepBase {
  kind: 'choice' | 'select';
  scored: boolean;
  options: readonly StepOption[];
  tools: readonly Tool[];
}

export interface ArtifactsStep extends StepBase {
  kind: 'artifacts';
  next: string;
}

export interface NoteStep extends StepBase {
  kind: 'note';
  /** Characters allowed in the note (NOTE_MAX_LENGTH). */
  maxLength: number;
}

export type Step = InfoStep | DecisionStep | ArtifactsStep | NoteStep;

export interface Playbook {
  id: string;
  name: string;
  description: string;
  rules: readonly string[];
  /** In file order; the first is the start. */
  steps: readonly Step[];
  /** The file it was loaded from. */
  file: string;
}

export interface PlaybookMapping {
  default: string;
  types: Readonly<Record<string, string>>;
}
