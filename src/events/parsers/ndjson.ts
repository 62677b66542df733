// Parses NDJSON events already in ECS (nested objects or flat dotted keys) into flat dotted fields.
import type { EventFields, FieldValue } from '../event.ts';
import { isoTime } from './squid-native.ts';
import type { LineOutcome, LineParser } from './types.ts';

/** JSON events can carry big fields (script blocks, command lines): allow more than the text formats do. */
const MAX_LINE = 1_048_576;
const MAX_DEPTH = 32;
/** Keys that could reach an object prototype when the flat names are expanded again somewhere downstream. */
const UNSAFE_KEY = /(?:^|\.)(?:__proto__|constructor|prototype)(?:\.|$)/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const EPOCH_MS = /^-?\d{1,16}$/;

/** The deepest `{`/`[` nesting in a JSON text (outside strings), counted without parsing it. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON array as a field: strings or numbers as they are, anything else as its JSON text. */
function arrayValue(items: unknown[]): FieldValue | undefined {
  if (items.length === 0) return undefined;
  if (items.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) return items;
  return items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function flatten(object: Record<string, unknown>, prefix: string, out: Record<string, FieldValue>): void {
  for (const key of Object.keys(object)) {
    const name = prefix + key;
    if (key === '' || UNSAFE_KEY.test(name)) continue;
    const value = object[key];
    if (isRecord(value)) flatten(value, `${name}.`, out);
    else if (Array.isArray(value)) {
      const field = arrayValue(value);
      if (field !== undefined) out[name] = field;
    } else if (typeof value === 'string' || typeof value === 'boolean') out[name] = value;
    else if (typeof value === 'number') out[name] = Number.isFinite(value) ? value : String(value);
  }
}

/** Epoch milliseconds for an ECS @timestamp given as epoch ms or ISO 8601 (a time without a zone is UTC). */
function timeOf(value: FieldValue | undefined): number {
  if (typeof value === 'number') return Math.round(value);
  if (typeof value !== 'string') return NaN;
  if (EPOCH_MS.test(value)) return Number(value);
  const iso = ISO.exec(value);
  if (iso === null) return NaN;
  let normal = value.replace(' ', 'T');
  if (iso[1] === undefined) normal += normal.includes('T') ? 'Z' : 'T00:00:00Z';
  else if (/[+-]\d{4}$/.test(normal)) normal = `${normal.slice(0, -2)}:${normal.slice(-2)}`;
  return Date.parse(normal);
}

/** Cheap content sniff: a JSON object line that names an ECS `@timestamp`. */
export function looksLikeNdjson(line: string): boolean {
  return line.trimStart().startsWith('{') && line.includes('"@timestamp"');
}

/**
 * A parser for NDJSON ECS events. Nested objects are flattened to dotted keys (flat dotted keys are kept), arrays of
 * strings or numbers stay arrays, other arrays become arrays of JSON text, nulls are dropped. `@timestamp` (ISO 8601 or
 * epoch ms) is required and rewritten as UTC ISO; event.dataset defaults to `ecs`. Keys named `__proto__`,
 * `constructor` or `prototype` are dropped, and nesting deeper than 32 levels is rejected.
 */
export function createNdjsonParser(): LineParser {
  function parseLine(input: string): LineOutcome {
    const line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (line.length > MAX_LINE) return { kind: 'reject', reason: `line longer than ${MAX_LINE} characters` };
    if (line.trim() === '') return { kind: 'skip' };
    if (nestingDepth(line) > MAX_DEPTH) return { kind: 'reject', reason: `JSON nested deeper than ${MAX_DEPTH} levels` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return { kind: 'reject', reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!isRecord(parsed)) return { kind: 'reject', reason: 'JSON value is not an object' };
    const flat: Record<string, FieldValue> = {};
    flatten(parsed, '', flat);
    const raw = flat['@timestamp'];
    if (raw === undefined) return { kind: 'reject', reason: 'no @timestamp' };
    const timestamp = timeOf(raw);
    const iso = isoTime(timestamp);
    if (iso === undefined) {
      return { kind: 'reject', reason: `@timestamp is not ISO 8601 or epoch milliseconds: ${String(raw).slice(0, 40)}` };
    }
    const dataset = flat['event.dataset'];
    const fields: EventFields = {
      ...flat,
      '@timestamp': iso,
      'event.dataset': typeof dataset === 'string' && dataset !== '' ? dataset : 'ecs',
    };
    return { kind: 'event', event: { timestamp, fields, raw: line } };
  }

  return { format: 'ndjson', parseLine };
}
