// The auth tables as Kysely sees them, and typed access to them through the shared store connection.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

export const ROLES = ['analyst', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (see password-hash.ts). */
  password_hash: string;
  created_at: number;
  updated_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  /** sha256 (hex) of the session id; the id itself exists only in the cookie. */
  id_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 (hex) of the whole token. */
  token_hash: string;
  /** The first characters of the token, to recognise it in a list. */
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  from_state: string | null;
  to_state: string | null;
  /** JSON object. */
  detail: string;
  ip: string | null;
}

export type AuthTables = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
};

/** What the auth modules need of a store: its Kysely handle (an EventStore, or `{ db: trx }` inside a transaction). */
export interface AuthStore {
  readonly db: Kysely<Database>;
}

/** The signed-in principal attached to requests. */
export interface AuthUser {
  id: number;
  name: string;
  role: Role;
}

/** Who performs a change, for the audit trail. */
export interface AuditContext {
  actor: string;
  ip?: string | null;
}

export const authDb = (store: AuthStore) => store.db.withTables<AuthTables>();

/** Runs `fn` in one transaction, so a change and its audit entry land together or not at all. */
export function inTransaction<T>(store: AuthStore, fn: (tx: AuthStore) => Promise<T>): Promise<T> {
  return store.db.transaction().execute((trx) => fn({ db: trx }));
}

const RANK: Record<Role, number> = { analyst: 0, lead: 1, admin: 2 };

/** True when `role` is `required` or above it (analyst < lead < admin). */
export const roleAtLeast = (role: Role, required: Role): boolean => RANK[role] >= RANK[required];
