// Metrics: time to own and to close per alert, MTTA and MTTR, true/false positives per rule, training scores per analyst.
import { z } from 'zod';
import type { EventStore } from '../store/store.ts';
import { analystTotals, type ClosedAlertScore } from './scoring/index.ts';
import { analystTotalsSchema } from './scoring/score-types.ts';
import { workflowDb } from './workflow-tables.ts';

const ms = z.number().nullable();

export const metricsSchema = z.object({
  alerts: z.object({ total: z.number().int(), main: z.number().int(), investigation: z.number().int(), closed: z.number().int() }),
  bySeverity: z.record(z.string(), z.number().int()),
  mtta: ms.describe('mean time from an alert being raised to being owned (ms); null with no data'),
  mttr: ms.describe('mean time from an alert being raised to being closed (ms); null with no data'),
  perAlert: z.array(z.object({ eventId: z.number().int(), timeToOwn: ms, timeToClose: ms })),
  rules: z.array(z.object({ rule: z.string(), truePositives: z.number().int(), falsePositives: z.number().int(), truePositiveRate: z.number().describe('true positives ÷ closed') })),
  analysts: z.array(analystTotalsSchema),
});
export type Metrics = z.infer<typeof metricsSchema>;
export type RuleOutcome = Metrics['rules'][number];

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export async function computeMetrics(store: EventStore): Promise<Metrics> {
  const db = workflowDb(store);
  const alerts = await db.selectFrom('alerts').select(['id', 'channel', 'severity', 'rule_code', 'rule_name', 'created_at']).execute();
  const investigations = await db
    .selectFrom('investigations')
    .select(['alert_id', 'owner', 'owned_at', 'status', 'verdict', 'closed_at', 'score'])
    .orderBy('id')
    .execute();
  const created = new Map(alerts.map((a) => [a.id, Date.parse(a.created_at)]));
  const first = new Map<number, (typeof investigations)[number]>();
  for (const inv of investigations) if (!first.has(inv.alert_id)) first.set(inv.alert_id, inv);
  const perAlert = [...first.values()].map((inv) => {
    const raised = created.get(inv.alert_id) ?? inv.owned_at;
    return {
      eventId: inv.alert_id,
      timeToOwn: Math.max(0, inv.owned_at - raised),
      timeToClose: inv.closed_at === null ? null : Math.max(0, inv.closed_at - raised),
    };
  });
  const ruleName = new Map(alerts.map((a) => [a.id, a.rule_code ? `${a.rule_code} - ${a.rule_name}` : a.rule_name]));
  const latestVerdict = new Map<number, string>();
  for (const inv of investigations) if (inv.status === 'closed' && inv.verdict) latestVerdict.set(inv.alert_id, inv.verdict);
  const byRule = new Map<string, { tp: number; fp: number }>();
  for (const [alertId, verdict] of latestVerdict) {
    const rule = ruleName.get(alertId) ?? String(alertId);
    const counts = byRule.get(rule) ?? { tp: 0, fp: 0 };
    if (verdict === 'True Positive') counts.tp++;
    else counts.fp++;
    byRule.set(rule, counts);
  }
  const bySeverity: Record<string, number> = {};
  for (const a of alerts) bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
  const scored = investigations.filter((i) => i.score !== null).map((i) => ({ analyst: i.owner, score: JSON.parse(i.score!) as ClosedAlertScore }));
  return {
    alerts: {
      total: alerts.length,
      main: alerts.filter((a) => a.channel === 'main').length,
      investigation: alerts.filter((a) => a.channel === 'investigation').length,
      closed: alerts.filter((a) => a.channel === 'closed').length,
    },
    bySeverity,
    mtta: mean(perAlert.map((p) => p.timeToOwn).filter((v): v is number => v !== null)),
    mttr: mean(perAlert.map((p) => p.timeToClose).filter((v): v is number => v !== null)),
    perAlert,
    rules: [...byRule].map(([rule, c]) => ({ rule, truePositives: c.tp, falsePositives: c.fp, truePositiveRate: c.tp / (c.tp + c.fp) })).sort((a, b) => a.rule.localeCompare(b.rule)),
    analysts: analystTotals(scored),
  };
}
