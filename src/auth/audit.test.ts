import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { EventStore } from '../store/store.ts';
import { listAudit, writeAudit } from './audit.ts';
import { openTestStore } from './test-store.ts';

let store: EventStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

test('entries are written and listed newest first, with filters', async () => {
  await writeAudit(store, { actor: 'susie', action: 'alert.take_ownership', targetType: 'alert', targetId: 83, fromState: 'main', toState: 'investigation', ip: '10.0.0.5', at: 1000 });
  await writeAudit(store, { actor: 'susie', action: 'alert.close', targetType: 'alert', targetId: 83, fromState: 'investigation', toState: 'closed', detail: { verdict: 'false_positive' }, at: 2000 });
  await writeAudit(store, { actor: 'bob', action: 'alert.take_ownership', targetType: 'alert', targetId: 84, fromState: 'main', toState: 'investigation', at: 3000 });
  const all = await listAudit(store);
  assert.deepEqual(all.map((e) => e.at), [3000, 2000, 1000]);
  assert.deepEqual(all[1], {
    id: all[1]!.id, at: 2000, actor: 'susie', action: 'alert.close', targetType: 'alert', targetId: '83',
    fromState: 'investigation', toState: 'closed', detail: { verdict: 'false_positive' }, ip: null,
  });
  assert.deepEqual((await listAudit(store, { targetType: 'alert', targetId: 83 })).map((e) => e.action), ['alert.close', 'alert.take_ownership']);
  assert.deepEqual((await listAudit(store, { actor: 'bob' })).map((e) => e.targetId), ['84']);
  assert.deepEqual((await listAudit(store, { since: 1500, until: 3000 })).map((e) => e.at), [2000]);
  assert.deepEqual((await listAudit(store, { beforeId: all[0]!.id, limit: 1 })).map((e) => e.at), [2000]);
});

test('SQLite itself refuses to update or delete audit entries', async () => {
  await writeAudit(store, { actor: 'eve', action: 'user.role', targetType: 'user', targetId: 1, fromState: 'analyst', toState: 'admin' });
  await assert.rejects(sql`UPDATE audit_log SET actor = 'mallory'`.execute(store.db), /audit_log is append-only/);
  await assert.rejects(sql`DELETE FROM audit_log WHERE actor = 'eve'`.execute(store.db), /audit_log is append-only/);
  await assert.rejects(sql`DELETE FROM audit_log`.execute(store.db), /audit_log is append-only/);
  const eve = await listAudit(store, { actor: 'eve' });
  assert.equal(eve.length, 1);
  assert.equal(eve[0]!.toState, 'admin');
});
