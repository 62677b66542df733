// Alerts over time as the server counts them (per bucket and severity), stacked for the chart.
import type { paths } from '../../api/openapi';
import type { Severity } from '../../api/types.ts';

export type Timeline = paths['/api/metrics/alerts-over-time']['get']['responses'][200]['content']['application/json'];

export const SEVERITIES: readonly Severity[] = ['Low', 'Medium', 'High', 'Critical'];

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
