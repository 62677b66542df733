// "Interesting fields": top values per field over the most recent matches of a search, and the field names the store knows.
import { sql } from 'kysely';
import { canonicalField } from '../events/event.ts';
import type { EventStore } from '../store/store.ts';
import { SearchError } from './errors.ts';
import { fieldTarget, hotFieldNames } from './field-targets.ts';
import { searchCondition } from './condition.ts';
import { jsonKeys } from './sqlite-dialect.ts';
import { resolveTimeRange, type TimeInput } from './time-range.ts';

export const DEFAULT_SAMPLE_LIMIT = 100_000;
const MAX_SAMPLE_LIMIT = 1_000_000;
const MAX_SIZE = 100;
/** How many of the most recent events listFields reads for the names of JSON fields. */
const LIST_FIELDS_SAMPLE = 1_000;

export interface FieldStatsOptions {
  query: string;
  from?: TimeInput;
  to?: TimeInput;
  /** Field names (any alias); by default every field with a column of its own except @timestamp. */
  fields?: string[];
  /** Top values per field (default 10). */
  size?: number;
  /** Statistics cover the most recent this-many matches (default 100,000). */
  sampleLimit?: number;
}

export interface FieldValueCount {
  value: string | number;
  count: number;
}

export interface FieldStats {
  /** Canonical (ECS) name. */
  field: string;
  /** Sampled events that have the field. */
  present: number;
  /** Most frequent first (ties by value); multi-valued JSON fields count each element. */
  values: FieldValueCount[];
}

export interface FieldStatsResult {
  /** Matching events the statistics cover (at most sampleLimit). */
  sampled: number;
  fields: FieldStats[];
}

type Scalar = string | number;

/** Adds a value (each element of a list) to a field's counts; objects and nulls are not values. */
function tally(counts: Map<Scalar, number>, value: unknown): boolean {
  if (Array.isArray(value)) {
    let any = false;
    for (const v of value) any = tally(counts, v) || any;
    return any;
  }
  if (typeof value === 'boolean') value = value ? 1 : 0;
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  counts.set(value, (counts.get(value) ?? 0) + 1);
  return true;
}

function top(counts: Map<Scalar, number>, size: number): FieldValueCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, size)
    .map(([value, count]) => ({ value, count }));
}

export async function fieldStats(store: EventStore, options: FieldStatsOptions): Promise<FieldStatsResult> {
  const size = options.size ?? 10;
  const sampleLimit = options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) throw new SearchError('bad_option', `size must be an integer from 1 to ${MAX_SIZE}`);
  if (!Number.isInteger(sampleLimit) || sampleLimit < 1 || sampleLimit > MAX_SAMPLE_LIMIT) {
    throw new SearchError('bad_option', `sampleLimit must be an integer from 1 to ${MAX_SAMPLE_LIMIT}`);
  }
  const fields = [...new Set((options.fields ?? hotFieldNames().filter((f) => f !== '@timestamp')).map(canonicalField))];
  const where = await searchCondition(store.db, options.query, resolveTimeRange(options.from, options.to));
  const targets = fields.map(fieldTarget);
  const columns = [...new Set(targets.map((t) => (t.kind === 'json' ? 'fields' : t.column)))];

  // The sample is read once, newest first, and every field is counted over it here: one pass over the rows beats
  // one GROUP BY (and its sort) per field.
  const { rows } = await sql<Record<string, Scalar | null>>`
    SELECT ${sql.join(columns.map((c) => sql.ref(`events.${c}`)))} FROM events WHERE ${where}
    ORDER BY events.ts DESC, events.id DESC LIMIT ${sampleLimit}`.execute(store.db);
  const counts = fields.map(() => new Map<Scalar, number>());
  const present = fields.map(() => 0);
  for (const row of rows) {
    const json = typeof row.fields === 'string' ? (JSON.parse(row.fields) as Record<string, unknown>) : undefined;
    targets.forEach((target, f) => {
      if (target.kind === 'json') {
        if (json === undefined || !Object.hasOwn(json, target.field)) return;
        present[f]!++;
        tally(counts[f]!, json[target.field]);
        return;
      }
      const value = row[target.column];
      if (value === null || value === undefined) return;
      present[f]!++;
      tally(counts[f]!, value);
    });
  }
  return { sampled: rows.length, fields: fields.map((field, f) => ({ field, present: present[f]!, values: top(counts[f]!, size) })) };
}

/** Field names (canonical) searchable in this store: every column-backed field, then JSON fields seen in recent events. */
export async function listFields(store: EventStore): Promise<string[]> {
  const recent = store.db.selectFrom('events').select('events.fields').orderBy('events.ts', 'desc').limit(LIST_FIELDS_SAMPLE);
  const { rows } = await sql<{ key: string }>`
    SELECT DISTINCT k.key AS key FROM (${recent}) AS r, ${jsonKeys(sql.ref('r.fields'))} AS k ORDER BY k.key`.execute(store.db);
  const hot = hotFieldNames();
  const known = new Set(hot);
  return [...hot, ...rows.map((r) => r.key).filter((k) => !known.has(k))];
}
