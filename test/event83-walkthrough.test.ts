// The acceptance walkthroughs over the HTTP API: EventID 83 answered right and wrong, the ownership race, and every
// shipped pack played by its own answer key scoring 100%.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/server.ts';
import { listScenarios, loadScenario } from '../src/scenarios/scenarios.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../src/store/store.ts';
import { bearerFor } from './helpers/auth.ts';

let store: EventStore;
let app: FastifyInstance;
let susie: { authorization: string };
let bob: { authorization: string };
let lead: { authorization: string };

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-walk-'));
  store = await openSqliteStore(join(dataDir, 'w.db'));
  await loadScenario(store, 'soc119-event83');
  app = await buildServer({ store, dataDir });
  susie = await bearerFor(store, 'analyst.susie');
  bob = await bearerFor(store, 'analyst.bob');
  lead = await bearerFor(store, 'lead.lara', 'lead');
});
after(async () => {
  await app.close();
  await store.close();
});

async function call(headers: { authorization: string }, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

const answerStep = (who: { authorization: string }, caseId: number, stepId: string, input: object) =>
  call(who, 'POST', `/api/cases/${caseId}/answer`, { stepId, input });

test('twenty analysts race to take EventID 83: exactly one wins, the others get 409', async () => {
  const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? susie : bob)));
  const results = await Promise.all(racers.map((who) => call(who, 'POST', '/api/alerts/83/take')));
  const won = results.filter((r) => r.status === 200);
  assert.equal(won.length, 1);
  assert.equal(results.filter((r) => r.status === 409).length, 19);
  // whoever won, the lead hands it to Susie for the walkthrough
  const assigned = await call(lead, 'POST', '/api/alerts/83/assign', { owner: 'analyst.susie' });
  assert.equal(assigned.status, 200);
  assert.equal((await call(bob, 'POST', '/api/alerts/83/assign', { owner: 'analyst.bob' })).status, 403, 'assigning takes the lead role');
});

