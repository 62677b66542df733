// Loading scenario packs: a broken pack is refused with file and line and leaves the store as it was.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ScenarioError } from '../src/scenarios/load-pack.ts';
import { BUILTIN_PACKS, loadScenario, resetScenario } from '../src/scenarios/scenarios.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'wf-packs-'));

function copyPack(name: string): string {
  const target = join(dir, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(join(BUILTIN_PACKS, 'soc119-event83'), target, { recursive: true });
  return target;
}

async function counts(store: EventStore): Promise<number[]> {
  const db = store.db.withTables<{ scenarios: { name: string } }>();
  const n = async (table: 'events' | 'alerts' | 'scenarios') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return [await n('events'), await n('alerts'), await n('scenarios')];
}

test('a YAML error, a schema error and a log line that does not parse are refused with file and line; nothing is written', async () => {
  const store = await openSqliteStore(join(dir, 'w.db'));
  const yamlBroken = copyPack('yaml');
  writeFileSync(join(yamlBroken, 'scenario.yaml'), readFileSync(join(yamlBroken, 'scenario.yaml'), 'utf8').replace('difficulty: ', 'difficulty: [unclosed\n'));
  await assert.rejects(loadScenario(store, yamlBroken), (e: unknown) => e instanceof ScenarioError && /scenario\.yaml:\d+:\d+: /.test(e.message));

  const schemaBroken = copyPack('schema');
  writeFileSync(join(schemaBroken, 'hosts', 'SusieHost.yaml'), readFileSync(join(schemaBroken, 'hosts', 'SusieHost.yaml'), 'utf8').replace(/agent: \w+/, 'agent: sleeping'));
  await assert.rejects(loadScenario(store, schemaBroken), (e: unknown) => e instanceof ScenarioError && /hosts\/SusieHost\.yaml:\d+:\d+: agent: /.test(e.message));

  const logBroken = copyPack('log');
  appendFileSync(join(logBroken, 'logs', 'proxy.log'), 'this line has no date at all\n');
  await assert.rejects(loadScenario(store, logBroken), (e: unknown) => e instanceof ScenarioError && /logs\/proxy\.log:\d+:1: /.test(e.message));

  const keyBroken = copyPack('key');
  writeFileSync(join(keyBroken, 'answers.yaml'), readFileSync(join(keyBroken, 'answers.yaml'), 'utf8').replace('Non-malicious', 'Harmless'));
  await assert.rejects(loadScenario(store, keyBroken), (e: unknown) => e instanceof ScenarioError && /"Harmless" is not an option/.test(e.message));

  assert.deepEqual(await counts(store), [0, 0, 0], 'the store is as it was');
  await store.close();
});

test('a pack loads once; reset sends its alerts back to the Main Channel', async () => {
  const store = await openSqliteStore(join(dir, 'once.db'));
  const loaded = await loadScenario(store, 'soc119-event83');
  assert.deepEqual(loaded.alerts.map((a) => a.eventId), [83, 84, 79, 53]);
  await assert.rejects(loadScenario(store, 'soc119-event83'), /already loaded/);
  const db = store.db;
  await db.updateTable('alerts').set({ channel: 'closed', owner: 'x' }).where('id', '=', 83).execute();
  assert.deepEqual(await resetScenario(store, 'soc119-event83'), { alerts: 4 });
  const row = await db.selectFrom('alerts').select(['channel', 'owner']).where('id', '=', 83).executeTakeFirstOrThrow();
  assert.deepEqual(row, { channel: 'main', owner: null });
  await store.close();
});
