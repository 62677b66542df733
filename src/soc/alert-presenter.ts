// The only way an alert row becomes JSON: EventID first, then the family's fields in order, with its links and state.
import type { Selectable } from 'kysely';
import type { AlertsTable } from '../store/schema.ts';

export interface AlertView {
  eventId: number;
  rule: { key: string; code: string | null; name: string };
  type: string;
  family: string;
  playbook: string | null;
  severity: string;
  level: string;
  eventTime: string;
  lastSeen: string;
  count: number;
  channel: string;
  owner: string | null;
  /** Label/value pairs in display order, EventID first (PRODUCT.md §3). */
  fields: { label: string; value: string | null }[];
  mitre: string[];
  hint: string | null;
  trigger: string;
  createdAt: string;
}

export function presentAlert(row: Selectable<AlertsTable>): AlertView {
  const pairs = JSON.parse(row.fields) as [string, string | null][];
  return {
    eventId: row.id,
    rule: { key: row.rule_key, code: row.rule_code, name: row.rule_name },
    type: row.type,
    family: row.family,
    playbook: row.playbook,
    severity: row.severity,
    level: row.tier,
    eventTime: new Date(row.event_time).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
    count: row.count,
    channel: row.channel,
    owner: row.owner,
    fields: [{ label: 'EventID', value: String(row.id) }, ...pairs.map(([label, value]) => ({ label, value }))],
    mitre: JSON.parse(row.mitre) as string[],
    hint: row.hint,
    trigger: row.trigger,
    createdAt: row.created_at,
  };
}
