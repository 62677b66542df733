// The lookup cache in the store (table intel_cache): one row per provider + observable, valid until its TTL runs out.
import type { Observable, ProviderResult } from './types.ts';
import type { IntelDb } from './tables.ts';

/** What is stored: the result as the service gave it (cache flags are set when it is read back). */
export type CachedResult = Omit<ProviderResult, 'fromCache' | 'origin' | 'durationMs'>;

export function cacheKey(provider: string, observable: Observable, params = ''): string {
  return `${provider}\u0000${observable.type}\u0000${observable.value}\u0000${params}`;
}

/** Every unexpired cached result for the observable, by provider: one indexed query whatever the number of providers. */
export async function readCached(db: IntelDb, observable: Observable, now: number): Promise<Map<string, CachedResult>> {
  const rows = await db
    .selectFrom('intel_cache')
    .select(['provider', 'result'])
    .where('obs_value', '=', observable.value)
    .where('obs_type', '=', observable.type)
    .where('expires_at', '>', now)
    .execute();
  const out = new Map<string, CachedResult>();
  for (const row of rows) out.set(row.provider, JSON.parse(row.result) as CachedResult);
  return out;
}

export async function writeCached(db: IntelDb, result: CachedResult, fetchedAt: number, ttlMs: number): Promise<void> {
  const row = {
    key: cacheKey(result.provider, result.observable),
    provider: result.provider,
    obs_type: result.observable.type,
    obs_value: result.observable.value,
    status: result.status,
    result: JSON.stringify(result),
    fetched_at: fetchedAt,
    expires_at: fetchedAt + ttlMs,
  };
  await db
    .insertInto('intel_cache')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ status: row.status, result: row.result, fetched_at: row.fetched_at, expires_at: row.expires_at }))
    .execute();
}

/** Deletes expired rows; returns how many. */
export async function purgeExpired(db: IntelDb, now: number): Promise<number> {
  const res = await db.deleteFrom('intel_cache').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Forgets cached results (all, or one provider's). */
export async function clearCache(db: IntelDb, provider?: string): Promise<number> {
  let q = db.deleteFrom('intel_cache');
  if (provider !== undefined) q = q.where('provider', '=', provider);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}
