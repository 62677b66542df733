// Tests of scenario intel snapshots: the reference incident replayed offline in the live result shape, and format errors.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import { InstantClock } from './clock.ts';
import { createIntelContext, lookupObservable, type IntelContext } from './lookup.ts';
import { describeProviders } from './providers.ts';
import { loadIntelSnapshot, parseIntelSnapshot, SnapshotError } from './snapshot.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const SNAPSHOT = fileURLToPath(new URL('./fixtures/eventid-83.intel.yaml', import.meta.url));
let store: EventStore;
let server: TestServer;
let ctx: IntelContext;

before(async () => {
  store = await openSqliteStore(':memory:');
  server = await startTestServer();
  // Keys and a reachable server are configured on purpose: the snapshot must still answer without any request.
  ctx = createIntelContext({
    store,
    env: { WATCHFLOOR_VT_KEY: 'k-123456', WATCHFLOOR_HYBRID_ANALYSIS_KEY: 'k-123456', WATCHFLOOR_ABUSECH_KEY: 'k-123456' },
    baseUrls: { virustotal: server.origin, 'hybrid-analysis': server.origin, urlhaus: server.origin },
    policy: { allowLoopback: true },
    clock: new InstantClock(),
    snapshot: loadIntelSnapshot(SNAPSHOT),
  });
});
after(async () => {
  await ctx.close();
  await server.close();
  await store.close();
});

test('the reference URL: VirusTotal 1 / 90 (as the live client shows it), nothing on Hybrid Analysis, not in URLhaus', async () => {
  const r = await lookupObservable(ctx, 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit', { providers: ['virustotal', 'hybrid-analysis', 'urlhaus', 'otx'] });
  const [vt, ha, uh, otx] = r.results;
  assert.equal(vt!.status, 'ok');
  assert.equal(vt!.origin, 'snapshot');
  assert.deepEqual(vt!.taxonomies, [{ level: 'malicious', namespace: 'VT', predicate: 'GetReport', value: '1 / 90' }]);
  assert.equal(vt!.summary, '1 / 90 engines (Trustwave: malicious), analysed 2021-03-21');
  assert.equal(vt!.fetchedAt, '2021-03-21T10:05:00.000Z');
  assert.equal(ha!.status, 'not_found');
  assert.equal(uh!.status, 'not_found');
  assert.equal(uh!.taxonomies[0]!.value, 'no', 'URLhaus no_results mapped by the live client code');
  assert.equal(otx!.status, 'not_found');
  assert.match(otx!.message ?? '', /not in the scenario's intel snapshot/);
  assert.equal(server.requests.length, 0, 'offline: no request at all');
});

test('the destination IP 0 / 88 (safe), AbuseIPDB from a verbatim response; the installer 0 / 71', async () => {
  const ip = await lookupObservable(ctx, '51.195.68.163', { providers: ['virustotal', 'abuseipdb'] });
  assert.equal(ip.results[0]!.taxonomies[0]!.value, '0 / 88');
  assert.equal(ip.results[0]!.verdict, 'safe');
  assert.equal(ip.results[1]!.taxonomies[0]!.value, '0% (0 reports)');
  const file = await lookupObservable(ctx, 'C74862E16BCC2B0E02CADB7AB14E3CD6', { providers: ['virustotal'] });
  assert.equal(file.results[0]!.taxonomies[0]!.value, '0 / 71');
});

test('defanged snapshot values match refanged lookups; explicit verdicts and suspicious counts', async () => {
  const r = await lookupObservable(ctx, 'http://gavrilobtcapikey2884238984928.netsons.org/pianificazione.exe', { providers: ['virustotal', 'urlscan'] });
  assert.equal(r.results[0]!.taxonomies[0]!.value, '12 / 89');
  assert.equal(r.results[1]!.verdict, 'malicious');
  assert.equal(r.results[1]!.summary, 'score 100, malicious [malware]');
  assert.equal(r.verdict, 'malicious');
  assert.ok(describeProviders(ctx).filter((p) => p.kind === 'external').every((p) => p.snapshot && p.enabled));
});

test('format errors name their place', () => {
  const bad = (text: string, re: RegExp): void => assert.throws(() => parseIntelSnapshot(text, 'pack.yaml'), (e: unknown) => e instanceof SnapshotError && re.test(e.message));
  bad('version: 2\ncapturedAt: 2021-01-01\nobservables: []', /pack\.yaml: version/);
  bad('version: 1\ncapturedAt: 2021-01-01\nobservables:\n  - value: "not a thing"\n    services: {}', /observables\.0\.value: not an IP address/);
  bad('version: 1\ncapturedAt: 2021-01-01\nobservables:\n  - value: 1.2.3.4\n    services: {shodan: {verdict: safe}}', /unknown service \(known: virustotal/);
  bad('version: 1\ncapturedAt: 2021-01-01\nobservables:\n  - value: 1.2.3.4\n    services: {virustotal: {engines: {malicious: 5, total: 3}}}', /malicious \+ suspicious exceed total/);
  bad('version: 1\ncapturedAt: [', /pack\.yaml:/);
});