test('EventID 83 through the API: case, proxy playbook, artifacts, note, False Positive — scored', async () => {
  const created = await call(susie, 'POST', '/api/alerts/83/case');
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const caseId = created.body.caseId as number;
  const view = await call(susie, 'GET', `/api/cases/${caseId}`);
  assert.equal(view.body.name, 'EventID: 83 - [SOC119 - Proxy - Malicious Executable File Detected]');
  assert.equal(view.body.type, 'Proxy');
  assert.equal(view.body.current, 'collection-data');

  assert.equal((await answerStep(susie, caseId, 'analyze-url-address', { kind: 'option', value: 'Non-malicious' })).status, 409, 'a step out of order');
  assert.equal((await answerStep(bob, caseId, 'collection-data', { kind: 'next' })).status, 403, "someone else's alert");
  assert.equal((await answerStep(susie, caseId, 'collection-data', { kind: 'next' })).status, 200);
  assert.equal((await answerStep(susie, caseId, 'search-log', { kind: 'next' })).status, 200);
  const analyzed = await answerStep(susie, caseId, 'analyze-url-address', { kind: 'option', value: 'Non-malicious' });
  assert.equal(analyzed.body.current, 'add-artifacts');
  const bad = await answerStep(susie, caseId, 'add-artifacts', { kind: 'artifacts', artifacts: [{ type: 'IP Address', value: '999.1.1.1' }] });
  assert.equal(bad.status, 400, 'an artifact that does not match its type');
  const artifacts = await answerStep(susie, caseId, 'add-artifacts', {
    kind: 'artifacts',
    artifacts: [
      { type: 'IP Address', value: '172.16.17.5', comment: 'SusieHost' },
      { type: 'IP Address', value: '51.195.68.163' },
      { type: 'URL Address', value: 'hxxps://www.win-rar[.]com/postdownload.html?&L=0&Version=32bit' },
    ],
  });
  assert.equal(artifacts.status, 200, JSON.stringify(artifacts.body));
  // enrichment answers offline from the scenario's intel snapshot: VirusTotal's 1 / 90 for the URL, 0 / 88 for the IP
  const enriched = await call(susie, 'POST', `/api/cases/${caseId}/enrich`);
  assert.equal(enriched.status, 200, JSON.stringify(enriched.body));
  type Enriched = { value: string; result: { results: { provider: string; summary: string | null; origin: string }[] } };
  const vt = (value: string) => (enriched.body.artifacts as Enriched[]).find((a) => a.value === value)!.result.results.find((r) => r.provider === 'virustotal')!;
  assert.match(vt('https://www.win-rar.com/postdownload.html?&L=0&Version=32bit').summary ?? '', /1 \/ 90/);
  assert.match(vt('51.195.68.163').summary ?? '', /0 \/ 88/);
  assert.equal(vt('51.195.68.163').origin, 'snapshot');
  const withIntel = await call(susie, 'GET', `/api/cases/${caseId}`);
  assert.equal((withIntel.body.enrichments as unknown[]).length, 3, 'the results stay with the case');
  assert.equal((await answerStep(susie, caseId, 'analyst-note', { kind: 'note', text: 'x'.repeat(3001) })).status, 400, 'notes stop at 3,000 characters');
  assert.equal((await answerStep(susie, caseId, 'analyst-note', { kind: 'note', text: 'Genuine WinRAR installer from win-rar.com; 1/90 on VirusTotal is noise.' })).status, 200);

  assert.equal((await call(susie, 'POST', '/api/alerts/83/close', { note: 'no verdict' })).status, 400, 'closing takes a verdict');
  assert.equal((await call(bob, 'POST', '/api/alerts/83/close', { verdict: 'False Positive', note: 'not mine' })).status, 403);
  const closed = await call(susie, 'POST', '/api/alerts/83/close', { verdict: 'False Positive', note: 'Legitimate WinRAR download.' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const score = closed.body.score as { lines: string[]; total: number; successRate: number };
  assert.ok(score.lines.includes('Answer: False Positive (+5 Point)'), score.lines.join(' | '));
  assert.ok(score.lines.includes('Analyze URL Address (+5 Point)'), score.lines.join(' | '));
  assert.equal(score.total, 10);
  assert.equal(score.successRate, 1);

  const cases = (await call(susie, 'GET', '/api/cases?status=closed')).body.cases as { id: number; eventId: number; status: string }[];
  assert.deepEqual(cases.map((c) => [c.id, c.eventId, c.status]), [[caseId, 83, 'closed']]);
  const closedList = await call(susie, 'GET', '/api/alerts/closed/investigations');
  const row = (closedList.body.closed as { eventId: number; result: string; verdict: string }[]).find((r) => r.eventId === 83)!;
  assert.deepEqual([row.result, row.verdict], ['✓', 'False Positive']);
});

test('re-investigating EventID 83 and answering it wrongly is scored ✗ with the expected answers', async () => {
  assert.equal((await call(susie, 'POST', '/api/alerts/83/reinvestigate')).status, 200);
  const caseId = (await call(susie, 'POST', '/api/alerts/83/case')).body.caseId as number;
  for (const [step, input] of [
    ['collection-data', { kind: 'next' }],
    ['search-log', { kind: 'next' }],
    ['analyze-url-address', { kind: 'option', value: 'Malicious' }],
    ['has-anyone-accessed', { kind: 'option', value: 'Accessed' }],
    ['containment', { kind: 'next' }],
    ['add-artifacts', { kind: 'artifacts', artifacts: [{ type: 'IP Address', value: '51.195.68.163' }] }],
    ['analyst-note', { kind: 'note', text: 'Looks like malware.' }],
  ] as const) {
    const r = await answerStep(susie, caseId, step, input);
    assert.equal(r.status, 200, `${step}: ${JSON.stringify(r.body)}`);
  }
  const closed = await call(susie, 'POST', '/api/alerts/83/close', { verdict: 'True Positive', note: 'Malicious download.' });
  const score = closed.body.score as { lines: string[]; total: number };
  assert.ok(score.lines.includes('✗ Answer: True Positive (expected: False Positive)'), score.lines.join(' | '));
  assert.ok(score.lines.includes('✗ Analyze URL Address: Malicious (expected: Non-malicious)'), score.lines.join(' | '));
  assert.equal(score.total, 0);
  const rows = (await call(susie, 'GET', '/api/alerts/closed/investigations')).body.closed as { eventId: number; result: string; reinvestigated: boolean }[];
  const mine = rows.filter((r) => r.eventId === 83);
  assert.deepEqual(mine.map((r) => [r.result, r.reinvestigated]), [['✗', false], ['✓', true]], 'the old closed entry stays, marked re-investigated');
});

test('the audit trail recorded every transition, with who', async () => {
  const audit = await call(lead, 'GET', '/api/audit?targetType=alert&targetId=83');
  const actions = (audit.body.entries as { action: string; actor: string }[] | undefined) ?? [];
  for (const action of ['alert.take_ownership', 'alert.reassign', 'case.create', 'alert.close', 'alert.reinvestigate']) {
    assert.ok(actions.some((a) => a.action === action), `${action} in ${actions.map((a) => a.action).join(', ')}`);
  }
});

test('every shipped pack loads, and its answer key played through the API scores 100%', async () => {
  for (const info of await listScenarios(store)) {
    if (!info.loaded) await loadScenario(store, info.name);
  }
  const keys = await store.db
    .withTables<{ answer_keys: { alert_id: number; scenario: string; key: string } }>()
    .selectFrom('answer_keys')
    .selectAll()
    .where('scenario', '!=', 'soc119-event83')
    .execute();
  assert.ok(keys.length > 0);
  const player = await bearerFor(store, 'analyst.key');
  for (const k of keys) {
    const key = JSON.parse(k.key) as { verdict: string; answers: Record<string, string | string[]>; artifacts: { type: string; value: string }[] };
    const id = k.alert_id;
    assert.equal((await call(player, 'POST', `/api/alerts/${id}/take`)).status, 200, `${k.scenario} ${id}`);
    const caseId = (await call(player, 'POST', `/api/alerts/${id}/case`)).body.caseId as number;
    for (let guard = 0; guard < 30; guard++) {
      const view = (await call(player, 'GET', `/api/cases/${caseId}`)).body as { current: string | null; playbook: { steps: { id: string; kind: string; options?: { label: string }[] }[] } };
      if (view.current === null) break;
      const step = view.playbook.steps.find((s) => s.id === view.current)!;
      const keyed = key.answers[step.id];
      const input =
        step.kind === 'info' ? { kind: 'next' }
        : step.kind === 'artifacts' ? { kind: 'artifacts', artifacts: key.artifacts }
        : step.kind === 'note' ? { kind: 'note', text: `Played by the answer key of ${k.scenario}.` }
        : { kind: 'option', value: keyed === undefined ? step.options![0]!.label : Array.isArray(keyed) ? keyed[0]! : keyed };
      const r = await answerStep(player, caseId, step.id, input);
      assert.equal(r.status, 200, `${k.scenario} ${id} ${step.id}: ${JSON.stringify(r.body)}`);
    }
    const closed = await call(player, 'POST', `/api/alerts/${id}/close`, { verdict: key.verdict, note: 'by the key' });
    const score = closed.body.score as { verdict: { correct: boolean }; successRate: number | null; lines: string[] };
    assert.equal(score.verdict.correct, true, `${k.scenario} ${id}: ${score.lines.join(' | ')}`);
    assert.ok(score.successRate === null || score.successRate === 1, `${k.scenario} ${id}: ${score.lines.join(' | ')}`);
    assert.ok(!score.lines.some((l) => l.startsWith('✗')), `${k.scenario} ${id}: ${score.lines.join(' | ')}`);
  }
});
