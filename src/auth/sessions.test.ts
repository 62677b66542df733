import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventStore } from '../store/store.ts';
import { authDb } from './auth-tables.ts';
import { addUser, openTestStore } from './test-store.ts';
import { checkCsrfToken, createSession, csrfTokenFor, purgeExpiredSessions, resolveSession, type SessionPolicy } from './sessions.ts';
import { disableUser, setPassword } from './users.ts';

const POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 8 * 3600_000 };
const T0 = Date.UTC(2021, 2, 21, 10, 0, 0);
let store: EventStore;
let userId: number;

before(async () => {
  store = await openTestStore();
  userId = (await addUser(store, 'susie')).id;
});
after(() => store.close());

test('a session id is random and stored only as its hash', async () => {
  const a = await createSession(store, userId, { ip: '10.0.0.5', userAgent: 'test' }, POLICY, T0);
  const b = await createSession(store, userId, {}, POLICY, T0);
  assert.notEqual(a.id, b.id);
  assert.ok(a.id.length >= 43);
  const rows = await authDb(store).selectFrom('sessions').select('id_hash').execute();
  assert.ok(rows.every((r) => r.id_hash !== a.id && r.id_hash !== b.id));
  assert.ok(rows.some((r) => r.id_hash === a.idHash));
  assert.equal(await resolveSession(store, 'not-a-session', POLICY, T0), null);
});

test('idle expiry: use keeps a session alive, a pause longer than the idle time ends it', async () => {
  const s = await createSession(store, userId, {}, POLICY, T0);
  let now = T0;
  for (let i = 0; i < 5; i++) {
    now += 20 * 60_000; // every 20 minutes, within the 30-minute idle limit
    const live = await resolveSession(store, s.id, POLICY, now);
    assert.equal(live?.user.name, 'susie');
    assert.equal(live.expiresAt, now + POLICY.idleMs);
  }
  assert.equal(await resolveSession(store, s.id, POLICY, now + 31 * 60_000), null);
  assert.equal(await resolveSession(store, s.id, POLICY, now), null, 'an expired session is deleted, not revived');
});

test('absolute expiry: an active session still ends after the maximum lifetime', async () => {
  const s = await createSession(store, userId, {}, POLICY, T0);
  let now = T0;
  while (now + 20 * 60_000 < T0 + POLICY.absoluteMs) {
    now += 20 * 60_000;
    assert.ok(await resolveSession(store, s.id, POLICY, now));
  }
  const last = await resolveSession(store, s.id, POLICY, T0 + POLICY.absoluteMs - 1);
  assert.equal(last?.expiresAt, T0 + POLICY.absoluteMs, 'the reported end is capped by the absolute limit');
  assert.equal(await resolveSession(store, s.id, POLICY, T0 + POLICY.absoluteMs), null);
});

test('expired sessions are purged; a password change or disabling ends sessions', async () => {
  const user = await addUser(store, 'bob');
  const old = await createSession(store, user.id, {}, POLICY, T0);
  const fresh = await createSession(store, user.id, {}, POLICY, T0 + POLICY.idleMs);
  assert.ok((await purgeExpiredSessions(store, POLICY, T0 + POLICY.idleMs)) >= 1);
  assert.equal(await resolveSession(store, old.id, POLICY, T0 + POLICY.idleMs), null);
  const now = Date.now();
  const kept = await createSession(store, user.id, {}, POLICY, now);
  const other = await createSession(store, user.id, {}, POLICY, now);
  await setPassword(store, user.id, 'another-password-1', { actor: 'bob' }, kept.idHash);
  assert.ok(await resolveSession(store, kept.id, POLICY, now));
  assert.equal(await resolveSession(store, other.id, POLICY, now), null);
  await disableUser(store, user.id, { actor: 'admin' });
  assert.equal(await resolveSession(store, kept.id, POLICY, now), null);
  assert.equal(await resolveSession(store, fresh.id, POLICY, T0 + POLICY.idleMs), null);
});

test('the CSRF token is bound to its session', async () => {
  const a = await createSession(store, userId, {}, POLICY, T0);
  const b = await createSession(store, userId, {}, POLICY, T0);
  const token = csrfTokenFor(a.id);
  assert.equal(checkCsrfToken(a.id, token), true);
  assert.equal(checkCsrfToken(b.id, token), false);
  assert.equal(checkCsrfToken(a.id, undefined), false);
  assert.equal(checkCsrfToken(a.id, ''), false);
  assert.equal(checkCsrfToken(a.id, token.slice(1)), false);
  assert.notEqual(token, a.id);
});
