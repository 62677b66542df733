// Where a canonical field lives in the events table: the time column, an address column with its key, a typed hot column, or the JSON rest.
import { HOT_COLUMNS, IP_KEY_COLUMNS, NUMERIC_COLUMNS, type HotColumn } from '../store/columns.ts';

/** Text columns with an index of their own (see the store's migrations): equality on them must stay index-friendly. */
const INDEXED_TEXT_COLUMNS: ReadonlySet<HotColumn> = new Set<HotColumn>(['user_name', 'host_name']);

export type FieldTarget =
  | { kind: 'time'; column: 'ts' }
  | { kind: 'ip'; column: 'source_ip' | 'destination_ip'; keyColumn: 'source_ip_key' | 'destination_ip_key' }
  | { kind: 'number'; column: HotColumn }
  | { kind: 'url'; column: 'url_original' }
  | { kind: 'text'; column: HotColumn; indexed: boolean }
  /** url.domain: DNS names are case-insensitive and the parsers store them lowercased, so equality is on the lowercased value. */
  | { kind: 'domain'; column: 'url_domain' }
  | { kind: 'json'; field: string };

/** The storage of a field given by its canonical (ECS) name. */
export function fieldTarget(field: string): FieldTarget {
  const column = HOT_COLUMNS[field];
  if (column === undefined) return { kind: 'json', field };
  if (column === 'ts') return { kind: 'time', column };
  const keyColumn = IP_KEY_COLUMNS[field];
  if (keyColumn !== undefined) {
    return { kind: 'ip', column: keyColumn === 'source_ip_key' ? 'source_ip' : 'destination_ip', keyColumn };
  }
  if (NUMERIC_COLUMNS.has(column)) return { kind: 'number', column };
  if (column === 'url_original') return { kind: 'url', column };
  if (column === 'url_domain') return { kind: 'domain', column };
  return { kind: 'text', column, indexed: INDEXED_TEXT_COLUMNS.has(column) };
}

/** Every field that has a column, by canonical name. */
export function hotFieldNames(): string[] {
  return Object.keys(HOT_COLUMNS);
}
