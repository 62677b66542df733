// User accounts: create, list, change role or password, disable; and the first admin of an empty install.
import { writeAudit } from './audit.ts';
import { AuthError } from './auth-errors.ts';
import { authDb, inTransaction, type AuditContext, type AuthStore, type AuthUser, type Role, type UsersTable } from './auth-tables.ts';
import { generatePassword, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type ScryptParams } from './password-hash.ts';

export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface UserInfo extends AuthUser {
  createdAt: number;
  disabled: boolean;
}

export interface NewUser {
  name: string;
  role: Role;
  password: string;
}

type UserRow = Pick<UsersTable, 'name' | 'role' | 'created_at' | 'disabled_at'> & { id: number };

const toInfo = (r: UserRow): UserInfo => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, disabled: r.disabled_at !== null });

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError(`a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
}

/** Creates a user (the name is unique, case-insensitively). Throws AuthError `conflict` when the name is taken. */
export async function createUser(store: AuthStore, user: NewUser, ctx: AuditContext, hashParams?: ScryptParams): Promise<UserInfo> {
  if (!USER_NAME_PATTERN.test(user.name)) throw new InvalidInputError('a user name is 1 to 64 letters, digits or . _ @ -, starting with a letter or digit');
  checkPassword(user.password);
  const passwordHash = await hashPassword(user.password, hashParams);
  return inTransaction(store, async (tx) => {
    const db = authDb(tx);
    if (await db.selectFrom('users').select('id').where('name', '=', user.name).executeTakeFirst()) {
      throw new AuthError(409, 'conflict', `a user named ${user.name} already exists`);
    }
    const now = Date.now();
    const row = await db
      .insertInto('users')
      .values({ name: user.name, role: user.role, password_hash: passwordHash, created_at: now, updated_at: now, disabled_at: null })
      .returning(['id', 'name', 'role', 'created_at', 'disabled_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(tx, { ...ctx, action: 'user.create', targetType: 'user', targetId: row.id, toState: row.role, detail: { name: row.name } });
    return toInfo(row);
  });
}

export async function listUsers(store: AuthStore): Promise<UserInfo[]> {
  const rows = await authDb(store).selectFrom('users').select(['id', 'name', 'role', 'created_at', 'disabled_at']).orderBy('name').execute();
  return rows.map(toInfo);
}

export async function getUser(store: AuthStore, id: number): Promise<UserInfo | null> {
  const row = await authDb(store).selectFrom('users').select(['id', 'name', 'role', 'created_at', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  return row ? toInfo(row) : null;
}

async function requireUser(tx: AuthStore, id: number): Promise<UserRow> {
  const row = await authDb(tx).selectFrom('users').select(['id', 'name', 'role', 'created_at', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new UserNotFoundError(id);
  return row;
}

/** A name or password that breaks the rules (the API's schemas catch these first; this guards other callers). */
export class InvalidInputError extends Error {}

export class UserNotFoundError extends Error {
  constructor(readonly userId: number) {
    super(`no user with id ${userId}`);
  }
}

/** Refuses a change that would leave no enabled admin. */
async function keepOneAdmin(tx: AuthStore, changing: UserRow): Promise<void> {
  if (changing.role !== 'admin' || changing.disabled_at !== null) return;
  const { n } = await authDb(tx)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (n <= 1) throw new AuthError(409, 'conflict', 'this is the last enabled admin');
}

/** Sets a new password and ends the user's sessions (except `keepSessionHash`, the caller's own when changing their own). */
export async function setPassword(store: AuthStore, userId: number, password: string, ctx: AuditContext, keepSessionHash?: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(store, async (tx) => {
    await requireUser(tx, userId);
    const db = authDb(tx);
    await db.updateTable('users').set({ password_hash: passwordHash, updated_at: Date.now() }).where('id', '=', userId).execute();
    let ended = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionHash !== undefined) ended = ended.where('id_hash', '!=', keepSessionHash);
    const result = await ended.executeTakeFirst();
    await writeAudit(tx, { ...ctx, action: 'user.password', targetType: 'user', targetId: userId, detail: { sessionsEnded: Number(result.numDeletedRows) } });
  });
}

export async function setRole(store: AuthStore, userId: number, role: Role, ctx: AuditContext): Promise<UserInfo> {
  return inTransaction(store, async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.role === role) return toInfo(user);
    if (role !== 'admin') await keepOneAdmin(tx, user);
    await authDb(tx).updateTable('users').set({ role, updated_at: Date.now() }).where('id', '=', userId).execute();
    await writeAudit(tx, { ...ctx, action: 'user.role', targetType: 'user', targetId: userId, fromState: user.role, toState: role });
    return toInfo({ ...user, role });
  });
}

/** Disables a user: their sessions end, their API tokens stop working, they cannot log in. */
export async function disableUser(store: AuthStore, userId: number, ctx: AuditContext): Promise<UserInfo> {
  return inTransaction(store, async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.disabled_at !== null) return toInfo(user);
    await keepOneAdmin(tx, user);
    const now = Date.now();
    const db = authDb(tx);
    await db.updateTable('users').set({ disabled_at: now, updated_at: now }).where('id', '=', userId).execute();
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await writeAudit(tx, { ...ctx, action: 'user.disable', targetType: 'user', targetId: userId, fromState: 'enabled', toState: 'disabled' });
    return toInfo({ ...user, disabled_at: now });
  });
}

export async function enableUser(store: AuthStore, userId: number, ctx: AuditContext): Promise<UserInfo> {
  return inTransaction(store, async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.disabled_at === null) return toInfo(user);
    await authDb(tx).updateTable('users').set({ disabled_at: null, updated_at: Date.now() }).where('id', '=', userId).execute();
    await writeAudit(tx, { ...ctx, action: 'user.enable', targetType: 'user', targetId: userId, fromState: 'disabled', toState: 'enabled' });
    return toInfo({ ...user, disabled_at: null });
  });
}

/**
 * On an install without users, creates `admin` with a random password and returns that password, for the caller to show
 * once (it is stored only as a hash and never logged). Returns null when users exist.
 */
export async function ensureFirstAdmin(store: AuthStore): Promise<string | null> {
  const existing = await authDb(store).selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const password = generatePassword();
  try {
    await createUser(store, { name: 'admin', role: 'admin', password }, { actor: 'system' });
  } catch (error) {
    if (error instanceof AuthError && error.code === 'conflict') return null; // another process got there first
    throw error;
  }
  return password;
}
