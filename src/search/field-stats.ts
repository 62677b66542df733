// "Interesting fields": top values per field over the most recent matches of a search, and the field names the store knows.
import { sql, type RawBuilder } from 'kysely';
import { canonicalField } from '../events/event.ts';
import type { EventStore } from '../store/store.ts';
import { SearchError } from './errors.ts';
import { fieldTarget, hotFieldNames } from './field-targets.ts';
import { searchCondition } from './condition.ts';
import { jsonKeys, jsonPresent, jsonValues } from './sqlite-dialect.ts';
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

interface StatsRow {
  f: number;
  is_value: number;
  value: string | number | null;
  n: number;
}

export async function fieldStats(store: EventStore, options: FieldStatsOptions): Promise<FieldStatsResult> {
  const size = options.size ?? 10;
  const sampleLimit = options.sampleLimit ?? DEFAULT_SAMPLE_LIMIT;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) throw new SearchError('bad_option', `size must be an integer from 1 to ${MAX_SIZE}`);
  if (!Number.isInteger(sampleLimit) || sampleLimit < 1 || sampleLimit > MAX_SAMPLE_LIMIT) {
    throw new SearchError('bad_option', `sampleLimit must be an integer from 1 to ${MAX_SAMPLE_LIMIT}`);
  }
  const fields = [...new Set((options.fields ?? hotFieldNames().filter((f) => f !== '@timestamp')).map(canonicalField))];
  const where = searchCondition(options.query, resolveTimeRange(options.from, options.to));

  // One pass: the sample is materialised once, then every field is grouped over it.
  const columns = new Set<string>();
  const groups: RawBuilder<unknown>[] = [sql`SELECT -1 AS f, 0 AS is_value, NULL AS value, count(*) AS n FROM s`];
  fields.forEach((field, f) => {
    const target = fieldTarget(field);
    if (target.kind === 'json') {
      columns.add('fields');
      const values = jsonValues(sql.ref('s.fields'), target.field);
      groups.push(
        sql`SELECT ${f}, 0, NULL, count(*) FROM s WHERE ${jsonPresent(target.field, sql.ref('s.fields'))}`,
        sql`SELECT ${f}, 1, j.value, count(*) FROM s, ${values} AS j WHERE j.type NOT IN ('object', 'array', 'null') GROUP BY j.value`,
      );
      return;
    }
    columns.add(target.column);
    const ref = sql.ref(`s.${target.column}`);
    groups.push(
      sql`SELECT ${f}, 0, NULL, count(${ref}) FROM s`,
      sql`SELECT ${f}, 1, ${ref}, count(*) FROM s WHERE ${ref} IS NOT NULL GROUP BY ${ref}`,
    );
  });
  const sampleColumns = sql.join([...columns].map((c) => sql.ref(`events.${c}`)));
  const query = sql<StatsRow>`
    WITH s AS MATERIALIZED (
      SELECT ${sampleColumns} FROM events WHERE ${where} ORDER BY events.ts DESC, events.id DESC LIMIT ${sampleLimit}
    ),
    g AS (${sql.join(groups, sql` UNION ALL `)}),
    ranked AS (
      SELECT f, is_value, value, n, row_number() OVER (PARTITION BY f, is_value ORDER BY n DESC, value) AS rn FROM g
    )
    SELECT f, is_value, value, n FROM ranked WHERE is_value = 0 OR rn <= ${size} ORDER BY f, is_value, rn`;
  const { rows } = await query.execute(store.db);

  let sampled = 0;
  const out: FieldStats[] = fields.map((field) => ({ field, present: 0, values: [] }));
  for (const row of rows) {
    const stats = out[row.f];
    if (row.f === -1) sampled = Number(row.n);
    else if (stats && row.is_value === 0) stats.present = Number(row.n);
    else if (stats && row.value !== null) stats.values.push({ value: row.value, count: Number(row.n) });
  }
  return { sampled, fields: out };
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
