// The intel tables as Kysely sees them (created by migration 0003-intel), and typed access through the store.
import type { Compilable, CompiledQuery, Generated, Kysely } from 'kysely';
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

const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

/**
 * Runs a query compiled once per database and shape (`key`), with new parameters: the hot lookup paths skip Kysely's
 * builder and compiler (about half their cost). `build` must place its parameters in the order `parameters` gives them.
 */
export async function runReusable<R>(db: Kysely<Database> | IntelDb, key: string, build: () => Compilable<R>, parameters: readonly unknown[]): Promise<R[]> {
  let byKey = compiled.get(db);
  if (byKey === undefined) compiled.set(db, (byKey = new Map()));
  let query = byKey.get(key);
  if (query === undefined) {
    query = build().compile();
    if (query.parameters.length !== parameters.length) throw new Error(`reusable query ${key}: ${query.parameters.length} parameters compiled, ${parameters.length} given`);
    byKey.set(key, query);
  }
  const res = await (db as IntelDb).executeQuery<R>({ ...(query as CompiledQuery<R>), parameters });
  return res.rows;
}
