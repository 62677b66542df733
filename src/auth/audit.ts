// The append-only audit trail: who did what to which object, from which state to which, when and from where.
import { authDb, type AuthStore } from './auth-tables.ts';

export interface AuditEntry {
  actor: string;
  /** Dotted verb, e.g. `alert.take_ownership`, `user.role`, `session.login`. */
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  fromState?: string | null;
  toState?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  /** Epoch ms; now when absent. */
  at?: number;
}

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  fromState: string | null;
  toState: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string | number;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** Paging: entries older than this id. */
  beforeId?: number;
  /** 1..1000, default 100. */
  limit?: number;
}

/** Appends one entry; pass a transaction's `{ db: trx }` to make it land with the change it records. Returns its id. */
export async function writeAudit(store: AuthStore, entry: AuditEntry): Promise<number> {
  const row = await authDb(store)
    .insertInto('audit_log')
    .values({
      at: entry.at ?? Date.now(),
      actor: entry.actor,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId == null ? null : String(entry.targetId),
      from_state: entry.fromState ?? null,
      to_state: entry.toState ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Entries matching the filter, newest first. */
export async function listAudit(store: AuthStore, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  let query = authDb(store).selectFrom('audit_log').selectAll();
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', String(filter.targetId));
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('at', '<', filter.until);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    fromState: r.from_state,
    toState: r.to_state,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    ip: r.ip,
  }));
}
