// Checks a name and password with the same work whether or not the user exists, so neither answer nor timing tells.
import { randomBytes } from 'node:crypto';
import { authDb, type AuthStore, type AuthUser } from './auth-tables.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';

export type CredentialCheck = { ok: true; user: AuthUser } | { ok: false; reason: 'unknown_user' | 'bad_password' | 'disabled' };

let dummyHash: Promise<string> | undefined;

/** A hash of a random string made with the default parameters: what an unknown user's password is checked against. */
const decoy = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/** Computes the decoy hash ahead of the first login, so that one is not slower either. */
export async function prepareCredentialChecks(): Promise<void> {
  await decoy();
}

/** The reason is for the audit trail only; clients get one generic answer. */
export async function checkCredentials(store: AuthStore, name: string, password: string): Promise<CredentialCheck> {
  const row = await authDb(store)
    .selectFrom('users')
    .select(['id', 'name', 'role', 'password_hash', 'disabled_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoy()));
  if (!row) return { ok: false, reason: 'unknown_user' };
  if (!matches) return { ok: false, reason: 'bad_password' };
  if (row.disabled_at !== null) return { ok: false, reason: 'disabled' };
  if (needsRehash(row.password_hash)) {
    // made with weaker parameters than today's: upgrade it while the password is at hand
    await authDb(store).updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', row.id).execute();
  }
  return { ok: true, user: { id: row.id, name: row.name, role: row.role } };
}
