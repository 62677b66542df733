// Tests of the importers on the sample files under fixtures/: STIX, MISP feed, URLhaus/ThreatFox/MalwareBazaar CSV, plain list.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { beforeEach, test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../../store/store.ts';
import { queryIndicators } from '../indicators.ts';
import { splitCsvLine } from './csv-line.ts';
import { detectImportFormat, importIndicators } from './index.ts';
import { parseStixPattern } from './stix.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
let store: EventStore;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});

async function values(type?: string): Promise<string[]> {
  const page = await queryIndicators(store, { limit: 1000, ...(type ? { type: type as 'url' } : {}) });
  return page.items.map((i) => `${i.type}:${i.value}`).sort();
}

test('formats are detected from content', () => {
  assert.equal(detectImportFormat(`${FIXTURES}urlhaus-recent.csv`), 'urlhaus-csv');
  assert.equal(detectImportFormat(`${FIXTURES}threatfox-recent.csv`), 'threatfox-csv');
  assert.equal(detectImportFormat(`${FIXTURES}malwarebazaar-recent.csv`), 'malwarebazaar-csv');
  assert.equal(detectImportFormat(`${FIXTURES}stix-bundle.json`), 'stix');
  assert.equal(detectImportFormat(`${FIXTURES}misp-feed`), 'misp');
  assert.equal(detectImportFormat(`${FIXTURES}plain-list.txt`), 'list');
});

test('URLhaus CSV: comment header skipped, bad rows as file:line: reason, duplicates merged', async () => {
  const r = await importIndicators(store, `${FIXTURES}urlhaus-recent.csv`);
  assert.equal(r.records, 7);
  assert.equal(r.inserted, 3);
  assert.equal(r.updated, 1, 'the repeated row merges');
  assert.deepEqual(r.badLines, [
    `${FIXTURES}urlhaus-recent.csv:13: bad dateadded: "not a date"`,
    `${FIXTURES}urlhaus-recent.csv:14: not a URL: "not-a-url"`,
    `${FIXTURES}urlhaus-recent.csv:15: unterminated quote`,
  ]);
  const sora = (await queryIndicators(store, { value: 'http://45.95.147.236/bins/sora.arm7' })).items[0]!;
  assert.deepEqual(sora.tags, ['elf', 'malware_download', 'mirai']);
  assert.equal(sora.source, 'urlhaus');
  assert.equal(sora.firstSeen, '2024-05-10T11:02:05.000Z');
});

test('ThreatFox CSV: ip:port keeps the address, unsupported types skipped, bad values reported', async () => {
  const r = await importIndicators(store, `${FIXTURES}threatfox-recent.csv`);
  assert.equal(r.inserted, 5);
  assert.equal(r.skipped, 1, 'sha3_384_hash');
  assert.deepEqual(r.badLines, [`${FIXTURES}threatfox-recent.csv:16: not a valid ip:port: "999.1.2.3:443"`]);
  const ip = (await queryIndicators(store, { type: 'ip' })).items[0]!;
  assert.equal(ip.value, '185.215.113.16');
  assert.match(ip.description ?? '', /Amadey botnet_cc \(port 80\), confidence 100%/);
  assert.equal(ip.lastSeen, ip.firstSeen);
  const domain = (await queryIndicators(store, { type: 'domain' })).items[0]!;
  assert.equal(domain.lastSeen, '2024-12-10T09:12:00.000Z');
});

test('MalwareBazaar CSV: each sample gives its sha256, md5 and sha1', async () => {
  const r = await importIndicators(store, `${FIXTURES}malwarebazaar-recent.csv`);
  assert.equal(r.inserted, 6);
  assert.deepEqual(r.badLines, [`${FIXTURES}malwarebazaar-recent.csv:12: not a SHA-256: "zz2a4e3f"`]);
  const md5 = (await queryIndicators(store, { value: 'C74862E16BCC2B0E02CADB7AB14E3CD6' })).items[0]!;
  assert.deepEqual(md5.tags, ['AgentTesla', 'exe']);
  assert.equal(md5.description, 'AgentTesla: pianificazione.exe');
});

test('plain list: types detected, defanged values normalised, comments ignored, bad lines reported', async () => {
  const r = await importIndicators(store, `${FIXTURES}plain-list.txt`, { tags: ['watchlist'], now: Date.UTC(2021, 2, 21) });
  assert.equal(r.inserted, 7);
  assert.deepEqual(await values(), [
    'domain:netsons.org',
    'email:payroll-update@evil-mail.com',
    'ip:2a02:4780:1:2::7f',
    'ip:89.40.172.121',
    'md5:c74862e16bcc2b0e02cadb7ab14e3cd6',
    'url:http://gavrilobtcapikey2884238984928.netsons.org/pianificazione.exe',
    'url:https://evil-login.example.com/owa/auth.php',
  ]);
  assert.deepEqual(r.badLines, [
    `${FIXTURES}plain-list.txt:10: not an IP address, domain, URL, hash or e-mail address: "not-an-indicator at all"`,
    `${FIXTURES}plain-list.txt:11: no known public suffix: "evil.notatld"`,
  ]);
  assert.equal((await queryIndicators(store, { tag: 'watchlist' })).total, 7);
});

