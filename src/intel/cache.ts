// The lookup cache in the store (table intel_cache): one row per provider + observable, valid until its TTL runs out.
import type { Observable, ProviderResult } from './types.ts';
import { runReusable, type IntelDb } from './tables.ts';

/** What is stored: the result as the service gave it (cache flags are set when it is read back). */
export type CachedResult = Omit<ProviderResult, 'fromCache' | 'origin' | 'durationMs'>;

export function cacheKey(provider: string, observable: Observable, params = ''): string {
  return `${provider}\u0000${observable.type}\u0000${observable.value}\u0000${params}`;
}

/**
 * The stored form: the result's JSON, then a newline and the full response's JSON (JSON text never holds a raw newline).
 * The full response is parsed only when someone reads `full`: most lookups only need the verdict lines.
 */
function revive(text: string): CachedResult {
  const cut = text.indexOf('\n');
  const result = JSON.parse(cut === -1 ? text : text.slice(0, cut)) as CachedResult;
  if (cut !== -1) {
    const fullJson = text.slice(cut + 1);
    Object.defineProperty(result, 'full', {
      enumerable: true,
      configurable: true,
      get(this: CachedResult) {
        const value: unknown = JSON.parse(fullJson);
        Object.defineProperty(this, 'full', { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
  }
  return result;
}

function stored(result: CachedResult): string {
  const { full, ...rest } = result;
  return full === undefined ? JSON.stringify(rest) : `${JSON.stringify(rest)}\n${JSON.stringify(full)}`;
}

/** Every unexpired cached result for the observable, by provider: one indexed query whatever the number of providers. */
export async function readCached(db: IntelDb, observable: Observable, now: number): Promise<Map<string, CachedResult>> {
  const rows = await runReusable(
    db,
    'readCached',
    () => db.selectFrom('intel_cache').select(['provider', 'result']).where('obs_value', '=', '').where('obs_type', '=', '').where('expires_at', '>', 0),
    [observable.value, observable.type, now],
  );
  const out = new Map<string, CachedResult>();
  for (const row of rows) out.set(row.provider, revive(row.result));
  return out;
}

export async function writeCached(db: IntelDb, result: CachedResult, fetchedAt: number, ttlMs: number): Promise<void> {
  const row = {
    key: cacheKey(result.provider, result.observable),
    provider: result.provider,
    obs_type: result.observable.type,
    obs_value: result.observable.value,
    status: result.status,
    result: stored(result),
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
