// A YAML file parsed into plain data that can still say where any path in it came from (line and column), and zod issues placed there.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { PlaybookProblem, PlaybookProblemCode } from './errors.ts';

export type YamlPath = readonly PropertyKey[];

export interface YamlSource {
  file: string;
  value: unknown;
  /** The position of the deepest node of `path` that exists; `key` places it on the map key of the last segment. */
  locate(path: YamlPath, options?: { key?: boolean }): { line: number; column: number };
  problem(code: PlaybookProblemCode, path: YamlPath, message: string, options?: { key?: boolean }): PlaybookProblem;
}

export type YamlRead = { ok: true; source: YamlSource } | { ok: false; problems: PlaybookProblem[] };

function child(node: YamlNode, segment: PropertyKey): { value: YamlNode | null; key: YamlNode | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (pair === undefined) return undefined;
    const key = isScalar(pair.key) ? pair.key : null;
    const value = pair.value !== null && typeof pair.value === 'object' && 'range' in pair.value ? (pair.value as YamlNode) : null;
    return { value, key };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item: unknown = node.items[segment];
    return item !== null && typeof item === 'object' && 'range' in item ? { value: item as YamlNode, key: null } : undefined;
  }
  return undefined;
}

export function readYaml(text: string, file: string): YamlRead {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): { line: number; column: number } => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ code: 'yaml' as const, file, ...at(e.pos[0]), message: `YAML: ${e.message.split('\n')[0] ?? e.code}` })),
    };
  }
  const locate: YamlSource['locate'] = (path, options) => {
    let node = doc.contents as YamlNode | null;
    if (node === null) return { line: 1, column: 1 };
    for (const [i, segment] of path.entries()) {
      const next = child(node, segment);
      if (next === undefined) break;
      if (i === path.length - 1 && options?.key === true && next.key !== null) return at(next.key.range?.[0]);
      if (next.value === null) return at((next.key ?? node).range?.[0]);
      node = next.value;
    }
    return at(node.range?.[0]);
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch (err) {
    return { ok: false, problems: [{ code: 'yaml', file, line: 1, column: 1, message: `YAML: ${(err as Error).message}` }] };
  }
  return {
    ok: true,
    source: {
      file,
      value,
      locate,
      problem: (code, path, message, options) => ({ code, file, ...locate(path, options), message }),
    },
  };
}

export function pathText(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('') || 'document';
}

/** Every zod issue as a problem at the place it refers to (unknown keys at the key itself). */
export function zodProblems(source: YamlSource, error: z.ZodError): PlaybookProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return source.problem('schema', [...issue.path, key], `${pathText(issue.path)}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`, { key: true });
    }
    return source.problem('schema', issue.path, `${pathText(issue.path)}: ${issue.message}`);
  });
}
