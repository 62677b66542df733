// Reads YAML text into plain trees that remember the line and column of every key and value.
import { parseAllDocuments, LineCounter, isMap, isSeq, isScalar, isAlias, isPair, type Node as YamlNode } from 'yaml';
import { SigmaLimitError, SigmaParseError, SigmaYamlError, type SourcePos } from './errors.ts';
import { LIMITS } from './limits.ts';

export type ScalarValue = string | number | boolean | null;

export type YNode =
  | { kind: 'map'; pos: SourcePos; entries: YEntry[] }
  | { kind: 'seq'; pos: SourcePos; items: YNode[] }
  | { kind: 'scalar'; pos: SourcePos; value: ScalarValue; source: string; quoted: boolean };

export interface YEntry {
  key: string;
  keyPos: SourcePos;
  value: YNode;
}

/** One YAML document of a file: its tree, or the error that kept it from being read. */
export type YDocument = { ok: true; pos: SourcePos; root: YNode } | { ok: false; error: SigmaYamlError | SigmaLimitError };

const START: SourcePos = { line: 1, column: 1 };

/** Splits a file into documents; YAML errors are reported per document, never thrown. */
export function readYamlDocuments(text: string, file: string): YDocument[] {
  if (text.length > LIMITS.maxFileBytes) {
    return [{ ok: false, error: new SigmaLimitError(file, START, `file is ${text.length} bytes, over the ${LIMITS.maxFileBytes}-byte limit`) }];
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  if (docs.length > LIMITS.maxDocuments) {
    return [{ ok: false, error: new SigmaLimitError(file, START, `${docs.length} YAML documents, over the ${LIMITS.maxDocuments}-document limit`) }];
  }
  const at = (offset: number | undefined): SourcePos => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  const out: YDocument[] = [];
  for (const doc of docs) {
    const pos = at(doc.range[0]);
    const first = doc.errors[0];
    if (first !== undefined) {
      out.push({ ok: false, error: new SigmaYamlError(file, at(first.pos[0]), `YAML: ${first.message.split('\n')[0] ?? first.code}`) });
      continue;
    }
    if (doc.contents === null) continue;
    try {
      out.push({ ok: true, pos, root: convert(doc.contents, at, file, 0) });
    } catch (err) {
      if (err instanceof SigmaYamlError || err instanceof SigmaLimitError) out.push({ ok: false, error: err });
      else throw err;
    }
  }
  return out;
}

function convert(node: YamlNode, at: (offset: number | undefined) => SourcePos, file: string, depth: number): YNode {
  const pos = at(node.range?.[0]);
  if (depth > LIMITS.maxYamlDepth) throw new SigmaLimitError(file, pos, `YAML nesting deeper than ${LIMITS.maxYamlDepth}`);
  if (isAlias(node)) throw new SigmaYamlError(file, pos, 'YAML aliases are not supported in Sigma rules');
  if (isScalar(node)) {
    const v: unknown = node.value;
    const value: ScalarValue =
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE' || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const source = typeof node.source === 'string' ? node.source : String(value);
    return { kind: 'scalar', pos, value, source, quoted };
  }
  if (isSeq(node)) {
    const items: YNode[] = [];
    for (const item of node.items) {
      if (item === null || item === undefined) items.push({ kind: 'scalar', pos, value: null, source: '', quoted: false });
      else if (isScalar(item) || isMap(item) || isSeq(item) || isAlias(item)) items.push(convert(item, at, file, depth + 1));
      else throw new SigmaYamlError(file, pos, 'unsupported YAML sequence item');
    }
    return { kind: 'seq', pos, items };
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k: unknown = pair.key;
      const keyPos = isScalar(k) || isMap(k) || isSeq(k) ? at(k.range?.[0]) : pos;
      if (!isScalar(k)) throw new SigmaYamlError(file, keyPos, 'map keys must be plain scalars');
      const key = k.value === null ? '' : String(k.value);
      const v: unknown = pair.value;
      let value: YNode;
      if (v === null || v === undefined) value = { kind: 'scalar', pos: keyPos, value: null, source: '', quoted: false };
      else if (isScalar(v) || isMap(v) || isSeq(v) || isAlias(v)) value = convert(v, at, file, depth + 1);
      else throw new SigmaYamlError(file, keyPos, `unsupported YAML value for key '${key}'`);
      entries.push({ key, keyPos, value });
    }
    return { kind: 'map', pos, entries };
  }
  throw new SigmaYamlError(file, pos, 'unsupported YAML node');
}

/** The entry of a map with this key, if any. */
export function entryOf(node: YNode, key: string): YEntry | undefined {
  return node.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}

/** The plain JavaScript value of a tree (for custom attributes kept as-is). */
export function toPlain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key] = toPlain(e.value);
  return out;
}

/** A scalar's text (numbers and booleans as written), or undefined. */
export function stringOf(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.source;
}

/** A string or list of strings (absent → empty). */
export function stringList(file: string, entry: YEntry | undefined): string[] {
  if (entry === undefined) return [];
  const node = entry.value;
  if (node.kind === 'scalar') return node.value === null ? [] : [stringOf(node) ?? ''];
  if (node.kind === 'seq') {
    return node.items.map((item) => {
      const s = stringOf(item);
      if (s === undefined) throw new SigmaParseError(file, item.pos, `'${entry.key}' must be a list of strings`);
      return s;
    });
  }
  throw new SigmaParseError(file, entry.keyPos, `'${entry.key}' must be a string or a list of strings`);
}