test('STIX 2.1: patterns (OR, AND, IN), observables, TLP markings, identity as source, bad objects with their line', async () => {
  const r = await importIndicators(store, `${FIXTURES}stix-bundle.json`);
  assert.equal(r.records, 10);
  assert.equal(r.skipped, 1, 'the revoked indicator');
  assert.equal(r.inserted, 8);
  assert.deepEqual(r.badLines, [
    `${FIXTURES}stix-bundle.json:68: indicator--a1b2c3d4-0005-4000-8000-000000000005: pattern has no equality on url, domain-name, ipv4-addr, ipv6-addr, email-addr or file hashes`,
    `${FIXTURES}stix-bundle.json:79: indicator--a1b2c3d4-0006-4000-8000-000000000006: pattern_type sigma is not supported (only stix)`,
    `${FIXTURES}stix-bundle.json:101: indicator--a1b2c3d4-0008-4000-8000-000000000008: not a valid ip: "300.1.2.3"`,
    `${FIXTURES}stix-bundle.json:117: ipv4-addr--c1d2e3f4-0002-4000-8000-000000000002: address ranges are not indicators: 198.51.100.0/24`,
  ]);
  const url = (await queryIndicators(store, { type: 'url', source: 'stix:Example CERT' })).items[0]!;
  assert.equal(url.tlp, 'green');
  assert.deepEqual(url.tags, ['agenttesla', 'malicious-activity']);
  const ip = (await queryIndicators(store, { type: 'ip' })).items[0]!;
  assert.equal(ip.tlp, 'red', 'TLP 2.0 red marking id');
  assert.equal((await queryIndicators(store, { type: 'email' })).total, 2);
  assert.equal((await queryIndicators(store, { value: 'hxxps://evil-login[.]example[.]com/owa/' })).total, 1, 'defanged observable normalised');
});

test('STIX pattern parser', () => {
  assert.deepEqual(parseStixPattern("[url:value = 'http://a.example/x']"), { terms: [{ type: 'url', value: 'http://a.example/x' }], unsupported: 0 });
  assert.deepEqual(parseStixPattern("[domain-name:value = 'a.com' OR domain-name:value = 'b.com']"), {
    terms: [{ type: 'domain', value: 'a.com' }, { type: 'domain', value: 'b.com' }],
    unsupported: 0,
  });
  assert.deepEqual(parseStixPattern("[file:hashes.SHA256 = 'ab'] OR [file:hashes.'SHA-1' = 'cd']"), {
    terms: [{ type: 'sha256', value: 'ab' }, { type: 'sha1', value: 'cd' }],
    unsupported: 0,
  });
  assert.deepEqual(parseStixPattern("[url:value MATCHES '^http://.*']"), { terms: [], unsupported: 1 });
  assert.deepEqual(parseStixPattern('no brackets'), { error: 'not a STIX pattern (no [ ... ] observation)' });
});

test('MISP feed: manifest + events, composite attributes, to_ids, TLP tags, missing event file reported', async () => {
  const r = await importIndicators(store, `${FIXTURES}misp-feed`);
  assert.equal(r.records, 7);
  assert.equal(r.skipped, 2, 'a non-IDS md5 and a link');
  assert.equal(r.inserted, 4);
  assert.deepEqual(r.badLines, [
    `${FIXTURES}misp-feed/5f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.json:63: ip-dst: not a valid ip: "89.40.172.999"`,
    `${FIXTURES}misp-feed/manifest.json:12: event 6a2b3c4d-5e6f-4b7c-9d8e-0f1a2b3c4d5e: event file missing`,
  ]);
  const hash = (await queryIndicators(store, { type: 'sha256' })).items[0]!;
  assert.equal(hash.tlp, 'red', 'the attribute tag is stricter than the event tlp:amber');
  assert.equal(hash.source, 'misp:CIRCL');
  assert.equal(hash.firstSeen, '2021-02-07T18:32:00.000Z');
  assert.match(hash.description ?? '', /pianificazione\.exe/);
  const domain = (await queryIndicators(store, { type: 'domain' })).items[0]!;
  assert.equal(domain.value, 'gavrilobtcapikey2884238984928.netsons.org', 'defanged object attribute normalised');
  assert.equal(domain.tlp, 'amber');
  const withNonIds = await importIndicators(store, `${FIXTURES}misp-feed`, { includeNonIds: true });
  assert.equal(withNonIds.inserted, 1, 'the non-IDS md5 comes in; the rest merges');
});

test('re-import merges: no duplicates, tags united, first seen kept, stricter TLP wins', async () => {
  await importIndicators(store, `${FIXTURES}threatfox-recent.csv`);
  const again = await importIndicators(store, `${FIXTURES}threatfox-recent.csv`, { tags: ['second-pass'], tlp: 'TLP:RED' });
  assert.equal(again.inserted, 0);
  assert.equal(again.updated, 5);
  const all = await queryIndicators(store, { limit: 100 });
  assert.equal(all.total, 5);
  const ip = all.items.find((i) => i.type === 'ip')!;
  assert.deepEqual(ip.tags, ['Amadey', 'botnet_cc', 'c2', 'second-pass']);
  assert.equal(ip.tlp, 'red');
  assert.equal(ip.firstSeen, '2024-12-10T09:10:05.000Z');
});

test('CSV lines: quotes, doubled quotes, ", " separators, unterminated quotes', () => {
  assert.deepEqual(splitCsvLine('"a", "b,c", "d ""e"""'), ['a', 'b,c', 'd "e"']);
  assert.deepEqual(splitCsvLine('1,,x'), ['1', '', 'x']);
  assert.equal(splitCsvLine('"open'), undefined);
});
