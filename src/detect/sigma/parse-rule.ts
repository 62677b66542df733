// Parses a Sigma file (possibly multi-document) into typed rule, correlation and filter documents, one result per document.
import type { DocumentBase, LogSource, SigmaDocument, SigmaFilter, SigmaRule } from './ast.ts';
import { SigmaError, SigmaParseError, type SourcePos } from './errors.ts';
import { parseCorrelation } from './parse-correlation.ts';
import { parseDetection } from './parse-detection.ts';
import { entryOf, readYamlDocuments, stringList, stringOf, toPlain, type YEntry, type YNode } from './yaml-tree.ts';

/** The outcome for one document of a file. */
export type ParseResult = { ok: true; document: SigmaDocument } | { ok: false; error: SigmaError };

const STANDARD_KEYS = new Set([
  'title', 'id', 'name', 'related', 'taxonomy', 'status', 'description', 'license', 'references', 'author', 'date', 'modified',
  'logsource', 'detection', 'fields', 'falsepositives', 'level', 'tags', 'scope', 'correlation', 'filter', 'generate', 'action',
]);

/** Parses every document of a file. Deprecated rule collections (`action: global|reset|repeat`) are merged the way Sigma 1 did. */
export function parseSigmaFile(text: string, file: string): ParseResult[] {
  const results: ParseResult[] = [];
  let global: YNode | null = null;
  let previous: YNode | null = null;
  for (const doc of readYamlDocuments(text, file)) {
    if (!doc.ok) {
      results.push({ ok: false, error: doc.error });
      continue;
    }
    let root = doc.root;
    if (root.kind !== 'map') {
      results.push({ ok: false, error: new SigmaParseError(file, doc.pos, 'a Sigma document must be a map') });
      continue;
    }
    const action = stringOf(entryOf(root, 'action')?.value);
    if (action === 'global') {
      global = global === null ? withoutAction(root) : merge(global, withoutAction(root));
      continue;
    }
    if (action === 'reset') {
      global = null;
      continue;
    }
    if (action === 'repeat') {
      if (previous === null) {
        results.push({ ok: false, error: new SigmaParseError(file, doc.pos, "'action: repeat' without a previous document") });
        continue;
      }
      root = merge(previous, withoutAction(root));
    } else if (global !== null) {
      root = merge(global, root);
    }
    previous = root;
    try {
      results.push({ ok: true, document: parseDocument(file, root) });
    } catch (err) {
      if (err instanceof SigmaError) results.push({ ok: false, error: err });
      else throw err;
    }
  }
  return results;
}

/** Parses one document tree into a rule, correlation or filter. */
export function parseDocument(file: string, root: YNode): SigmaDocument {
  if (root.kind !== 'map') throw new SigmaParseError(file, root.pos, 'a Sigma document must be a map');
  const base = parseBase(file, root);
  if (entryOf(root, 'correlation') !== undefined) return parseCorrelation(file, root, base);
  const filterEntry = entryOf(root, 'filter');
  if (filterEntry !== undefined && entryOf(root, 'detection') === undefined) return parseFilter(file, root, filterEntry, base);
  return parseRule(file, root, base);
}

function parseRule(file: string, root: YNode, base: DocumentBase): SigmaRule {
  const detection = entryOf(root, 'detection');
  if (detection === undefined) throw new SigmaParseError(file, root.pos, "rule has no 'detection'");
  return {
    ...base,
    kind: 'rule',
    logsource: parseLogSource(file, root, true),
    detection: parseDetection(file, detection.value),
    fields: stringList(file, entryOf(root, 'fields')),
    falsepositives: stringList(file, entryOf(root, 'falsepositives')),
  };
}

function parseFilter(file: string, root: YNode, entry: YEntry, base: DocumentBase): SigmaFilter {
  const rulesEntry = entryOf(entry.value, 'rules');
  if (rulesEntry === undefined) throw new SigmaParseError(file, entry.keyPos, "filter has no 'rules' (use 'any' to apply to every rule of its log source)");
  const named = rulesEntry.value.kind === 'scalar' ? stringOf(rulesEntry.value) : undefined;
  let rules: string[] | 'any';
  if (named !== undefined && (named.toLowerCase() === 'any' || named.toLowerCase() === 'all')) rules = 'any';
  else {
    rules = stringList(file, rulesEntry);
    if (rules.length === 0) rules = 'any';
  }
  return {
    ...base,
    kind: 'filter',
    logsource: parseLogSource(file, root, true),
    rules,
    detection: parseDetection(file, entry.value, ['rules']),
  };
}

function parseBase(file: string, root: Extract<YNode, { kind: 'map' }>): DocumentBase {
  const titleEntry = entryOf(root, 'title');
  const title = stringOf(titleEntry?.value);
  if (title === undefined || title.trim() === '') throw new SigmaParseError(file, titleEntry?.keyPos ?? root.pos, "document has no 'title'");
  const custom: Record<string, unknown> = {};
  for (const e of root.entries) if (!STANDARD_KEYS.has(e.key)) custom[e.key] = toPlain(e.value);
  const base: DocumentBase = { file, pos: root.pos, title, tags: stringList(file, entryOf(root, 'tags')), custom };
  const optional = ['id', 'name', 'level', 'status', 'description'] as const;
  for (const key of optional) {
    const v = stringOf(entryOf(root, key)?.value);
    if (v !== undefined) base[key] = v;
  }
  return base;
}

function parseLogSource(file: string, root: YNode, required: boolean): LogSource {
  const entry = entryOf(root, 'logsource');
  if (entry === undefined) {
    if (required) throw new SigmaParseError(file, root.pos, "document has no 'logsource'");
    return {};
  }
  if (entry.value.kind !== 'map') throw new SigmaParseError(file, entry.keyPos, 'logsource must be a map');
  const out: LogSource = {};
  for (const key of ['category', 'product', 'service'] as const) {
    const v = stringOf(entryOf(entry.value, key)?.value);
    if (v !== undefined) out[key] = v.toLowerCase();
  }
  return out;
}

function withoutAction(node: Extract<YNode, { kind: 'map' }>): YNode {
  return { ...node, entries: node.entries.filter((e) => e.key !== 'action') };
}

/** Deep-merges two maps (b wins on scalars and lists), as the deprecated rule collections did. */
function merge(a: YNode, b: YNode): YNode {
  if (a.kind !== 'map' || b.kind !== 'map') return b;
  const entries = [...a.entries];
  for (const e of b.entries) {
    const i = entries.findIndex((x) => x.key === e.key);
    const existing = entries[i];
    if (existing === undefined) entries.push(e);
    else entries[i] = { ...e, value: merge(existing.value, e.value) };
  }
  const pos: SourcePos = b.pos;
  return { kind: 'map', pos, entries };
}
