// Reads Zeek JSON log lines in their three dialects (dotted keys, `_path`/`_write_ts`, SimpleRock `@stream`) into events.
import type { LineOutcome, LineParser } from './types.ts';
import { inferZeekPath, mapZeekRecord, readZeekTime, zeekEvent, zeekTime, type ZeekValue } from './zeek-fields.ts';

/** SimpleRock writes the connection id with underscores; the mapping reads Zeek's own dotted names. */
const UNDERSCORE_IDS: ReadonlyMap<string, string> = new Map([
  ['id_orig_h', 'id.orig_h'],
  ['id_orig_p', 'id.orig_p'],
  ['id_resp_h', 'id.resp_h'],
  ['id_resp_p', 'id.resp_p'],
]);

/** Zeek's test baselines mask times as a bare `XXXXXXXXXX.XXXXXX`, which is not JSON: quoted, it reads as masked. */
const MASKED_NUMBER = /":(X+\.X+)(?=[\s,}\]])/g;

interface Meta {
  path?: string;
  writeTs?: string;
  system?: string;
}

function arrayValue(items: unknown[]): ZeekValue {
  if (items.every((item): item is number => typeof item === 'number')) return items;
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item) ?? 'null'));
}

function flatten(source: Record<string, unknown>, prefix: string, record: Map<string, ZeekValue>, meta: Meta | undefined): void {
  for (const key in source) {
    const value = source[key];
    if (value === null || value === undefined) continue;
    if (meta) {
      switch (key) {
        case '_path':
        case '@stream':
          meta.path = String(value);
          continue;
        case '_write_ts':
          meta.writeTs = String(value);
          continue;
        case '@system':
        case '_system_name':
          meta.system = String(value);
          continue;
        case '@proc':
          continue;
      }
    }
    const name = prefix === '' ? (UNDERSCORE_IDS.get(key) ?? key) : prefix + key;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') record.set(name, value);
    else if (Array.isArray(value)) record.set(name, arrayValue(value));
    else if (typeof value === 'object') flatten(value as Record<string, unknown>, name + '.', record, undefined);
  }
}

function parseJson(line: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (error) {
    if (line.includes('":X')) {
      try {
        return { value: JSON.parse(line.replace(MASKED_NUMBER, '":"$1"')) as unknown };
      } catch {
        // fall through to the original error
      }
    }
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** One Zeek JSON line to an event (or a reject: invalid JSON, not an object, no usable `ts`). Never throws. */
export function parseZeekJsonLine(line: string): LineOutcome {
  const parsed = parseJson(line);
  if ('error' in parsed) return { kind: 'reject', reason: `invalid JSON: ${parsed.error.slice(0, 120)}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return { kind: 'reject', reason: `JSON ${kind} is not a Zeek record (object)` };
  }
  const record = new Map<string, ZeekValue>();
  const meta: Meta = {};
  flatten(value as Record<string, unknown>, '', record, meta);
  const path = meta.path ?? inferZeekPath((field) => record.has(field));
  const time = readZeekTime(path, record.get('ts') ?? meta.writeTs);
  if (typeof time === 'object') return time;
  const fields = mapZeekRecord(path, record);
  if (meta.system !== undefined) fields['observer.hostname'] = meta.system;
  const written = zeekTime(meta.writeTs);
  if (typeof written === 'number') fields['event.created'] = new Date(written).toISOString();
  return zeekEvent(time, fields, line);
}

/** A JSON-only Zeek parser (the `zeek` parser in zeek.ts also takes TSV). */
export function createZeekJsonParser(): LineParser {
  return {
    format: 'zeek',
    parseLine(input: string): LineOutcome {
      const line = input.endsWith('\r') ? input.slice(0, -1) : input;
      if (line.trim() === '') return { kind: 'skip' };
      return parseZeekJsonLine(line);
    },
  };
}
