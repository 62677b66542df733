// The tables of the store, as Kysely sees them. Hot event fields are columns; the rest of an event is JSON.
import type { Generated } from 'kysely';

export interface EventsTable {
  id: Generated<number>;
  ts: number;
  dataset: string;
  source_ip: string | null;
  source_ip_key: string | null;
  source_port: number | null;
  destination_ip: string | null;
  destination_ip_key: string | null;
  destination_port: number | null;
  url_domain: string | null;
  url_original: string | null;
  http_method: string | null;
  status_code: number | null;
  user_agent: string | null;
  user_name: string | null;
  host_name: string | null;
  event_action: string | null;
  mime_type: string | null;
  url_extension: string | null;
  response_bytes: number | null;
  /** JSON object of every field that has no column of its own. */
  fields: string;
  raw: string;
  source_id: number | null;
  line_no: number | null;
}

export interface SourcesTable {
  id: Generated<number>;
  /** sha256 of the file's first 64 KiB of (decompressed) content: the same file under another name is the same source. */
  identity: string;
  path: string;
  format: string;
  lines_done: number;
  events: number;
  rejected: number;
  started_at: string;
  finished_at: string | null;
}

export interface RejectsTable {
  id: Generated<number>;
  source_id: number;
  path: string;
  line_no: number;
  reason: string;
  raw: string;
  created_at: string;
}

export interface AlertsTable {
  /** The alert's EventID. */
  id: Generated<number>;
  rule_key: string;
  rule_code: string | null;
  rule_name: string;
  type: string;
  family: string;
  playbook: string | null;
  severity: string;
  tier: string;
  /** Time of the first event that raised it (epoch ms). */
  event_time: number;
  /** Time of the latest event folded into it by suppression. */
  last_seen: number;
  count: number;
  suppress_key: string | null;
  channel: string;
  owner: string | null;
  /** JSON array of [label, value] pairs in display order (PRODUCT.md §3). */
  fields: string;
  /** JSON array of MITRE ATT&CK technique ids. */
  mitre: string;
  hint: string | null;
  /** Why it fired: the matched selections, or the correlation that completed. */
  trigger: string;
  created_at: string;
}

export interface AlertEventsTable {
  alert_id: number;
  event_id: number;
}

/** Events per minute (`minute` = epoch ms ÷ 60,000), for histograms over the whole store. */
export interface EventMinutesTable {
  minute: number;
  count: number;
}

export interface Database {
  events: EventsTable;
  sources: SourcesTable;
  rejects: RejectsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  event_minutes: EventMinutesTable;
}
