// Which event fields have a column of their own in the events table, and which of those hold IP addresses.
import type { EventsTable } from './schema.ts';

export type HotColumn = Exclude<keyof EventsTable, 'id' | 'fields' | 'raw' | 'source_id' | 'line_no' | 'source_ip_key' | 'destination_ip_key'>;

/** ECS field → column. Every other field lives in the `fields` JSON. */
export const HOT_COLUMNS: Readonly<Record<string, HotColumn>> = {
  '@timestamp': 'ts',
  'event.dataset': 'dataset',
  'source.ip': 'source_ip',
  'source.port': 'source_port',
  'destination.ip': 'destination_ip',
  'destination.port': 'destination_port',
  'url.domain': 'url_domain',
  'url.original': 'url_original',
  'http.request.method': 'http_method',
  'http.response.status_code': 'status_code',
  'user_agent.original': 'user_agent',
  'user.name': 'user_name',
  'host.name': 'host_name',
  'event.action': 'event_action',
  'http.response.mime_type': 'mime_type',
  'url.extension': 'url_extension',
  'http.response.body.bytes': 'response_bytes',
};

/** Address columns and the sortable key column that CIDR searches range over. */
export const IP_KEY_COLUMNS: Readonly<Record<string, 'source_ip_key' | 'destination_ip_key'>> = {
  'source.ip': 'source_ip_key',
  'destination.ip': 'destination_ip_key',
};

/** Columns holding numbers (compared numerically in searches). */
export const NUMERIC_COLUMNS: ReadonlySet<HotColumn> = new Set<HotColumn>([
  'ts',
  'source_port',
  'destination_port',
  'status_code',
  'response_bytes',
]);
