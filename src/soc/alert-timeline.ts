// Alerts over time by severity, counted in SQL over every alert: buckets of a "nice" width, at most MAX_BUCKETS over the
// span from the oldest to the newest alert's event time. Alerts of a severity outside the four count in `total` only.
import { sql } from 'kysely';
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../detect/rule-meta.ts';
import type { EventStore } from '../store/store.ts';
import { workflowDb } from './workflow-tables.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const WIDTHS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 180 * MINUTE, 360 * MINUTE, 720 * MINUTE, DAY, 7 * DAY, 30 * DAY, 365 * DAY];
export const MAX_BUCKETS = 60;

const perBucket = z.array(z.number().int());

export const alertTimelineSchema = z.object({
  total: z.number().int().describe('alerts counted (every alert in the store)'),
  width: z.number().int().describe('bucket width in ms'),
  starts: z.array(z.number()).describe('bucket starts, epoch ms, oldest first; empty when there is no alert'),
  /** Alerts per bucket for each severity, aligned with `starts`. */
  counts: z.object({ Low: perBucket, Medium: perBucket, High: perBucket, Critical: perBucket } satisfies Record<Severity, typeof perBucket>),
});
export type AlertTimeline = z.infer<typeof alertTimelineSchema>;

/**
 * The smallest nice width whose aligned buckets cover [first, last] in at most MAX_BUCKETS; beyond the widest (a year),
 * a multiple of it, so an outlying event time (a year 9999) still gives a bounded chart.
 */
export function bucketWidth(first: number, last: number): number {
  const buckets = (w: number): number => Math.floor(last / w) - Math.floor(first / w) + 1;
  const nice = WIDTHS.find((w) => buckets(w) <= MAX_BUCKETS);
  if (nice !== undefined) return nice;
  const widest = WIDTHS[WIDTHS.length - 1]!;
  let k = Math.ceil((last - first) / widest / (MAX_BUCKETS - 1));
  while (buckets(k * widest) > MAX_BUCKETS) k++;
  return k * widest;
}

export async function alertTimeline(store: EventStore): Promise<AlertTimeline> {
  const db = workflowDb(store);
  const bounds = await db
    .selectFrom('alerts')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.min('event_time').as('first'), eb.fn.max('event_time').as('last')])
    .executeTakeFirstOrThrow();
  const total = Number(bounds.total);
  const series = (n: number) => Object.fromEntries(SEVERITIES.map((s) => [s, new Array<number>(n).fill(0)])) as Record<Severity, number[]>;
  if (total === 0 || bounds.first === null || bounds.last === null) return { total, width: MINUTE, starts: [], counts: series(0) };
  const width = bucketWidth(bounds.first, bounds.last);
  const first = Math.floor(bounds.first / width) * width;
  const n = Math.floor((bounds.last - first) / width) + 1;
  const starts = Array.from({ length: n }, (_, i) => first + i * width);
  const counts = series(n);
  // numbers are bound as REAL, so the quotient is cast back to a whole bucket index (event times are never before `first`)
  const bucket = sql<number>`CAST((event_time - ${first}) / ${width} AS INTEGER)`;
  const rows = await db
    .selectFrom('alerts')
    .select([bucket.as('bucket'), 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['bucket', 'severity'])
    .execute();
  for (const row of rows) {
    const perBucket = (counts as Record<string, number[] | undefined>)[row.severity];
    if (perBucket) perBucket[row.bucket] = Number(row.n);
  }
  return { total, width, starts, counts };
}
