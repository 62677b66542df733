// Tests of the indicators table API: Threat Intel page filters, counters, pagination, rule value lists, the local provider.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import { InstantClock } from './clock.ts';
import { importIndicators } from './import/index.ts';
import { countIndicators, indicatorValues, intelPlaceholders, IndicatorQueryError, queryIndicators, upsertIndicators } from './indicators.ts';
import { createIntelContext, lookupObservable } from './lookup.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
let store: EventStore;

before(async () => {
  store = await openSqliteStore(':memory:');
  for (const f of ['urlhaus-recent.csv', 'threatfox-recent.csv', 'malwarebazaar-recent.csv', 'stix-bundle.json', 'misp-feed']) await importIndicators(store, FIXTURES + f);
  await importIndicators(store, `${FIXTURES}plain-list.txt`, { now: Date.UTC(2021, 2, 21, 10) });
});

test('counters per type, with hash = md5 + sha1 + sha256', async () => {
  const c = await countIndicators(store);
  assert.equal(c.hash, c.md5 + c.sha1 + c.sha256);
  assert.equal(c.total, c.url + c.domain + c.ip + c.hash + c.email);
  assert.deepEqual({ url: c.url, domain: c.domain, ip: c.ip, hash: c.hash, email: c.email }, { url: 9, domain: 4, ip: 5, hash: 12, email: 3 });
  const bySource = await countIndicators(store, { source: 'urlhaus' });
  assert.equal(bySource.total, 3);
});

test('filters: type, value (normalised), tag, source, free text, date range', async () => {
  assert.equal((await queryIndicators(store, { type: 'hash' })).total, 12);
  const byValue = await queryIndicators(store, { value: 'hxxp://gavrilobtcapikey2884238984928[.]netsons[.]org/pianificazione.exe' });
  assert.deepEqual(byValue.items.map((i) => i.source).sort(), ['list:plain-list.txt', 'misp:CIRCL', 'stix:Example CERT', 'urlhaus']);
  assert.deepEqual((await queryIndicators(store, { tag: 'mirai' })).items.map((i) => i.value), ['http://45.95.147.236/bins/sora.arm7']);
  assert.equal((await queryIndicators(store, { text: 'agent tesla' })).total, 7, 'descriptions and tags, case-insensitively');
  assert.equal((await queryIndicators(store, { text: '100%' })).total, 2, 'LIKE wildcards in the text are literal');
  const feb2021 = await queryIndicators(store, { from: '2021-02-01T00:00:00Z', to: '2021-02-28T23:59:59Z' });
  assert.ok(feb2021.items.every((i) => i.firstSeen.startsWith('2021-02')));
  assert.equal(feb2021.total, 11);
  await assert.rejects(() => queryIndicators(store, { from: 'yesterday-ish' }), IndicatorQueryError);
});

test('pagination: offset and cursor walk the same order, newest first, without gaps or repeats', async () => {
  const all = await queryIndicators(store, { limit: 1000 });
  const seen: number[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await queryIndicators(store, { limit: 7, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((i) => i.id));
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  assert.deepEqual(seen, all.items.map((i) => i.id));
  const second = await queryIndicators(store, { limit: 7, offset: 7 });
  assert.deepEqual(second.items.map((i) => i.id), seen.slice(7, 14));
  for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1]!.lastSeen >= all.items[i]!.lastSeen);
  await assert.rejects(() => queryIndicators(store, { cursor: 'bm9wZQ' }), /invalid cursor/);
});

test('indicatorValues and the Sigma placeholders for SOC105/SOC111/SOC112', async () => {
  const ips = await indicatorValues(store, 'ip');
  assert.deepEqual(ips, ['185.215.113.16', '2a02:4780:1:2::7f', '89.40.172.121']);
  const p = await intelPlaceholders(store);
  assert.ok(p.watchfloor_intel_url.includes('http://45.95.147.236/bins/sora.arm7'));
  assert.ok(p.watchfloor_intel_domain.includes('netsons.org'));
  assert.deepEqual(p.watchfloor_intel_ip, ips);
});

test('the local provider: exact match malicious, listed host or parent domain suspicious, otherwise not found', async () => {
  const ctx = createIntelContext({ store, env: {}, clock: new InstantClock() });
  const exact = (await lookupObservable(ctx, '89.40.172[.]121', { providers: ['local'] })).results[0]!;
  assert.equal(exact.verdict, 'malicious');
  assert.match(exact.summary ?? '', /listed by .*threatfox|listed by .*misp:CIRCL/);
  const viaHost = (await lookupObservable(ctx, 'http://89.40.172.121/other.exe', { providers: ['local'] })).results[0]!;
  assert.equal(viaHost.verdict, 'suspicious');
  assert.equal(viaHost.taxonomies[0]!.predicate, 'Host');
  const viaParent = (await lookupObservable(ctx, 'cdn.netsons.org', { providers: ['local'] })).results[0]!;
  assert.equal(viaParent.verdict, 'suspicious');
  assert.equal(viaParent.taxonomies[0]!.predicate, 'ParentDomain');
  const none = (await lookupObservable(ctx, 'win-rar.com', { providers: ['local'] })).results[0]!;
  assert.equal(none.status, 'not_found');
  assert.equal(none.verdict, 'info');
  await ctx.close();
});

test('upsert keeps the earliest first_seen and the latest last_seen', async () => {
  const s = await openSqliteStore(':memory:');
  await upsertIndicators(s, [{ type: 'domain', value: 'a.example.com', source: 't', firstSeen: 2000, lastSeen: 3000, description: 'first' }]);
  const r = await upsertIndicators(s, [{ type: 'domain', value: 'a.example.com', source: 't', firstSeen: 1000, lastSeen: 2500 }]);
  assert.deepEqual(r, { inserted: 0, updated: 1 });
  const [i] = (await queryIndicators(s, {})).items;
  assert.equal(i!.firstSeen, new Date(1000).toISOString());
  assert.equal(i!.lastSeen, new Date(3000).toISOString());
  assert.equal(i!.description, 'first', 'an absent description does not erase one');
  await s.close();
});
