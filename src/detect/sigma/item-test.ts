// Evaluates compiled detection items against an event: field values (arrays: any element), keywords, existence and null.
import type { EventView } from './event-view.ts';
import { toAnyProbes, toProbe, type Matcher, type Probe } from './matchers.ts';

/** A compiled detection item: what it tests (for inspection) and the closure that tests it. */
export type ItemTest =
  | { kind: 'values'; field: string; keys: string[]; matchers: Matcher[]; all: boolean; negate: boolean; hasNull: boolean; run: (view: EventView) => boolean }
  | { kind: 'keywords'; matchers: Matcher[]; all: boolean; run: (view: EventView) => boolean }
  | { kind: 'exists'; keys: string[]; want: boolean; run: (view: EventView) => boolean };

function needsLower(matchers: readonly Matcher[]): boolean {
  return matchers.some((m) => ((m.kind === 'exact' || m.kind === 'prefix' || m.kind === 'suffix' || m.kind === 'contains' || m.kind === 'wildcard' || m.kind === 'fieldref') && !m.cased));
}

/** Whether any probe matches one value (an array matches if any element does). Never throws on odd values. */
function anyProbe(probes: readonly Probe[], value: unknown, lower: boolean, view: EventView): boolean {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) {
    for (const element of value as unknown[]) if (anyProbe(probes, element, lower, view)) return true;
    return false;
  } else return false;
  const l = lower ? view.lower(text) : text;
  const prim = value as string | number | boolean;
  for (let i = 0; i < probes.length; i++) if ((probes[i] as Probe)(text, l, prim, view)) return true;
  return false;
}

export function valuesTest(
  field: string,
  keys: string[],
  matchers: Matcher[],
  flags: { all: boolean; negate: boolean; hasNull: boolean },
): ItemTest {
  const { all, negate, hasNull } = flags;
  const probes = toAnyProbes(matchers);
  const singles = matchers.map((m) => [toProbe(m)]);
  const lower = needsLower(matchers);
  const run = (view: EventView): boolean => {
    const v = view.get(keys);
    let r: boolean;
    if (v === undefined || v === null) r = hasNull;
    else if (all && singles.length > 0) r = singles.every((p) => anyProbe(p, v, lower, view));
    else r = anyProbe(probes, v, lower, view);
    return negate ? !r : r;
  };
  return { kind: 'values', field, keys, matchers, all, negate, hasNull, run };
}

/**
 * Keyword search over the event's full text: the raw line — or, when there is no raw line or it is JSON (whose escaping
 * would hide backslashes and quotes), every string-like field value.
 */
export function keywordTest(matchers: Matcher[], all: boolean): ItemTest {
  const probes = toAnyProbes(matchers);
  const singles = matchers.map((m) => [toProbe(m)]);
  const lower = needsLower(matchers);
  const hit = (p: readonly Probe[], view: EventView): boolean => {
    const raw = view.raw();
    if (raw !== '' && raw.charCodeAt(0) !== 123 /* { */) return anyProbe(p, raw, lower, view);
    for (const key in view.fields) if (anyProbe(p, view.fields[key], lower, view)) return true;
    return false;
  };
  const run = all ? (view: EventView): boolean => singles.every((p) => hit(p, view)) : (view: EventView): boolean => hit(probes, view);
  return { kind: 'keywords', matchers, all, run };
}

/** `exists: true|false` — presence of the field, whatever its value. */
export function existsTest(keys: string[], want: boolean): ItemTest {
  return { kind: 'exists', keys, want, run: (view) => view.has(keys) === want };
}
