// API tokens for scripts: `wf_` + 256 random bits, shown once, stored as sha256, listed without the secret, revocable.
import { randomBytes } from 'node:crypto';
import { writeAudit } from './audit.ts';
import { authDb, inTransaction, roleAtLeast, type AuditContext, type AuthStore, type AuthUser } from './auth-tables.ts';
import { hashSecret } from './sessions.ts';

export const TOKEN_PREFIX = 'wf_';
const TOKEN_PATTERN = /^wf_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenInfo {
  id: number;
  userId: number;
  name: string;
  /** The token's first characters, to recognise it. */
  prefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const LAST_USED_EVERY_MS = 60_000;

/** Creates a token for `user`. The returned `token` is the only time the secret exists outside the caller's hands. */
export async function createApiToken(
  store: AuthStore,
  user: AuthUser,
  spec: { name: string; expiresAt?: number | null },
  ctx: AuditContext,
  now: number = Date.now(),
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, 10);
  return inTransaction(store, async (tx) => {
    const row = await authDb(tx)
      .insertInto('api_tokens')
      .values({ user_id: user.id, name: spec.name, token_hash: hashSecret(token), prefix, created_at: now, expires_at: spec.expiresAt ?? null, last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, { ...ctx, action: 'token.create', targetType: 'api_token', targetId: row.id, toState: 'active', detail: { name: spec.name, userId: user.id, expiresAt: spec.expiresAt ?? null } });
    return {
      token,
      info: { id: row.id, userId: user.id, name: spec.name, prefix, createdAt: now, expiresAt: spec.expiresAt ?? null, lastUsedAt: null, revokedAt: null },
    };
  });
}

/** A user's tokens (revoked ones included, marked), newest first; never the secrets. */
export async function listApiTokens(store: AuthStore, userId: number): Promise<ApiTokenInfo[]> {
  const rows = await authDb(store)
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * Revokes a token: its owner or an admin may. Returns false when there is no such token (or it belongs to someone
 * else and `by` is not an admin: the same answer, so ids of others' tokens cannot be probed).
 */
export async function revokeApiToken(store: AuthStore, tokenId: number, by: AuthUser, ctx: AuditContext, now: number = Date.now()): Promise<boolean> {
  return inTransaction(store, async (tx) => {
    const db = authDb(tx);
    const row = await db.selectFrom('api_tokens').select(['user_id', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst();
    if (!row || (row.user_id !== by.id && !roleAtLeast(by.role, 'admin'))) return false;
    if (row.revoked_at !== null) return true;
    await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).execute();
    await writeAudit(tx, { ...ctx, action: 'token.revoke', targetType: 'api_token', targetId: tokenId, fromState: 'active', toState: 'revoked', detail: { userId: row.user_id } });
    return true;
  });
}

/** The user a bearer token acts for, or null (malformed, unknown, revoked, expired, or its user disabled). */
export async function resolveApiToken(store: AuthStore, token: string, now: number = Date.now()): Promise<{ tokenId: number; user: AuthUser } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = authDb(store);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id', 'users.name', 'users.role', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null || (row.expires_at !== null && now >= row.expires_at)) return null;
  if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  return { tokenId: row.tokenId, user: { id: row.id, name: row.name, role: row.role } };
}

