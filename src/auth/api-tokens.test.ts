import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventStore } from '../store/store.ts';
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from './api-tokens.ts';
import { listAudit } from './audit.ts';
import { authDb, type AuthUser } from './auth-tables.ts';
import { addUser, openTestStore } from './test-store.ts';
import { disableUser } from './users.ts';

let store: EventStore;
let susie: AuthUser;
let bob: AuthUser;
let admin: AuthUser;
before(async () => {
  store = await openTestStore();
  susie = await addUser(store, 'susie');
  bob = await addUser(store, 'bob');
  admin = await addUser(store, 'root', 'admin');
});
after(() => store.close());

test('a token is shown once, stored hashed, listed without its secret, and resolves to its user', async () => {
  const { token, info } = await createApiToken(store, susie, { name: 'ingest script' }, { actor: 'susie' });
  assert.match(token, /^wf_[A-Za-z0-9_-]{43}$/);
  assert.equal(info.prefix, token.slice(0, 10));
  const row = await authDb(store).selectFrom('api_tokens').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
  assert.notEqual(row.token_hash, token);
  assert.ok(!JSON.stringify(row).includes(token.slice(10)));
  const listed = await listApiTokens(store, susie.id);
  assert.deepEqual(listed.map((t) => t.name), ['ingest script']);
  assert.ok(!JSON.stringify(listed).includes(token.slice(10)));
  const resolved = await resolveApiToken(store, token);
  assert.deepEqual(resolved, { tokenId: info.id, user: { id: susie.id, name: 'susie', role: 'analyst' } });
  assert.equal(await resolveApiToken(store, `${token.slice(0, -1)}A` === token ? `${token.slice(0, -1)}B` : `${token.slice(0, -1)}A`), null);
  assert.equal(await resolveApiToken(store, 'wf_short'), null);
});

test('revoked tokens stop working; only the owner or an admin may revoke; revocation is audited', async () => {
  const { token, info } = await createApiToken(store, susie, { name: 'cron' }, { actor: 'susie' });
  assert.equal(await revokeApiToken(store, info.id, bob, { actor: 'bob' }), false, "someone else's token looks like no token");
  assert.ok(await resolveApiToken(store, token));
  assert.equal(await revokeApiToken(store, info.id, susie, { actor: 'susie' }), true);
  assert.equal(await resolveApiToken(store, token), null);
  assert.ok((await listApiTokens(store, susie.id)).find((t) => t.id === info.id)?.revokedAt);
  const second = await createApiToken(store, susie, { name: 'other' }, { actor: 'susie' });
  assert.equal(await revokeApiToken(store, second.info.id, admin, { actor: 'root' }), true);
  const entries = await listAudit(store, { action: 'token.revoke' });
  assert.deepEqual(entries.map((e) => e.actor), ['root', 'susie']);
  assert.equal(await revokeApiToken(store, 99_999, admin, { actor: 'root' }), false);
});

test('expired tokens and tokens of disabled users stop working', async () => {
  const now = Date.now();
  const expiring = await createApiToken(store, bob, { name: 'short', expiresAt: now + 1000 }, { actor: 'bob' }, now);
  assert.ok(await resolveApiToken(store, expiring.token, now + 999));
  assert.equal(await resolveApiToken(store, expiring.token, now + 1000), null);
  const forever = await createApiToken(store, bob, { name: 'forever' }, { actor: 'bob' });
  assert.ok(await resolveApiToken(store, forever.token));
  await disableUser(store, bob.id, { actor: 'root' });
  assert.equal(await resolveApiToken(store, forever.token), null);
});
