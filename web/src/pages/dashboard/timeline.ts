// Alerts over time: buckets of a "nice" width (≤ 60 over the range) with a count per severity, stacked for the chart.
import type { Alert, Severity } from '../../api/types.ts';

export const SEVERITIES: readonly Severity[] = ['Low', 'Medium', 'High', 'Critical'];
const MINUTE = 60_000;
const WIDTHS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 3 * 60 * MINUTE, 6 * 60 * MINUTE, 12 * 60 * MINUTE, 1440 * MINUTE, 7 * 1440 * MINUTE, 30 * 1440 * MINUTE, 365 * 1440 * MINUTE];
const MAX_BUCKETS = 60;

export interface Timeline {
  /** Bucket starts, epoch ms. */
  starts: number[];
  width: number;
  /** Counts per severity, one per bucket. */
  counts: Record<Severity, number[]>;
}

export function buildTimeline(alerts: readonly Pick<Alert, 'eventTime' | 'severity'>[]): Timeline | null {
  const times = alerts.map((a) => Date.parse(a.eventTime)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return null;
  const min = Math.min(...times);
  const max = Math.max(...times);
  const width = WIDTHS.find((w) => (max - min) / w < MAX_BUCKETS) ?? WIDTHS[WIDTHS.length - 1]!;
  const first = Math.floor(min / width) * width;
  const n = Math.floor((max - first) / width) + 1;
  const starts = Array.from({ length: n }, (_, i) => first + i * width);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, new Array<number>(n).fill(0)])) as Record<Severity, number[]>;
  for (const a of alerts) {
    const t = Date.parse(a.eventTime);
    const series = counts[a.severity as Severity];
    if (!Number.isFinite(t) || !series) continue;
    series[Math.floor((t - first) / width)]! += 1;
  }
  return { starts, width, counts };
}

/** Cumulative series, top of the stack first (Critical = all severities, …, Low alone), so each bar covers the ones under it. */
export function stacked(timeline: Timeline): { severity: Severity; values: number[] }[] {
  const out: { severity: Severity; values: number[] }[] = [];
  let running = new Array<number>(timeline.starts.length).fill(0);
  for (const severity of SEVERITIES) {
    running = running.map((v, i) => v + timeline.counts[severity][i]!);
    out.push({ severity, values: running });
  }
  return out.reverse();
}
