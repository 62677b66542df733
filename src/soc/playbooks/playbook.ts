// Playbook loader: YAML files validated with zod and graph checks (file:line:column problems), the tool catalogue,
// and the alert type → playbook mapping (mapping.yaml plus an override object).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTE_MAX_LENGTH } from '../artifacts/limits.ts';
import { PlaybookError, type PlaybookProblem } from './errors.ts';
import { checkGraph, type Edge } from './graph.ts';
import {
  mappingFileSchema,
  playbookFileSchema,
  toolsFileSchema,
  type Playbook,
  type PlaybookMapping,
  type Step,
  type StepFile,
  type StepOption,
  type Tool,
} from './schema.ts';
import { readYaml, zodProblems, type YamlPath, type YamlSource } from './yaml-source.ts';

/** The folder of the built-in playbooks, tools.yaml and mapping.yaml. */
export const BUILTIN_PLAYBOOK_DIR = dirname(fileURLToPath(import.meta.url));
const TOOLS_FILE = 'tools.yaml';
const MAPPING_FILE = 'mapping.yaml';

function read(path: string): { ok: true; text: string } | { ok: false; problem: PlaybookProblem } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (err) {
    return { ok: false, problem: { code: 'io', file: path, line: 0, column: 0, message: (err as Error).message } };
  }
}

/** tools.yaml: id → tool. Throws PlaybookError. */
export function parseTools(text: string, file: string): ReadonlyMap<string, Tool> {
  const read = readYaml(text, file);
  if (!read.ok) throw new PlaybookError(read.problems);
  const parsed = toolsFileSchema.safeParse(read.source.value);
  if (!parsed.success) throw new PlaybookError(zodProblems(read.source, parsed.error));
  return new Map(Object.entries(parsed.data.tools).map(([id, t]) => [id, { id, ...t }]));
}

function buildStep(raw: StepFile, i: number, source: YamlSource, tools: ReadonlyMap<string, Tool>, problems: PlaybookProblem[], edges: Edge[]): Step {
  const at: YamlPath = ['steps', i];
  const base = { id: raw.id, title: raw.title, text: raw.text, verbatim: raw.verbatim, line: source.locate(at).line };
  const resolveTools = (ids: readonly string[]): Tool[] =>
    ids.flatMap((id, j) => {
      const tool = tools.get(id);
      if (tool === undefined) problems.push(source.problem('unknown_tool', [...at, 'tools', j], `unknown tool "${id}" (tools: ${[...tools.keys()].join(', ')})`));
      return tool === undefined ? [] : [tool];
    });
  if (raw.verbatim.includes('options') && raw.kind !== 'choice' && raw.kind !== 'select') {
    problems.push(source.problem('schema', [...at, 'verbatim'], `a ${raw.kind} step has no options to be verbatim`));
  }
  switch (raw.kind) {
    case 'info':
      edges.push({ from: raw.id, to: raw.next, skipsArtifacts: false, path: [...at, 'next'] });
      return { ...base, kind: 'info', next: raw.next, fields: raw.fields, tools: resolveTools(raw.tools) };
    case 'artifacts':
      edges.push({ from: raw.id, to: raw.next, skipsArtifacts: false, path: [...at, 'next'] });
      return { ...base, kind: 'artifacts', next: raw.next };
    case 'note':
      return { ...base, kind: 'note', maxLength: NOTE_MAX_LENGTH };
    case 'choice':
    case 'select': {
      const options: StepOption[] = [];
      raw.options.forEach((o, j) => {
        const option = typeof o === 'string' ? { label: o } : o;
        const own = typeof o !== 'string' && o.next !== undefined;
        const next = option.next ?? raw.next;
        const path: YamlPath = own ? [...at, 'options', j, 'next'] : raw.next !== undefined ? [...at, 'next'] : [...at, 'options', j];
        if (options.some((seen) => seen.label === option.label)) {
          problems.push(source.problem('duplicate_option', [...at, 'options', j], `duplicate option "${option.label}" in step "${raw.id}"`));
        }
        if (next === undefined) {
          problems.push(source.problem('schema', path, `option "${option.label}" of step "${raw.id}" has no next step (give the option or the step a next)`));
          return;
        }
        const skipsArtifacts = option.skipsArtifacts ?? false;
        options.push({ label: option.label, next, skipsArtifacts });
        edges.push({ from: raw.id, to: next, option: option.label, skipsArtifacts, path });
      });
      return { ...base, kind: raw.kind, scored: raw.scored, options, tools: resolveTools(raw.tools) };
    }
  }
}

/** One playbook file. Throws PlaybookError with every problem found. */
export function parsePlaybook(text: string, file: string, tools: ReadonlyMap<string, Tool>): Playbook {
  const read = readYaml(text, file);
  if (!read.ok) throw new PlaybookError(read.problems);
  const { source } = read;
  const parsed = playbookFileSchema.safeParse(source.value);
  if (!parsed.success) throw new PlaybookError(zodProblems(source, parsed.error));
  const problems: PlaybookProblem[] = [];
  const edges: Edge[] = [];
  const steps = parsed.data.steps.map((raw, i) => buildStep(raw, i, source, tools, problems, edges));
  problems.push(...checkGraph(steps, edges, source));
  if (problems.length > 0) throw new PlaybookError(problems);
  const { id, name, description, rules } = parsed.data;
  return { id, name, description, rules, steps, file };
}

