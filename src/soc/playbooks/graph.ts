// Checks of a playbook's step graph: known targets, one start, no loops, every step reachable, the Add Artifacts → Analyst Note ending.
import type { PlaybookProblem } from './errors.ts';
import type { Step } from './schema.ts';
import type { YamlPath, YamlSource } from './yaml-source.ts';

/** One arrow of the graph, with where it is written. */
export interface Edge {
  from: string;
  to: string;
  /** The option's label, for choice and select steps. */
  option?: string;
  skipsArtifacts: boolean;
  path: YamlPath;
}

const ENDING = 'every playbook ends with Add Artifacts (kind: artifacts) then Analyst Note (kind: note)';

export function checkGraph(steps: readonly Step[], edges: readonly Edge[], source: YamlSource): PlaybookProblem[] {
  const problems: PlaybookProblem[] = [];
  const index = new Map<string, number>();
  steps.forEach((step, i) => {
    if (index.has(step.id)) problems.push(source.problem('duplicate_step', ['steps', i, 'id'], `duplicate step id "${step.id}"`));
    else index.set(step.id, i);
  });
  for (const edge of edges) {
    if (!index.has(edge.to)) {
      problems.push(source.problem('unknown_step', edge.path, `unknown next step "${edge.to}" (steps: ${[...index.keys()].join(', ')})`));
    }
  }
  const artifacts = steps.flatMap((s, i) => (s.kind === 'artifacts' ? [i] : []));
  const notes = steps.flatMap((s, i) => (s.kind === 'note' ? [i] : []));
  if (artifacts.length === 0) problems.push(source.problem('missing_ending', ['steps'], `no Add Artifacts step: ${ENDING}`, { key: true }));
  if (notes.length === 0) problems.push(source.problem('missing_ending', ['steps'], `no Analyst Note step: ${ENDING}`, { key: true }));
  for (const i of [...artifacts.slice(1), ...notes.slice(1)]) {
    problems.push(source.problem('duplicate_ending', ['steps', i, 'kind'], `a second ${steps[i]?.kind} step "${steps[i]?.id}": ${ENDING}, once`));
  }
  if (problems.length > 0) return problems;

  const out = new Map<string, Edge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const start = steps[0]?.id ?? '';

  // Loops: a depth-first walk that meets a step still on its own path.
  const state = new Map<string, 'open' | 'done'>();
  const walk = (id: string): void => {
    state.set(id, 'open');
    for (const edge of out.get(id) ?? []) {
      const seen = state.get(edge.to);
      if (seen === 'open') problems.push(source.problem('cycle', edge.path, `step "${edge.from}" leads back to "${edge.to}": playbooks must not loop`));
      else if (seen === undefined) walk(edge.to);
    }
    state.set(id, 'done');
  };
  walk(start);
  steps.forEach((step, i) => {
    if (!state.has(step.id)) problems.push(source.problem('unreachable_step', ['steps', i, 'id'], `step "${step.id}" is never reached from the first step "${start}"`));
  });
  if (problems.length > 0) return problems;

  // The ending: whatever follows Add Artifacts is entered only through it, unless an option says it skips it on purpose.
  const artifactsId = steps[artifacts[0] ?? 0]?.id ?? '';
  const after = new Set<string>();
  const stack = [artifactsId];
  while (stack.length > 0) {
    const id = stack.pop() ?? '';
    if (after.has(id)) continue;
    after.add(id);
    for (const edge of out.get(id) ?? []) stack.push(edge.to);
  }
  for (const edge of edges) {
    const bypass = !after.has(edge.from) && after.has(edge.to) && edge.to !== artifactsId;
    const what = edge.option !== undefined ? `option "${edge.option}" of step "${edge.from}"` : `step "${edge.from}"`;
    if (bypass && !edge.skipsArtifacts) {
      problems.push(
        source.problem('missing_ending', edge.path, `${what} goes to "${edge.to}" without Add Artifacts: ${ENDING} (mark the option skipsArtifacts: true if this is intended)`),
      );
    } else if (!bypass && edge.skipsArtifacts) {
      problems.push(source.problem('schema', edge.path, `${what} is marked skipsArtifacts but does not skip Add Artifacts`));
    }
  }
  return problems;
}
