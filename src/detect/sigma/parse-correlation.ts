// Parses a correlation document (event_count, value_count, temporal, temporal_ordered, value_sum/avg/percentile).
import type { CompareOp, CorrelationCondition, CorrelationType, DocumentBase, SigmaCorrelation } from './ast.ts';
import { SigmaParseError } from './errors.ts';
import { entryOf, stringList, stringOf, type YNode } from './yaml-tree.ts';

const TYPES: readonly CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'];
const OPS: readonly CompareOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseCorrelation(file: string, root: YNode, base: DocumentBase): SigmaCorrelation {
  const entry = entryOf(root, 'correlation');
  if (entry === undefined || entry.value.kind !== 'map') throw new SigmaParseError(file, entry?.keyPos ?? root.pos, 'correlation must be a map');
  const c = entry.value;
  const typeText = stringOf(entryOf(c, 'type')?.value);
  const type = TYPES.find((t) => t === typeText);
  if (type === undefined) {
    throw new SigmaParseError(file, entryOf(c, 'type')?.keyPos ?? entry.keyPos, `correlation type '${typeText ?? ''}' is not one of ${TYPES.join(', ')}`);
  }
  const rules = stringList(file, entryOf(c, 'rules'));
  if (rules.length === 0) throw new SigmaParseError(file, entry.keyPos, 'correlation refers to no rules');
  const groupBy = stringList(file, entryOf(c, 'group-by'));

  const spanEntry = entryOf(c, 'timespan') ?? entryOf(c, 'timeframe');
  const span = /^([0-9]+)([smhdw])$/.exec(stringOf(spanEntry?.value) ?? '');
  if (spanEntry === undefined || span === null) {
    throw new SigmaParseError(file, spanEntry?.keyPos ?? entry.keyPos, "correlation needs a 'timespan' like 30s, 5m, 1h or 1d");
  }
  const timespanMs = Number(span[1]) * (UNIT_MS[span[2] ?? 's'] ?? 1_000);
  if (timespanMs <= 0) throw new SigmaParseError(file, spanEntry.keyPos, 'timespan must be positive');

  const condEntry = entryOf(c, 'condition');
  const condition: CorrelationCondition = { tests: [] };
  if (condEntry !== undefined) {
    if (condEntry.value.kind !== 'map') throw new SigmaParseError(file, condEntry.keyPos, 'correlation condition must be a map like {gte: 10}');
    for (const e of condEntry.value.entries) {
      if (e.key === 'field') {
        const fields = stringList(file, e);
        condition.field = fields.join(',');
        continue;
      }
      const op = OPS.find((o) => o === e.key);
      const value = e.value.kind === 'scalar' ? Number(e.value.value) : NaN;
      if (op === undefined) throw new SigmaParseError(file, e.keyPos, `unknown correlation condition operator '${e.key}'`);
      if (e.value.kind !== 'scalar' || e.value.value === null || !Number.isFinite(value)) {
        throw new SigmaParseError(file, e.keyPos, `correlation condition '${e.key}' needs a number`);
      }
      condition.tests.push({ op, value });
    }
  }
  if (condition.tests.length === 0) {
    if (type === 'temporal' || type === 'temporal_ordered') condition.tests.push({ op: 'gte', value: rules.length });
    else throw new SigmaParseError(file, condEntry?.keyPos ?? entry.keyPos, `${type} correlation needs a condition such as {gte: 10}`);
  }
  const needsField = type === 'value_count' || type === 'value_sum' || type === 'value_avg' || type === 'value_percentile';
  if (needsField && condition.field === undefined) {
    throw new SigmaParseError(file, condEntry?.keyPos ?? entry.keyPos, `${type} correlation needs 'field' in its condition`);
  }

  const aliases: Record<string, Record<string, string>> = {};
  const aliasEntry = entryOf(c, 'aliases');
  if (aliasEntry !== undefined) {
    if (aliasEntry.value.kind !== 'map') throw new SigmaParseError(file, aliasEntry.keyPos, 'aliases must be a map');
    for (const alias of aliasEntry.value.entries) {
      if (alias.value.kind !== 'map') throw new SigmaParseError(file, alias.keyPos, `alias '${alias.key}' must map rule names to fields`);
      const perRule: Record<string, string> = {};
      for (const r of alias.value.entries) {
        const field = stringOf(r.value);
        if (field === undefined) throw new SigmaParseError(file, r.keyPos, `alias '${alias.key}' for rule '${r.key}' needs a field name`);
        perRule[r.key] = field;
      }
      aliases[alias.key] = perRule;
    }
  }
  const generateNode = entryOf(c, 'generate')?.value ?? entryOf(root, 'generate')?.value;
  const generate = generateNode?.kind === 'scalar' && generateNode.value === true;
  return { ...base, kind: 'correlation', type, rules, groupBy, timespanMs, condition, aliases, generate };
}
