// The intel tables as Kysely sees them (created by migration 0003-intel), and typed access through the store.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { EventStore } from '../store/store.ts';

export interface IndicatorsTable {
  id: Generated<number>;
  type: string;
  /** Normalised value (refanged, canonical case). */
  value: string;
  source: string;
  /** JSON array of tags, for display (filters use indicator_tags). */
  tags: string;
  description: string | null;
  tlp: string | null;
  /** Epoch milliseconds. */
  first_seen: number;
  last_seen: number;
  updated_at: number;
}

export interface IndicatorTagsTable {
  tag: string;
  indicator_id: number;
}

export interface IntelCacheTable {
  key: string;
  provider: string;
  obs_type: string;
  obs_value: string;
  status: string;
  /** JSON of the provider result as first returned. */
  result: string;
  fetched_at: number;
  expires_at: number;
}

// A type alias, not an interface: Kysely's withTables wants an index-signature-compatible type.
export type IntelTables = {
  indicators: IndicatorsTable;
  indicator_tags: IndicatorTagsTable;
  intel_cache: IntelCacheTable;
};

export type IntelDb = Kysely<Database & IntelTables>;

/** The store's query builder, with the intel tables known to it. */
export function intelDb(store: Pick<EventStore, 'db'>): IntelDb {
  return store.db.withTables<IntelTables>();
}
