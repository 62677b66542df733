// Tests of lookups through the real VirusTotal client and a local server: TLP/PAP gate, cache TTL, the 4/min queue,
// disabled providers, keys kept out of results, logs and descriptions, enrichment of many values.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, before, beforeEach, test } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import { InstantClock, ManualClock, flush, type Clock } from './clock.ts';
import { loadIntelConfig, writeIntelConfigFile } from './config.ts';
import { upsertIndicators } from './indicators.ts';
import { createIntelContext, enrichObservables, lookupObservable, type IntelContext, type IntelLogEntry } from './lookup.ts';
import { describeProviders } from './providers.ts';
import { vtUrlReport } from './analyzers/virustotal-responses.ts';
import { sendJson, startTestServer, type TestServer } from './test-server.ts';

const KEY = 'vt-secret-key-Zr81mQ';
let server: TestServer;
let store: EventStore;
const contexts: IntelContext[] = [];
const logs: IntelLogEntry[] = [];

before(async () => {
  server = await startTestServer();
});
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  server.requests.length = 0;
  server.handle((_req, res) => sendJson(res, 200, vtUrlReport(1, 90)));
});
after(async () => {
  for (const c of contexts) await c.close();
  await server.close();
});

function context(clock: Clock = new InstantClock(), env: Record<string, string> = { WATCHFLOOR_VT_KEY: KEY }): IntelContext {
  const ctx = createIntelContext({
    store,
    env,
    baseUrls: { virustotal: `${server.origin}/api/v3` },
    policy: { allowLoopback: true },
    clock,
    log: (e) => logs.push(e),
  });
  contexts.push(ctx);
  return ctx;
}

const URL_VALUE = 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit';

test('TLP:RED and PAP:RED observables never reach external services; the local provider still answers', async () => {
  const ctx = context();
  await upsertIndicators(store, [{ type: 'url', value: URL_VALUE, source: 'analyst notes' }]);
  for (const marking of [{ tlp: 'TLP:RED' }, { pap: 'PAP:RED' }, { tlp: 'red', pap: 'amber' }]) {
    const res = await lookupObservable(ctx, URL_VALUE, { providers: ['local', 'virustotal'], ...marking });
    const [local, vt] = res.results;
    assert.equal(vt!.status, 'refused');
    assert.match(vt!.message ?? '', /(TLP|PAP):RED/);
    assert.equal(local!.status, 'ok');
    assert.equal(local!.verdict, 'malicious');
  }
  assert.equal(server.requests.length, 0);
  const amber = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'], tlp: 'TLP:AMBER' });
  assert.equal(amber.results[0]!.status, 'ok');
  assert.equal(server.requests.length, 1);
});

test('an indicator imported as TLP:RED keeps its value local even when the caller does not mark it', async () => {
  const ctx = context();
  await upsertIndicators(store, [{ type: 'domain', value: 'internal-case.example.com', source: 'misp:partner', tlp: 'red' }]);
  const res = await lookupObservable(ctx, 'internal-case[.]example[.]com', { providers: ['local', 'virustotal'] });
  assert.equal(res.marking.tlp, 'red');
  assert.equal(res.results[1]!.status, 'refused');
  assert.equal(server.requests.length, 0);
});

test('cache TTL: served from the store for 24 h, fetched again after (injected clock)', async () => {
  const clock = new InstantClock();
  const ctx = context(clock);
  const first = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] });
  assert.equal(first.results[0]!.origin, 'live');
  await clock.advance(23 * 3_600_000);
  const second = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] });
  assert.equal(second.results[0]!.fromCache, true);
  assert.deepEqual(JSON.parse(JSON.stringify(second.results[0]!.full)), vtUrlReport(1, 90), 'the full response survives the cache (parsed on first read)');
  assert.deepEqual(second.results[0]!.full, first.results[0]!.full);
  assert.equal(server.requests.length, 1);
  await clock.advance(2 * 3_600_000);
  const third = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] });
  assert.equal(third.results[0]!.origin, 'live');
  assert.equal(server.requests.length, 2);
  // refresh: skip the cache read.
  await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'], refresh: true });
  assert.equal(server.requests.length, 3);
});

test('not-found answers are cached for 6 h; errors are not cached', async () => {
  const clock = new InstantClock();
  const ctx = context(clock);
  server.handle((_req, res) => sendJson(res, 404, { error: { code: 'NotFoundError', message: 'not found' } }));
  await lookupObservable(ctx, 'win-rar.com', { providers: ['virustotal'] });
  await lookupObservable(ctx, 'win-rar.com', { providers: ['virustotal'] });
  assert.equal(server.requests.length, 1);
  await clock.advance(6 * 3_600_000);
  server.handle((_req, res) => sendJson(res, 500, { error: { code: 'InternalError', message: 'boom' } }));
  assert.equal((await lookupObservable(ctx, 'win-rar.com', { providers: ['virustotal'] })).results[0]!.status, 'server_error');
  assert.equal((await lookupObservable(ctx, 'win-rar.com', { providers: ['virustotal'] })).results[0]!.status, 'server_error');
  assert.equal(server.requests.length, 3);
});

test('VirusTotal 4/min: the fifth lookup waits for the window (manual clock), nothing is dropped', async () => {
  const clock = new ManualClock();
  const ctx = context(clock);
  const values = ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com', 'e.example.com'];
  const done: string[] = [];
  const all = values.map((v) => lookupObservable(ctx, v, { providers: ['virustotal'] }).then((r) => done.push(r.observable!.value)));
  for (let i = 0; i < 20 && server.requests.length < 4; i++) await flush();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.requests.length, 4, 'four requests go out at once');
  await clock.advance(59_000);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(server.requests.length, 4, 'the fifth still waits');
  await clock.advance(1_000);
  await Promise.all(all);
  assert.equal(server.requests.length, 5);
  assert.equal(done.at(-1), 'e.example.com');
});

