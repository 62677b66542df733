// Converts events to rows of the events table (hot columns + JSON rest + raw) and rows back to events.
import type { EventFields, FieldValue, WatchEvent } from '../events/event.ts';
import { HOT_COLUMNS, type HotColumn } from './columns.ts';
import { ipKey } from './ip-key.ts';
import type { EventsTable } from './schema.ts';

export type EventRow = Omit<EventsTable, 'id'>;
export type StoredEventRow = EventRow & { id: number };

const HOT_ENTRIES = Object.entries(HOT_COLUMNS).filter(([field]) => field !== '@timestamp');

function asText(value: FieldValue | undefined): string | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : null;
  return String(value);
}

function asNumber(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const NUMERIC: ReadonlySet<HotColumn> = new Set(['source_port', 'destination_port', 'status_code', 'response_bytes']);

/** The row for an event read from `sourceId` at `lineNo` (both null for events that came from no file). */
export function eventToRow(event: WatchEvent, sourceId: number | null, lineNo: number | null): EventRow {
  const rest: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(event.fields)) {
    if (value !== undefined && HOT_COLUMNS[field] === undefined) rest[field] = value;
  }
  const row: EventRow = {
    ts: event.timestamp,
    dataset: event.fields['event.dataset'],
    source_ip: null,
    source_ip_key: null,
    source_port: null,
    destination_ip: null,
    destination_ip_key: null,
    destination_port: null,
    url_domain: null,
    url_original: null,
    http_method: null,
    status_code: null,
    user_agent: null,
    user_name: null,
    host_name: null,
    event_action: null,
    mime_type: null,
    url_extension: null,
    response_bytes: null,
    fields: JSON.stringify(rest),
    raw: event.raw,
    source_id: sourceId,
    line_no: lineNo,
  };
  const target = row as unknown as Record<HotColumn, string | number | null>;
  for (const [field, column] of HOT_ENTRIES) {
    const value = event.fields[field];
    target[column] = NUMERIC.has(column) ? asNumber(value) : asText(value);
  }
  // domains are case-insensitive: stored lower-case, so equality searches can use the index whatever the log wrote
  if (row.url_domain !== null) row.url_domain = row.url_domain.toLowerCase();
  row.source_ip_key = row.source_ip === null ? null : ipKey(row.source_ip);
  row.destination_ip_key = row.destination_ip === null ? null : ipKey(row.destination_ip);
  return row;
}

/** The event a stored row holds, every field by its ECS name. */
export function rowToEvent(row: StoredEventRow): WatchEvent & { id: number; sourceId: number | null; lineNo: number | null } {
  const fields = JSON.parse(row.fields) as EventFields;
  const source = row as unknown as Record<HotColumn, string | number | null>;
  for (const [field, column] of HOT_ENTRIES) {
    const value = source[column];
    if (value !== null) fields[field] = value;
  }
  fields['@timestamp'] = new Date(row.ts).toISOString();
  fields['event.dataset'] = row.dataset;
  return { id: row.id, timestamp: row.ts, fields, raw: row.raw, sourceId: row.source_id, lineNo: row.line_no };
}
