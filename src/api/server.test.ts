import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ingestFile } from '../events/ingest.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import { buildServer } from './server.ts';
import { bearerFor } from '../../test/helpers/auth.ts';

const SQUID = fileURLToPath(new URL('../../../shared/data/logs/squid/plaso-squid_access.log', import.meta.url));
let store: EventStore;
let app: FastifyInstance;
let headers: { authorization: string };

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-api-'));
  store = await openSqliteStore(join(dataDir, 'w.db'));
  await ingestFile(store, SQUID);
  app = await buildServer({ store, dataDir });
  headers = await bearerFor(store, 'analyst1');
});
after(async () => {
  await app.close();
  await store.close();
});

test('GET /api/health reports the store', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/health', headers });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok', store: 'sqlite', lastEventId: 8 });
});

test('GET /api/logs/search filters by field and pages with a cursor', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { q: 'http.request.method:CONNECT', limit: '2', sort: 'asc' } });
  assert.equal(res.statusCode, 200);
  const body = res.json<{ events: { fields: Record<string, unknown>; raw: string }[]; total: number; nextCursor?: string }>();
  assert.equal(body.total, 3);
  assert.equal(body.events.length, 2);
  assert.equal(body.events[0]!.fields['url.domain'], 'domain.xyz');
  assert.ok(body.nextCursor);
  const next = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { q: 'http.request.method:CONNECT', limit: '2', sort: 'asc', cursor: body.nextCursor } });
  const page2 = next.json<{ events: { fields: Record<string, unknown> }[]; nextCursor?: string }>();
  assert.equal(page2.events.length, 1);
  assert.equal(page2.events[0]!.fields['url.domain'], 'secure.example.com');
  assert.equal(page2.nextCursor, undefined);
});

test('UI and Sigma field names work in the query: source_address and CIDR', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { q: 'source_address:10.0.0.0/8' } });
  assert.deepEqual(
    res.json<{ events: { fields: Record<string, unknown> }[] }>().events.map((e) => e.fields['source.ip']).sort(),
    ['10.0.0.50', '10.10.10.10'],
  );
});

test('a malformed query is a 400 with the position of the problem', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { q: 'source.ip:(1.2.3.4' } });
  assert.equal(res.statusCode, 400);
  const body = res.json<{ error: { code: string; position: number; message: string } }>();
  assert.equal(body.error.code, 'query_syntax');
  assert.equal(typeof body.error.position, 'number');
});

test('a bad parameter is a 400 naming the schema problem; a tampered cursor is a 400', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { limit: '0' } });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json<{ error: { code: string } }>().error.code, 'bad_request');
  const cursor = await app.inject({ method: 'GET', url: '/api/logs/search', headers, query: { cursor: 'AAAA' } });
  assert.equal(cursor.statusCode, 400);
  assert.equal(cursor.json<{ error: { code: string } }>().error.code, 'bad_cursor');
});

test('GET /api/logs/fields and /api/logs/histogram summarise the result set', async () => {
  const fields = await app.inject({ method: 'GET', url: '/api/logs/fields', headers, query: { fields: 'http.request.method', size: '3' } });
  assert.equal(fields.statusCode, 200);
  const top = fields.json<{ fields: { field: string; values: { value: string; count: number }[] }[] }>().fields[0]!;
  assert.equal(top.field, 'http.request.method');
  assert.deepEqual(top.values.slice(0, 2), [
    { value: 'CONNECT', count: 3 },
    { value: 'GET', count: 4 },
  ].sort((a, b) => b.count - a.count));
  const hist = await app.inject({ method: 'GET', url: '/api/logs/histogram', headers, query: { buckets: '10' } });
  const h = hist.json<{ interval: number; buckets: { count: number }[] }>();
  assert.equal(h.buckets.reduce((n, b) => n + b.count, 0), 8);
});

test('POST /api/analysis/file analyses the uploaded bytes', async () => {
  const pe = readFileSync(fileURLToPath(new URL('../../test/fixtures/pe/signed-x64.exe', import.meta.url)));
  const res = await app.inject({ method: 'POST', url: '/api/analysis/file?name=setup.exe', headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: pe });
  assert.equal(res.statusCode, 200, res.body);
  const report = res.json<{ name: string; pe: { machineName: string }; authenticode: { valid: boolean }; storedAt?: string }>();
  assert.equal(report.name, 'setup.exe');
  assert.equal(report.pe.machineName, 'amd64');
  assert.equal(report.authenticode.valid, true);
  assert.equal(report.storedAt, undefined, 'no server paths in answers');
  const empty = await app.inject({ method: 'POST', url: '/api/analysis/file', headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(0) });
  assert.equal(empty.statusCode, 400);
});

test('POST /api/intel/lookup answers per provider; external ones are disabled without keys', async () => {
  const res = await app.inject({ method: 'POST', url: '/api/intel/lookup', headers, payload: { value: '51.195.68[.]163' } });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json<{ observable: { type: string; value: string }; results: { provider: string; status: string }[] }>();
  assert.equal(body.observable.value, '51.195.68.163');
  assert.equal(body.results.find((r) => r.provider === 'virustotal')?.status, 'disabled');
  const providers = await app.inject({ method: 'GET', url: '/api/intel/providers', headers });
  assert.doesNotMatch(providers.body, /key"\s*:\s*"[^"]/i, 'keys never leave the server');
});

test('the OpenAPI document lists the log routes', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers });
  assert.equal(res.statusCode, 200);
  const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
  assert.match(doc.openapi, /^3\./);
  for (const path of ['/api/health', '/api/logs/search', '/api/logs/fields', '/api/logs/histogram']) assert.ok(doc.paths[path], path);
});
