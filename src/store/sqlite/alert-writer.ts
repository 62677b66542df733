// Writes alerts to SQLite inside the caller's transaction: EventID assignment, suppression into a recent alert, event links.
import type BetterSqlite3 from 'better-sqlite3';
import type { AlertWrite, AlertWriteResult } from '../store.ts';

export type AlertWriter = (alerts: readonly AlertWrite[]) => AlertWriteResult;

export function createAlertWriter(sqlite: BetterSqlite3.Database): AlertWriter {
  const alreadyAlerted = sqlite.prepare(
    'SELECT 1 FROM alert_events ae JOIN alerts a ON a.id = ae.alert_id WHERE ae.event_id = ? AND a.rule_key = ? LIMIT 1',
  );
  const recent = sqlite.prepare(
    `SELECT id FROM alerts WHERE rule_key = ? AND suppress_key = ? AND channel = 'main' AND last_seen >= ?
     ORDER BY last_seen DESC LIMIT 1`,
  );
  const fold = sqlite.prepare('UPDATE alerts SET count = count + 1, last_seen = max(last_seen, ?) WHERE id = ?');
  const insert = sqlite.prepare(
    `INSERT INTO alerts (rule_key, rule_code, rule_name, type, family, playbook, severity, tier, event_time, last_seen,
       suppress_key, fields, mitre, hint, trigger, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = sqlite.prepare('INSERT OR IGNORE INTO alert_events (alert_id, event_id) VALUES (?, ?)');

  return (alerts) => {
    const result: AlertWriteResult = { created: [], suppressed: 0, duplicates: 0 };
    const now = new Date().toISOString();
    for (const a of alerts) {
      if (a.eventIds.some((id) => alreadyAlerted.get(id, a.ruleKey) !== undefined)) {
        result.duplicates++;
        continue;
      }
      if (a.suppressKey !== null && a.suppressWindowMs !== null) {
        const hit = recent.get(a.ruleKey, a.suppressKey, a.eventTime - a.suppressWindowMs) as { id: number } | undefined;
        if (hit) {
          fold.run(a.eventTime, hit.id);
          for (const id of a.eventIds) link.run(hit.id, id);
          result.suppressed++;
          continue;
        }
      }
      const id = Number(
        insert.run(
          a.ruleKey, a.ruleCode, a.ruleName, a.type, a.family, a.playbook, a.severity, a.tier, a.eventTime, a.eventTime,
          a.suppressKey, JSON.stringify(a.fields), JSON.stringify(a.mitre), a.hint, a.trigger, now,
        ).lastInsertRowid,
      );
      for (const eventId of a.eventIds) link.run(id, eventId);
      result.created.push(id);
    }
    return result;
  };
}