/** mapping.yaml. Throws PlaybookError. */
export function parsePlaybookMapping(text: string, file: string, playbookIds?: ReadonlySet<string>): PlaybookMapping {
  const read = readYaml(text, file);
  if (!read.ok) throw new PlaybookError(read.problems);
  const parsed = mappingFileSchema.safeParse(read.source.value);
  if (!parsed.success) throw new PlaybookError(zodProblems(read.source, parsed.error));
  const mapping = { default: parsed.data.default, types: parsed.data.types };
  if (playbookIds !== undefined) {
    const unknown = (id: string, path: YamlPath): PlaybookProblem[] =>
      playbookIds.has(id) ? [] : [read.source.problem('unknown_playbook', path, `unknown playbook "${id}" (playbooks: ${[...playbookIds].join(', ')})`)];
    const problems = [
      ...unknown(mapping.default, ['default']),
      ...Object.entries(mapping.types).flatMap(([type, id]) => unknown(id, ['types', type])),
    ];
    if (problems.length > 0) throw new PlaybookError(problems);
  }
  return mapping;
}

/** Changes to the mapping that a deployment makes without editing mapping.yaml. */
export interface MappingOverride {
  default?: string;
  types?: Readonly<Record<string, string>>;
}

/** The mapping with `override` applied; every playbook id must be one of `playbookIds`. Throws PlaybookError. */
export function applyMappingOverride(mapping: PlaybookMapping, override: MappingOverride, playbookIds: ReadonlySet<string>): PlaybookMapping {
  const merged = { default: override.default ?? mapping.default, types: { ...mapping.types, ...override.types } };
  const bad = [['default', merged.default] as const, ...Object.entries(override.types ?? {}).map(([t, id]) => [`types["${t}"]`, id] as const)]
    .filter(([, id]) => !playbookIds.has(id))
    .map(([where, id]): PlaybookProblem => ({ code: 'unknown_playbook', file: 'mapping override', line: 0, column: 0, message: `${where}: unknown playbook "${id}"` }));
  if (bad.length > 0) throw new PlaybookError(bad);
  return merged;
}

/** The playbook id for an alert Type: exact match, then case-insensitive, then the default. */
export function playbookIdForAlertType(mapping: PlaybookMapping, alertType: string): string {
  const exact = mapping.types[alertType];
  if (exact !== undefined) return exact;
  const lower = alertType.trim().toLowerCase();
  const loose = Object.entries(mapping.types).find(([type]) => type.toLowerCase() === lower);
  return loose?.[1] ?? mapping.default;
}

export interface PlaybookLibrary {
  playbooks: ReadonlyMap<string, Playbook>;
  tools: ReadonlyMap<string, Tool>;
  mapping: PlaybookMapping;
}

/** The playbook a case for an alert of this Type starts with. */
export function playbookForAlertType(library: PlaybookLibrary, alertType: string): Playbook {
  const id = playbookIdForAlertType(library.mapping, alertType);
  const playbook = library.playbooks.get(id);
  if (playbook === undefined) throw new Error(`mapping names playbook "${id}", which is not loaded`);
  return playbook;
}

/**
 * Every `*.yaml` playbook of `dir` (file name = playbook id), its tools.yaml and mapping.yaml, with an optional mapping override.
 * Throws one PlaybookError with the problems of every file.
 */
export function loadPlaybookLibrary(dir: string = BUILTIN_PLAYBOOK_DIR, override?: MappingOverride): PlaybookLibrary {
  const problems: PlaybookProblem[] = [];
  const attempt = <T>(path: string, parse: (text: string) => T): T | undefined => {
    const file = read(path);
    if (!file.ok) {
      problems.push(file.problem);
      return undefined;
    }
    try {
      return parse(file.text);
    } catch (err) {
      if (!(err instanceof PlaybookError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };
  const tools = attempt(join(dir, TOOLS_FILE), (text) => parseTools(text, join(dir, TOOLS_FILE))) ?? new Map<string, Tool>();
  const playbooks = new Map<string, Playbook>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== TOOLS_FILE && f !== MAPPING_FILE).sort();
  for (const name of files) {
    const path = join(dir, name);
    const playbook = attempt(path, (text) => parsePlaybook(text, path, tools));
    if (playbook === undefined) continue;
    if (playbook.id !== basename(name, '.yaml')) {
      problems.push({ code: 'schema', file: path, line: 1, column: 1, message: `playbook id "${playbook.id}" differs from its file name ${name}` });
    } else {
      playbooks.set(playbook.id, playbook);
    }
  }
  const ids = new Set(playbooks.keys());
  const mappingPath = join(dir, MAPPING_FILE);
  const base = problems.length === 0 ? attempt(mappingPath, (text) => parsePlaybookMapping(text, mappingPath, ids)) : undefined;
  if (problems.length > 0 || base === undefined) throw new PlaybookError(problems);
  const mapping = override !== undefined ? applyMappingOverride(base, override, ids) : base;
  return { playbooks, tools, mapping };
}

/** A step of the playbook by id. */
export function stepById(playbook: Playbook, id: string): Step | undefined {
  return playbook.steps.find((s) => s.id === id);
}
