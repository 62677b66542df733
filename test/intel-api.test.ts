// Threat-intel lookups over the API against a local server speaking VirusTotal's documented responses: every outcome a
// provider can have (a report, a cached report, a quota refusal, an unreadable body) comes back through the route's
// response schema with the service's full answer, and never with the key.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/server.ts';
import { MAX_RETRY_AFTER_SECONDS } from '../src/intel/analyzer.ts';
import { vtUrlReport } from '../src/intel/analyzers/virustotal-responses.ts';
import { writeIntelConfigFile } from '../src/intel/config.ts';
import { sendJson, startTestServer, type TestServer } from '../src/intel/test-server.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../src/store/store.ts';
import { bearerFor } from './helpers/auth.ts';

const KEY = 'vt-test-key-0123456789';
let vt: TestServer;
let store: EventStore;
let app: FastifyInstance;
let headers: { authorization: string };

interface Lookup {
  verdict: string | null;
  results: { provider: string; status: string; summary?: string; full?: { data?: { attributes?: unknown } }; fromCache: boolean; retryAfterSeconds?: number; message?: string }[];
}

before(async () => {
  vt = await startTestServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-intel-api-'));
  writeIntelConfigFile(dataDir, { providers: { virustotal: { apiKey: KEY, baseUrl: vt.origin, requestsPerMinute: 1000 } } });
  store = await openSqliteStore(join(dataDir, 'w.db'));
  // the fake service listens on loopback, which lookups refuse unless told otherwise
  app = await buildServer({ store, dataDir, intelPolicy: { allowLoopback: true } });
  headers = await bearerFor(store, 'analyst.intel');
});
after(async () => {
  await app.close();
  await store.close();
  await vt.close();
});

async function lookup(value: string): Promise<{ status: number; body: Lookup; text: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/intel/lookup', headers, payload: { value, providers: ['virustotal'] } });
  return { status: res.statusCode, body: res.json<Lookup>(), text: res.body };
}

test('a report, then the same report from the cache, with the full answer and without the key', async () => {
  vt.handle((_req, res) => sendJson(res, 200, vtUrlReport(3, 90)));
  const first = await lookup('hxxp://files.example[.]net/winrar.exe');
  assert.equal(first.status, 200, first.text);
  const result = first.body.results.find((r) => r.provider === 'virustotal');
  assert.equal(result?.status, 'ok');
  assert.match(result?.summary ?? '', /^3 \/ 90 engines/);
  assert.ok(result?.full?.data?.attributes, 'the service answer is passed on whole');
  assert.equal(first.body.verdict, 'malicious');
  assert.equal(result?.fromCache, false);
  assert.ok(!first.text.includes(KEY));

  const again = await lookup('http://files.example.net/winrar.exe');
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.results.find((r) => r.provider === 'virustotal')?.fromCache, true);
  assert.equal(vt.requests.length, 1, 'the second answer came from the cache');
});

test('a quota refusal (however long it asks to wait) and an unreadable body are statuses, not errors', async () => {
  vt.handle((_req, res) => sendJson(res, 429, { error: { code: 'QuotaExceededError', message: 'Quota exceeded' } }, { 'retry-after': '3600' }));
  const limited = await lookup('http://quota.example.org/a');
  assert.equal(limited.status, 200, limited.text);
  assert.equal(limited.body.results.find((r) => r.provider === 'virustotal')?.status, 'rate_limited');

  // a Retry-After too large for a number is a long wait, not a broken answer
  vt.handle((_req, res) => sendJson(res, 429, { error: { code: 'QuotaExceededError', message: 'Quota exceeded' } }, { 'retry-after': '9'.repeat(400) }));
  const huge = await lookup('http://quota.example.org/c');
  assert.equal(huge.status, 200, huge.text);
  const hugeResult = huge.body.results.find((r) => r.provider === 'virustotal');
  assert.deepEqual([hugeResult?.status, hugeResult?.retryAfterSeconds], ['rate_limited', MAX_RETRY_AFTER_SECONDS]);

  vt.handle((_req, res) => sendJson(res, 200, '{"data": {"attributes": '));
  const broken = await lookup('http://broken.example.org/b');
  assert.equal(broken.status, 200, broken.text);
  assert.equal(broken.body.results.find((r) => r.provider === 'virustotal')?.status, 'malformed');
});
