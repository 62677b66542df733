// Event counts over time for a search, in buckets of a round interval (1s, 5s, … 1m, 5m, … 1h, … 1d, …) fitted to the range.
import { sql } from 'kysely';
import type { EventStore } from '../store/store.ts';
import { searchCondition } from './condition.ts';
import { SearchError } from './errors.ts';
import { parseQuery } from './query-parser.ts';
import { column } from './sqlite-dialect.ts';
import { resolveTimeRange, timeCondition, type TimeInput } from './time-range.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ROUND_INTERVALS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];
const MAX_BUCKETS = 1_000;

export interface HistogramOptions {
  query: string;
  /** Inclusive start; by default the first matching event. */
  from?: TimeInput;
  /** Exclusive end; by default just after the last matching event. */
  to?: TimeInput;
  /** Roughly how many buckets (default 60); the interval is the smallest round one giving at most this many. */
  buckets?: number;
}

export interface Histogram {
  /** Bucket width in milliseconds. */
  interval: number;
  /** Buckets in time order, empty ones included; `start` is epoch ms aligned to the interval (UTC). */
  buckets: { start: number; count: number }[];
}

/** The smallest round interval that cuts `span` ms into at most `buckets` buckets. */
export function roundInterval(span: number, buckets: number): number {
  const wanted = Math.max(1, span / buckets);
  const round = ROUND_INTERVALS.find((i) => i >= wanted);
  if (round !== undefined) return round;
  const year = 365 * DAY;
  return Math.ceil(wanted / year) * year;
}

export async function histogram(store: EventStore, options: HistogramOptions): Promise<Histogram> {
  const wanted = options.buckets ?? 60;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_BUCKETS) {
    throw new SearchError('bad_option', `buckets must be an integer from 1 to ${MAX_BUCKETS}`);
  }
  const range = resolveTimeRange(options.from, options.to);
  const where = await searchCondition(store.db, options.query, range);
  let { from, to } = range;
  const everything = parseQuery(options.query).kind === 'all';
  if (from === undefined || to === undefined) {
    const bounds = everything && from === undefined && to === undefined
      ? // the first and last event by the time index (a WHERE, even a true one, would make SQLite scan for min/max)
        {
          first: (await store.db.selectFrom('events').select('ts').orderBy('ts', 'asc').limit(1).executeTakeFirst())?.ts ?? null,
          last: (await store.db.selectFrom('events').select('ts').orderBy('ts', 'desc').limit(1).executeTakeFirst())?.ts ?? null,
        }
      : await store.db
          .selectFrom('events')
          .select((eb) => [eb.fn.min<number | null>('events.ts').as('first'), eb.fn.max<number | null>('events.ts').as('last')])
          .where(where)
          .executeTakeFirstOrThrow();
    if (bounds.first === null || bounds.last === null) return { interval: roundInterval((to ?? 0) - (from ?? 0), wanted), buckets: [] };
    from ??= bounds.first;
    to ??= bounds.last + 1;
  }
  const interval = roundInterval(to - from, wanted);
  const start = Math.floor(from / interval) * interval;
  const count = Math.max(1, Math.ceil((to - start) / interval));
  const counts = new Array<number>(count).fill(0);

  if (everything && interval % MINUTE === 0) {
    // No filter and buckets of whole minutes: the store's per-minute counts, plus the partial minutes at the edges.
    const firstWhole = Math.ceil(from / MINUTE);
    const endWhole = Math.floor(to / MINUTE);
    const minutes = await store.db
      .selectFrom('event_minutes')
      .select(['minute', 'count'])
      .where('minute', '>=', firstWhole)
      .where('minute', '<', endWhole)
      .execute();
    for (const m of minutes) counts[Math.floor((m.minute * MINUTE - start) / interval)]! += m.count;
    const edges = firstWhole <= endWhole ? [[from, firstWhole * MINUTE], [endWhole * MINUTE, to]] : [[from, to]];
    for (const [lo, hi] of edges) {
      if (lo! >= hi!) continue;
      const { n } = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('ts', '>=', lo!).where('ts', '<', hi!).executeTakeFirstOrThrow();
      counts[Math.floor((lo! - start) / interval)]! += Number(n);
    }
  } else if (everything) {
    // No filter, buckets under a minute (a short range): one index-only range count per bucket.
    const ts = column('ts');
    const { rows } = await sql<{ k: number; n: number }>`
      WITH RECURSIVE b(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM b WHERE k < ${count - 1})
      SELECT k, (SELECT count(*) FROM events
                 WHERE ${ts} >= max(${from}, ${start} + k * ${interval}) AND ${ts} < min(${to}, ${start} + (k + 1) * ${interval})) AS n
      FROM b`.execute(store.db);
    for (const row of rows) counts[row.k] = Number(row.n);
  } else {
    const bucket = sql<number>`CAST((${column('ts')} - ${start}) / ${interval} AS INTEGER)`;
    const { rows } = await sql<{ k: number; n: number }>`
      SELECT ${bucket} AS k, count(*) AS n FROM events WHERE ${sql.join([where, ...timeCondition({ from, to })], sql` AND `)} GROUP BY k`.execute(store.db);
    for (const row of rows) counts[row.k] = Number(row.n);
  }
  return { interval, buckets: counts.map((n, k) => ({ start: start + k * interval, count: n })) };
}
