// Endpoint Security, Email Security, scenarios and metrics over the API, on the shipped packs.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/server.ts';
import { loadScenario } from '../src/scenarios/scenarios.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../src/store/store.ts';
import { bearerFor } from './helpers/auth.ts';

let store: EventStore;
let app: FastifyInstance;
let analyst: { authorization: string };
let lead: { authorization: string };

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-pages-'));
  store = await openSqliteStore(join(dataDir, 'w.db'));
  await loadScenario(store, 'soc119-event83');
  await loadScenario(store, 'phishing-dhl-xlsm');
  app = await buildServer({ store, dataDir });
  analyst = await bearerFor(store, 'analyst.amy');
  lead = await bearerFor(store, 'lead.leo', 'lead');
});
after(async () => {
  await app.close();
  await store.close();
});

async function call(headers: { authorization: string }, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
  return { status: res.statusCode, body: json ? res.json<Record<string, unknown>>() : {}, raw: res.rawPayload, type: res.headers['content-type'] };
}

test('hosts: search by name, IP, process name and hash; SusieHost shows its agent down and cannot be contained', async () => {
  const all = (await call(analyst, 'GET', '/api/hosts')).body.hosts as { hostname: string }[];
  assert.ok(all.some((h) => h.hostname === 'SusieHost'));
  const byIp = (await call(analyst, 'GET', '/api/hosts?q=172.16.17.5')).body.hosts as { hostname: string }[];
  assert.deepEqual(byIp.map((h) => h.hostname), ['SusieHost']);
  const byHash = (await call(analyst, 'GET', '/api/hosts?q=8b88ebbb05a0e56b7dcc708498c02b3e')).body.hosts as { hostname: string }[];
  assert.ok(byHash.some((h) => h.hostname === 'SusieHost'), 'the parent process hash of the reference incident');
  const susie = (await call(analyst, 'GET', '/api/hosts/SusieHost')).body as { state: string; info: { domain: string; os: string; primaryUser: string }; counts: Record<string, number> };
  assert.equal(susie.state, 'Agent Down');
  assert.deepEqual([susie.info.domain, susie.info.primaryUser], ['LetsDefend', 'Susie2020']);
  const refused = await call(analyst, 'POST', '/api/hosts/SusieHost/containment', { contained: true });
  assert.equal(refused.status, 409);
  assert.match(String((refused.body.error as { message: string }).message), /Agent Down/);
});

test('containment of a host with a running agent is switched on and off, and audited', async () => {
  const running = ((await call(analyst, 'GET', '/api/hosts')).body.hosts as { hostname: string; agent: string }[]).find((h) => h.agent === 'running')!;
  const on = await call(analyst, 'POST', `/api/hosts/${running.hostname}/containment`, { contained: true });
  assert.equal((on.body as { state: string }).state, 'Host Contained');
  const off = await call(analyst, 'POST', `/api/hosts/${running.hostname}/containment`, { contained: false });
  assert.equal((off.body as { contained: boolean }).contained, false);
  const audit = (await call(lead, 'GET', `/api/audit?targetType=host&targetId=${running.hostname}`)).body.entries as { action: string }[];
  assert.deepEqual(audit.map((a) => a.action).sort(), ['host.contain', 'host.release']);
});

test('e-mails: search, view, attachments as a zip with the password "infected", delete', async () => {
  const found = (await call(analyst, 'GET', '/api/emails')).body.emails as { id: number; subject: string; attachments: { name: string }[] }[];
  assert.ok(found.length > 0);
  const withAttachment = found.find((m) => m.attachments.length > 0)!;
  const quick = (await call(analyst, 'GET', `/api/emails?q=${encodeURIComponent(withAttachment.attachments[0]!.name)}`)).body.emails as { id: number }[];
  assert.ok(quick.some((m) => m.id === withAttachment.id), 'quick search finds the attachment name');
  const view = (await call(analyst, 'GET', `/api/emails/${withAttachment.id}`)).body as { subject: string; headers: { key: string }[] };
  assert.equal(view.subject, withAttachment.subject);
  assert.ok(view.headers.some((h) => h.key.toLowerCase() === 'received'));
  const zip = await call(analyst, 'GET', `/api/emails/${withAttachment.id}/attachments.zip`);
  assert.equal(zip.type, 'application/zip');
  const reader = new ZipReader(new BlobReader(new Blob([zip.raw])));
  const entries = await reader.getEntries();
  assert.equal(entries[0]!.encrypted, true);
  const first = entries[0]!;
  assert.ok(!first.directory);
  await assert.rejects(first.getData(new TextWriter(), { password: 'wrong' }));
  assert.ok((await first.getData(new TextWriter(), { password: 'infected' })).length >= 0);
  await reader.close();
  assert.equal((await call(analyst, 'DELETE', `/api/emails/${withAttachment.id}`)).status, 200);
  assert.equal((await call(analyst, 'GET', `/api/emails/${withAttachment.id}`)).status, 404);
  const after = (await call(analyst, 'GET', '/api/emails')).body.emails as { id: number }[];
  assert.ok(!after.some((m) => m.id === withAttachment.id));
});

test('scenarios and metrics: packs listed, loading takes the lead role, closing feeds MTTA/MTTR and per-rule rates', async () => {
  const list = (await call(analyst, 'GET', '/api/scenarios')).body.scenarios as { name: string; loaded: boolean }[];
  assert.ok(list.find((s) => s.name === 'soc119-event83')?.loaded);
  assert.equal((await call(analyst, 'POST', '/api/scenarios/malware-emotet/load')).status, 403);
  assert.equal((await call(lead, 'POST', '/api/scenarios/soc119-event83/load')).status, 400, 'already loaded');
  await call(analyst, 'POST', '/api/alerts/79/take');
  await call(analyst, 'POST', '/api/alerts/79/close', { verdict: 'False Positive', note: 'Planned penetration test.' });
  const metrics = (await call(analyst, 'GET', '/api/metrics')).body as { mtta: number; mttr: number; rules: { rule: string; falsePositives: number }[]; alerts: { closed: number; total: number } };
  assert.equal(typeof metrics.mtta, 'number');
  assert.equal(typeof metrics.mttr, 'number');
  assert.equal(metrics.alerts.closed, 1);
  assert.deepEqual(metrics.rules.map((r) => [r.rule, r.falsePositives]), [['SOC119 - Proxy - Malicious Executable File Detected', 1]]);
  const total = metrics.alerts.total;
  const timeline = (await call(analyst, 'GET', '/api/metrics/alerts-over-time')).body as { total: number; starts: number[]; counts: Record<string, number[]> };
  assert.ok(total > 0);
  assert.equal(timeline.total, total);
  assert.equal(Object.values(timeline.counts).flat().reduce((a, b) => a + b, 0), total, 'every alert in one bucket');
});