test('concurrent lookups of the same observable share one request', async () => {
  const ctx = context();
  const [a, b] = await Promise.all([lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] }), lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] })]);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(a.results[0]!.taxonomies, b.results[0]!.taxonomies);
});

test('without a key a provider is disabled and says which variable to set; unknown providers and bad values are reported', async () => {
  const ctx = context(new InstantClock(), {});
  const res = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal', 'nosuch'] });
  assert.equal(res.results[0]!.status, 'disabled');
  assert.match(res.results[0]!.message ?? '', /WATCHFLOOR_VT_KEY/);
  assert.equal(res.results[1]!.status, 'error');
  assert.match(res.results[1]!.message ?? '', /unknown provider "nosuch"/);
  const bad = await lookupObservable(ctx, 'not an observable');
  assert.equal(bad.observable, null);
  assert.match(bad.error ?? '', /not an IP address/);
  assert.equal(server.requests.length, 0);
});

test('keys never appear in results, logs, provider descriptions or the inspected config', async () => {
  const ctx = context();
  const res = await lookupObservable(ctx, URL_VALUE);
  const described = describeProviders(ctx);
  const vt = described.find((d) => d.id === 'virustotal')!;
  assert.equal(vt.configured, true);
  assert.equal(described.find((d) => d.id === 'otx')!.configured, false);
  for (const text of [JSON.stringify(res), JSON.stringify(logs), JSON.stringify(described), inspect(ctx.config, { depth: 10 }), JSON.stringify([...ctx.config.providers.values()])]) {
    assert.ok(!text.includes(KEY), 'the key leaked');
  }
  assert.equal(server.requests[0]!.headers['x-apikey'], KEY, 'yet it was sent where it belongs');
});

test('intel.json: keys read only when the file is 0600; environment variables win; written with mode 0600', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wf-intel-'));
  try {
    writeIntelConfigFile(dir, { maxTlp: 'green', providers: { virustotal: { apiKey: 'file-key-123456', requestsPerMinute: 1000 }, abuseipdb: { apiKey: 'abuse-key-123456', enabled: false } } });
    assert.equal(statSync(join(dir, 'intel.json')).mode & 0o777, 0o600);
    const fromFile = loadIntelConfig({ dataDir: dir, env: {} });
    const vt = fromFile.providers.get('virustotal')!;
    assert.equal(vt.key?.reveal(), 'file-key-123456');
    assert.equal(vt.maxTlp, 'green');
    assert.equal(vt.rateLimits[0]!.requests, 1000);
    assert.equal(fromFile.providers.get('abuseipdb')!.enabled, false);
    assert.equal(fromFile.providers.get('abuseipdb')!.disabledReason, 'turned off in intel.json');
    assert.equal(loadIntelConfig({ dataDir: dir, env: { WATCHFLOOR_VT_KEY: 'env-key-abcdef' } }).providers.get('virustotal')!.key?.reveal(), 'env-key-abcdef');
    chmodSync(join(dir, 'intel.json'), 0o644);
    const loose = loadIntelConfig({ dataDir: dir, env: {} });
    assert.equal(loose.providers.get('virustotal')!.key, undefined);
    assert.match(loose.warnings[0] ?? '', /readable by other users .*chmod 600/);
    assert.ok(!JSON.stringify(loose.warnings).includes('file-key-123456'));
    writeFileSync(join(dir, 'intel.json'), '{"providers": {"virustotal": {"apiKey": 5}}}', { mode: 0o600 });
    chmodSync(join(dir, 'intel.json'), 0o600);
    assert.match(loadIntelConfig({ dataDir: dir, env: {} }).warnings[0] ?? '', /providers\.virustotal\.apiKey/);
    // abuse.ch services share one key variable unless their own is set.
    const shared = loadIntelConfig({ env: { WATCHFLOOR_ABUSECH_KEY: 'abusech-123456', WATCHFLOOR_THREATFOX_KEY: 'tf-123456' } });
    assert.equal(shared.providers.get('urlhaus')!.key?.reveal(), 'abusech-123456');
    assert.equal(shared.providers.get('threatfox')!.key?.reveal(), 'tf-123456');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('production policy: only configured base URLs are reachable, private ones refused unless allowed', async () => {
  const ctx = createIntelContext({ store, env: { WATCHFLOOR_VT_KEY: KEY }, baseUrls: { virustotal: `${server.origin}/api/v3` } });
  contexts.push(ctx);
  const res = await lookupObservable(ctx, URL_VALUE, { providers: ['virustotal'] });
  assert.equal(res.results[0]!.status, 'refused');
  assert.match(res.results[0]!.message ?? '', /loopback/);
  assert.equal(server.requests.length, 0);
  const other = await ctx.http.requestJson({ method: 'GET', url: 'https://example.com/' });
  assert.equal(other.kind === 'failure' && other.failure, 'refused');
});

test('enrichObservables: one lookup per distinct observable, results in input order', async () => {
  const ctx = context();
  const values = [URL_VALUE, '51.195.68.163', 'hxxps://www.win-rar[.]com/postdownload.html?&L=0&Version=32bit', '172.16.17.5', 'nonsense'];
  const results = await enrichObservables(ctx, values, { providers: ['local', 'virustotal'] });
  assert.deepEqual(results.map((r) => r.input), values);
  assert.deepEqual(results.map((r) => r.observable?.type ?? null), ['url', 'ip', 'url', 'ip', null]);
  assert.equal(results[3]!.results[1]!.status, 'unsupported', 'internal addresses are not sent out');
  assert.equal(server.requests.length, 2, 'the URL once, the public IP once');
});
