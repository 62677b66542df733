// The `from`/`to` options of a search: ISO-8601 or epoch milliseconds, turned into a condition on the indexed ts column.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { SearchError } from './errors.ts';
import { column } from './sqlite-dialect.ts';

export type TimeInput = string | number;

/** Epoch milliseconds of a time given as epoch ms (number or digits) or ISO-8601; throws SearchError('bad_time'). */
export function parseTime(value: TimeInput, name: string): number {
  const ms = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new SearchError('bad_time', `${name} is not an ISO-8601 time or epoch milliseconds: ${String(value)}`);
  return Math.trunc(ms);
}

/** The resolved range: `from` inclusive, `to` exclusive; either may be open. */
export interface TimeRange {
  from?: number;
  to?: number;
}

export function resolveTimeRange(from: TimeInput | undefined, to: TimeInput | undefined): TimeRange {
  const range: TimeRange = {};
  if (from !== undefined) range.from = parseTime(from, 'from');
  if (to !== undefined) range.to = parseTime(to, 'to');
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new SearchError('bad_time', `from (${new Date(range.from).toISOString()}) is after to (${new Date(range.to).toISOString()})`);
  }
  return range;
}

export function timeCondition(range: TimeRange): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (range.from !== undefined) out.push(sql<SqlBool>`${column('ts')} >= ${range.from}`);
  if (range.to !== undefined) out.push(sql<SqlBool>`${column('ts')} < ${range.to}`);
  return out;
}
