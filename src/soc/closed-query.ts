// The Closed Alerts tab: one row per closed investigation, with its verdict, training result and score lines.
import type { EventStore } from '../store/store.ts';
import type { ClosedRow } from './closed-row.ts';
import type { ClosedAlertScore } from './scoring/score-types.ts';
import { workflowDb } from './workflow-tables.ts';

export type { ClosedRow } from './closed-row.ts';

export async function listClosed(store: EventStore, options: { owner?: string; limit?: number; offset?: number } = {}): Promise<ClosedRow[]> {
  let query = workflowDb(store)
    .selectFrom('investigations')
    .innerJoin('alerts', 'alerts.id', 'investigations.alert_id')
    .select([
      'investigations.id', 'investigations.alert_id', 'investigations.closed_at', 'investigations.owner', 'investigations.verdict',
      'investigations.note', 'investigations.reinvestigated', 'investigations.score', 'alerts.severity', 'alerts.rule_code', 'alerts.rule_name', 'alerts.type',
    ])
    .where('investigations.status', '=', 'closed');
  if (options.owner) query = query.where('investigations.owner', '=', options.owner);
  const rows = await query.orderBy('investigations.closed_at', 'desc').limit(options.limit ?? 100).offset(options.offset ?? 0).execute();
  return rows.map((r) => {
    const score = r.score ? (JSON.parse(r.score) as ClosedAlertScore) : null;
    return {
      investigationId: r.id,
      eventId: r.alert_id,
      severity: r.severity,
      dateClosed: new Date(r.closed_at ?? 0).toISOString(),
      rule: r.rule_code ? `${r.rule_code} - ${r.rule_name}` : r.rule_name,
      type: r.type,
      owner: r.owner,
      verdict: r.verdict ?? '',
      note: r.note ?? '',
      result: score ? (score.verdict.correct ? '✓' : '✗') : null,
      reinvestigated: r.reinvestigated === 1,
      score,
    };
  });
}
