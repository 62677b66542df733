import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventStore } from '../store/store.ts';
import { listAudit } from './audit.ts';
import { AuthError } from './auth-errors.ts';
import { authDb } from './auth-tables.ts';
import { checkCredentials } from './credentials.ts';
import { addUser, openTestStore } from './test-store.ts';
import { disableUser, ensureFirstAdmin, listUsers, setPassword, setRole } from './users.ts';

let store: EventStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

test('the first admin gets a random password once; it is stored only as a hash, and the creation is audited', async () => {
  const password = await ensureFirstAdmin(store);
  assert.ok(password);
  assert.ok(password.length >= 20);
  assert.equal(await ensureFirstAdmin(store), null, 'only on an empty users table');
  const row = await authDb(store).selectFrom('users').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.name, 'admin');
  assert.equal(row.role, 'admin');
  assert.ok(row.password_hash.startsWith('scrypt$'));
  assert.ok(!row.password_hash.includes(password));
  const check = await checkCredentials(store, 'admin', password);
  assert.equal(check.ok, true);
  const [entry] = await listAudit(store, { action: 'user.create' });
  assert.equal(entry?.actor, 'system');
  assert.ok(!JSON.stringify(entry).includes(password), 'the password is not in the audit trail');
});

test('a hash made with weaker parameters is upgraded at the next successful login', async () => {
  const weak = await addUser(store, 'weakling', 'analyst', 'weakling-password');
  const before = await authDb(store).selectFrom('users').select('password_hash').where('id', '=', weak.id).executeTakeFirstOrThrow();
  assert.ok(before.password_hash.startsWith('scrypt$1024$'));
  assert.equal((await checkCredentials(store, 'weakling', 'wrong-password-1')).ok, false);
  assert.ok((await authDb(store).selectFrom('users').select('password_hash').where('id', '=', weak.id).executeTakeFirstOrThrow()).password_hash.startsWith('scrypt$1024$'));
  assert.equal((await checkCredentials(store, 'weakling', 'weakling-password')).ok, true);
  const after = await authDb(store).selectFrom('users').select('password_hash').where('id', '=', weak.id).executeTakeFirstOrThrow();
  assert.ok(after.password_hash.startsWith('scrypt$32768$8$1$'));
  assert.equal((await checkCredentials(store, 'weakling', 'weakling-password')).ok, true);
});

test('names are unique case-insensitively', async () => {
  await addUser(store, 'susie');
  await assert.rejects(addUser(store, 'SUSIE'), (e: unknown) => e instanceof AuthError && e.code === 'conflict');
});

test('credential checks give the same outcome shape for unknown users, wrong passwords and disabled users', async () => {
  const bob = await addUser(store, 'bob', 'analyst', 'bob-password-123');
  assert.deepEqual(await checkCredentials(store, 'nobody', 'whatever-123'), { ok: false, reason: 'unknown_user' });
  assert.deepEqual(await checkCredentials(store, 'bob', 'wrong-password'), { ok: false, reason: 'bad_password' });
  assert.deepEqual(await checkCredentials(store, 'BOB', 'bob-password-123'), { ok: true, user: { id: bob.id, name: 'bob', role: 'analyst' } });
  await disableUser(store, bob.id, { actor: 'admin' });
  assert.deepEqual(await checkCredentials(store, 'bob', 'bob-password-123'), { ok: false, reason: 'disabled' });
  assert.equal((await listUsers(store)).find((u) => u.name === 'bob')?.disabled, true);
});

test('role changes are audited with from and to; the last enabled admin cannot be demoted or disabled', async () => {
  const carol = await addUser(store, 'carol');
  await setRole(store, carol.id, 'lead', { actor: 'admin', ip: '10.0.0.1' });
  const [entry] = await listAudit(store, { action: 'user.role', targetId: carol.id });
  assert.equal(entry?.fromState, 'analyst');
  assert.equal(entry?.toState, 'lead');
  assert.equal(entry?.ip, '10.0.0.1');
  const admin = (await listUsers(store)).find((u) => u.name === 'admin')!;
  await assert.rejects(setRole(store, admin.id, 'analyst', { actor: 'admin' }), /last enabled admin/);
  await assert.rejects(disableUser(store, admin.id, { actor: 'admin' }), /last enabled admin/);
  await setRole(store, carol.id, 'admin', { actor: 'admin' });
  await setRole(store, admin.id, 'lead', { actor: 'carol' });
});

test('a new password works, the old one no longer does, and the password is validated', async () => {
  const dave = await addUser(store, 'dave', 'analyst', 'dave-password-123');
  await setPassword(store, dave.id, 'dave-new-password', { actor: 'admin' });
  assert.equal((await checkCredentials(store, 'dave', 'dave-password-123')).ok, false);
  assert.equal((await checkCredentials(store, 'dave', 'dave-new-password')).ok, true);
  await assert.rejects(setPassword(store, dave.id, 'short', { actor: 'admin' }), /12 to 256/);
});
