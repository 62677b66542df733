// Parses a `detection` (or filter) map: search identifiers into selections, condition strings into checked ASTs.
import type { Detection, DetectionItem, ParsedCondition, RuleValue, Selection } from './ast.ts';
import { checkIdentifiers, ConditionSyntaxError, parseCondition } from './condition.ts';
import { SigmaConditionError, SigmaLimitError, SigmaParseError, type SourcePos } from './errors.ts';
import { LIMITS } from './limits.ts';
import type { YEntry, YNode } from './yaml-tree.ts';

/** Keys of a detection map that are not search identifiers. */
const RESERVED = new Set(['condition', 'timeframe']);

/** Parses a detection map. `extraReserved` lists more non-selection keys (a filter's `rules`). */
export function parseDetection(file: string, node: YNode, extraReserved: readonly string[] = []): Detection {
  if (node.kind !== 'map') throw new SigmaParseError(file, node.pos, 'detection must be a map of search identifiers and a condition');
  const selections: Selection[] = [];
  let conditionEntry: YEntry | undefined;
  for (const entry of node.entries) {
    if (entry.key === 'condition') conditionEntry = entry;
    else if (!RESERVED.has(entry.key) && !extraReserved.includes(entry.key)) selections.push(parseSelection(file, entry));
  }
  if (selections.length > LIMITS.maxSelections) {
    throw new SigmaLimitError(file, node.pos, `${selections.length} search identifiers, over the ${LIMITS.maxSelections} limit`);
  }
  if (conditionEntry === undefined) throw new SigmaParseError(file, node.pos, 'detection has no condition');
  const names = selections.map((s) => s.name);
  const conditionNodes = conditionEntry.value.kind === 'seq' ? conditionEntry.value.items : [conditionEntry.value];
  if (conditionNodes.length === 0) throw new SigmaParseError(file, conditionEntry.keyPos, 'condition list is empty');
  const conditions = conditionNodes.map((c) => parseConditionNode(file, c, names));
  return { selections, conditions };
}

function parseConditionNode(file: string, node: YNode, names: readonly string[]): ParsedCondition {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') {
    throw new SigmaParseError(file, node.pos, 'condition must be a string or a list of strings');
  }
  const text = node.value;
  const at = (column: number): SourcePos =>
    text.includes('\n') ? node.pos : { line: node.pos.line, column: node.pos.column + (node.quoted ? 1 : 0) + column - 1 };
  let parsed;
  try {
    parsed = parseCondition(text);
  } catch (err) {
    if (err instanceof ConditionSyntaxError) throw new SigmaConditionError(file, at(err.column), err.column, err.message);
    throw err;
  }
  const problem = checkIdentifiers(parsed, names);
  if (problem !== null) throw new SigmaConditionError(file, at(problem[0]), problem[0], problem[1]);
  return { text, pos: node.pos, node: parsed };
}

function parseSelection(file: string, entry: YEntry): Selection {
  const { key: name, keyPos: pos, value } = entry;
  if (value.kind === 'map') return { name, pos, alternatives: [parseMap(file, value)] };
  if (value.kind === 'scalar') {
    if (value.value === null) throw new SigmaParseError(file, pos, `search identifier '${name}' is empty`);
    return { name, pos, alternatives: [[{ field: null, modifiers: [], values: [toValue(value)], pos: value.pos }]] };
  }
  const alternatives: DetectionItem[][] = [];
  const keywords: RuleValue[] = [];
  for (const item of value.items) {
    if (item.kind === 'map') alternatives.push(parseMap(file, item));
    else if (item.kind === 'scalar') keywords.push(toValue(item));
    else throw new SigmaParseError(file, item.pos, `search identifier '${name}' has a nested list; use a map or a list of values`);
  }
  if (keywords.length > 0) alternatives.push([{ field: null, modifiers: [], values: keywords, pos: value.pos }]);
  if (alternatives.length === 0) throw new SigmaParseError(file, pos, `search identifier '${name}' is an empty list`);
  return { name, pos, alternatives };
}

function parseMap(file: string, node: Extract<YNode, { kind: 'map' }>): DetectionItem[] {
  if (node.entries.length === 0) throw new SigmaParseError(file, node.pos, 'empty map in a detection');
  return node.entries.map((entry) => {
    const [field = '', ...modifiers] = entry.key.split('|');
    let values: RuleValue[];
    if (entry.value.kind === 'scalar') values = [toValue(entry.value)];
    else if (entry.value.kind === 'seq') {
      values = entry.value.items.map((item) => {
        if (item.kind !== 'scalar') throw new SigmaParseError(file, item.pos, `value list of '${entry.key}' may only hold plain values`);
        return toValue(item);
      });
    } else throw new SigmaParseError(file, entry.value.pos, `value of '${entry.key}' must be a value or a list of values, not a map`);
    return { field: field === '' ? null : field, modifiers, values, pos: entry.keyPos };
  });
}

function toValue(node: Extract<YNode, { kind: 'scalar' }>): RuleValue {
  // Unquoted numbers keep Sigma's reading of their text (0x17 stays "0x17" for string comparisons via `source`).
  if (typeof node.value === 'number' && !node.quoted && node.source !== String(node.value) && !/^-?[0-9]+(\.[0-9]+)?$/.test(node.source)) {
    return { value: node.source, pos: node.pos };
  }
  return { value: node.value, pos: node.pos };
}
