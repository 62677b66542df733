// Browser sessions: random ids kept only as hashes, idle and absolute expiry, and the CSRF token bound to each session.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authDb, type AuthStore, type AuthUser } from './auth-tables.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after login, however active. */
  absoluteMs: number;
}

/** Two hours idle, twelve hours at most: one shift. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

/** Activity is written back at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** The secret for the cookie; never stored. */
  id: string;
  idHash: string;
  expiresAt: number;
}

export interface ResolvedSession {
  idHash: string;
  user: AuthUser;
  /** When it ends unless used again (the earlier of idle and absolute expiry). */
  expiresAt: number;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export async function createSession(
  store: AuthStore,
  userId: number,
  client: { ip?: string | null; userAgent?: string | null },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  now: number = Date.now(),
): Promise<NewSession> {
  const id = randomBytes(32).toString('base64url');
  const idHash = hashSecret(id);
  await authDb(store)
    .insertInto('sessions')
    .values({ id_hash: idHash, user_id: userId, created_at: now, last_seen_at: now, ip: client.ip ?? null, user_agent: client.userAgent?.slice(0, 512) ?? null })
    .execute();
  return { id, idHash, expiresAt: Math.min(now + policy.idleMs, now + policy.absoluteMs) };
}

/** The live session for a cookie value, or null (unknown, expired — then deleted — or its user disabled). */
export async function resolveSession(
  store: AuthStore,
  id: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  now: number = Date.now(),
): Promise<ResolvedSession | null> {
  if (id.length === 0 || id.length > 128) return null;
  const idHash = hashSecret(id);
  const db = authDb(store);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.created_at', 'sessions.last_seen_at', 'users.id', 'users.name', 'users.role', 'users.disabled_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const absoluteEnd = row.created_at + policy.absoluteMs;
  if (now >= absoluteEnd || now >= row.last_seen_at + policy.idleMs || row.disabled_at !== null) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  let lastSeen = row.last_seen_at;
  if (now - lastSeen >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    lastSeen = now;
  }
  return { idHash, user: { id: row.id, name: row.name, role: row.role }, expiresAt: Math.min(lastSeen + policy.idleMs, absoluteEnd) };
}

export async function deleteSession(store: AuthStore, idHash: string): Promise<void> {
  await authDb(store).deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Deletes sessions past their expiry; returns how many. */
export async function purgeExpiredSessions(store: AuthStore, policy: SessionPolicy = DEFAULT_SESSION_POLICY, now: number = Date.now()): Promise<number> {
  const result = await authDb(store)
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('created_at', '<=', now - policy.absoluteMs), eb('last_seen_at', '<=', now - policy.idleMs)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The CSRF token of a session: an HMAC keyed by the session id. Only someone who can read the session cookie (or a
 * same-origin response that returned the token) can produce it; it needs no storage and survives restarts.
 */
export const csrfTokenFor = (sessionId: string): string => createHmac('sha256', sessionId).update('watchfloor-csrf-v1').digest('base64url');

export function checkCsrfToken(sessionId: string, token: string | undefined): boolean {
  if (token === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
