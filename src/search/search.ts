// Log search: a query and a time range → one page of events in time order, a capped total and a keyset cursor to the next page.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { rowToEvent } from '../store/event-rows.ts';
import type { EventStore } from '../store/store.ts';
import { searchCondition } from './condition.ts';
import { decodeCursor, encodeCursor, searchFingerprint } from './cursor.ts';
import { SearchError } from './errors.ts';
import { column } from './sqlite-dialect.ts';
import { resolveTimeRange, type TimeInput } from './time-range.ts';

export { fieldStats, listFields, type FieldStats, type FieldStatsOptions, type FieldValueCount } from './field-stats.ts';
export { histogram, type Histogram, type HistogramOptions } from './histogram.ts';
export { QuerySyntaxError, SearchError } from './errors.ts';

/** `total` is counted up to this many matches, so a count never walks the whole store. */
export const TOTAL_CAP = 10_000;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1_000;

export interface SearchOptions {
  query: string;
  /** Inclusive start: ISO-8601 or epoch milliseconds. */
  from?: TimeInput;
  /** Exclusive end: ISO-8601 or epoch milliseconds. */
  to?: TimeInput;
  /** By time then id; newest first by default. */
  sort?: 'asc' | 'desc';
  limit?: number;
  /** The `nextCursor` of the previous page of the same search. */
  cursor?: string;
}

export type FoundEvent = ReturnType<typeof rowToEvent>;

export interface SearchResult {
  events: FoundEvent[];
  /** Matches in the time range, counted up to TOTAL_CAP. */
  total: number;
  /** True when there are more than TOTAL_CAP matches (`total` is then TOTAL_CAP). */
  totalCapped: boolean;
  /** Present when there is a next page. */
  nextCursor?: string;
  tookMs: number;
}

export async function searchEvents(store: EventStore, options: SearchOptions): Promise<SearchResult> {
  const started = performance.now();
  const sort = options.sort ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw new SearchError('bad_option', `sort must be 'asc' or 'desc'`);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SearchError('bad_option', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const range = resolveTimeRange(options.from, options.to);
  const where = await searchCondition(store.db, options.query, range);
  const fingerprint = searchFingerprint([options.query, sort, range.from ?? null, range.to ?? null]);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, fingerprint);

  // Limit first (ids and times only, usually from a covering index), then fetch whole rows for just that page.
  let page = store.db.selectFrom('events').select(['events.id', 'events.ts']).where(where);
  if (after) {
    const [ts, id] = [column('ts'), column('id')];
    page = page.where(
      sort === 'desc'
        ? sql<SqlBool>`${ts} <= ${after.ts} AND (${ts} < ${after.ts} OR ${id} < ${after.id})`
        : sql<SqlBool>`${ts} >= ${after.ts} AND (${ts} > ${after.ts} OR ${id} > ${after.id})`,
    );
  }
  const limited = page.orderBy('events.ts', sort).orderBy('events.id', sort).limit(limit + 1);
  const rows = await store.db
    .selectFrom(limited.as('page'))
    .innerJoin('events', 'events.id', 'page.id')
    .selectAll('events')
    .orderBy('page.ts', sort)
    .orderBy('page.id', sort)
    .execute();

  // A first page that holds every match is its own count; otherwise the matches are counted up to the cap.
  const n = !after && rows.length <= limit ? rows.length : await countMatches(store, where);

  const hasMore = rows.length > limit;
  const events = rows.slice(0, limit).map(rowToEvent);
  const last = events[events.length - 1];
  return {
    events,
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
    ...(hasMore && last ? { nextCursor: encodeCursor({ ts: last.timestamp, id: last.id }, fingerprint) } : {}),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** Matches of a condition, counted up to one past TOTAL_CAP. */
async function countMatches(store: EventStore, where: RawBuilder<SqlBool>): Promise<number> {
  const counted = await store.db
    .selectFrom(store.db.selectFrom('events').select(sql<number>`1`.as('one')).where(where).limit(TOTAL_CAP + 1).as('hits'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(counted.n);
}
