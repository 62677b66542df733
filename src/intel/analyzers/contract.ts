// Test helper: the contract every external client passes against a local server speaking the service's documented shapes
// (malicious, clean, not found, 401/403, 429 + Retry-After, 5xx, timeout, malformed, off-contract, oversized, cache).
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../../store/store.ts';
import type { ExternalAnalyzer } from '../analyzer.ts';
import { InstantClock } from '../clock.ts';
import { createIntelContext, lookupObservable, type IntelContext, type IntelLogEntry, type LookupResult } from '../lookup.ts';
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from '../test-server.ts';
import type { Level, ProviderResult } from '../types.ts';

export const TEST_KEY = 'wf-test-key-7Hq2ZpLx91';

export type Answer = 'malicious' | 'clean' | 'not_found';

export interface ServiceCase {
  analyzer: ExternalAnalyzer;
  /** The path the real base URL has after its origin (e.g. /api/v3), so paths are checked whole. */
  basePath: string;
  /** The value looked up in every scenario. */
  value: string;
  /** Responds like the service for the given answer (may see several requests, e.g. search then result). */
  answer(kind: Answer, req: RecordedRequest, res: ServerResponse): void;
  /** Checks the first request the service received: method, path and query, body, content type. */
  checkRequest(req: RecordedRequest): void;
  /** Auth header name (lower case) and the value it must carry. */
  auth: [string, string];
  /** Expected main taxonomy of the malicious and clean answers. */
  malicious: { level: Level; value: string | RegExp };
  /** Absent for services that only list bad things (a hit is always malicious): there is no clean-answer test for them. */
  clean?: { level: Level | null; value?: string | RegExp };
  /** What an unknown observable gives; default not_found (AbuseIPDB answers every address: ok, score 0). */
  notFoundStatus?: 'not_found' | 'ok';
  /** How the service words an error body. */
  errorBody?: (code: number, message: string) => unknown;
  /** Extra checks on the malicious result. */
  extra?: (result: ProviderResult) => void;
}

interface Harness {
  server: TestServer;
  store: EventStore;
  clock: InstantClock;
  logs: IntelLogEntry[];
  context(overrides?: { timeoutMs?: number; maxResponseBytes?: number }): IntelContext;
}

/** Runs the shared contract for one service. */
export function describeServiceContract(c: ServiceCase): void {
  const h = {} as Harness;
  const contexts: IntelContext[] = [];
  before(async () => {
    h.server = await startTestServer();
    h.store = await openSqliteStore(':memory:');
    h.logs = [];
  });
  after(async () => {
    for (const ctx of contexts) await ctx.close();
    await h.server.close();
    await h.store.close();
  });
  h.context = (o = {}) => {
    h.clock = new InstantClock();
    const ctx = createIntelContext({
      store: h.store,
      env: { [c.analyzer.keyEnv[0]!]: TEST_KEY },
      baseUrls: { [c.analyzer.id]: `${h.server.origin}${c.basePath}` },
      policy: { allowLoopback: true },
      clock: h.clock,
      log: (e) => h.logs.push(e),
      timeoutMs: o.timeoutMs ?? 2_000,
      maxResponseBytes: o.maxResponseBytes ?? 64 * 1024,
    });
    contexts.push(ctx);
    return ctx;
  };

  async function run(handler: (req: RecordedRequest, res: ServerResponse, hit: number) => void, o?: { timeoutMs?: number; maxResponseBytes?: number }): Promise<{ result: ProviderResult; lookup: LookupResult; hits: RecordedRequest[] }> {
    const ctx = h.context(o);
    await h.store.db.deleteFrom('intel_cache' as never).execute();
    h.server.requests.length = 0;
    h.server.handle(handler);
    const lookup = await lookupObservable(ctx, c.value, { providers: [c.analyzer.id] });
    const result = lookup.results[0]!;
    const serialised = JSON.stringify(lookup) + JSON.stringify(h.logs);
    assert.ok(!serialised.includes(TEST_KEY), 'the API key appears nowhere in results or logs');
    return { result, lookup, hits: [...h.server.requests] };
  }

  const errorBody = (code: number, message: string): unknown => (c.errorBody ?? ((_c, m) => ({ error: m })))(code, message);
  const taxValue = (r: ProviderResult): string => r.taxonomies[0]?.value ?? '';

  describe(`${c.analyzer.name} client contract`, () => {
    test('malicious answer: the documented request, the key in its header, a malicious taxonomy', async () => {
      const { result, hits } = await run((req, res) => c.answer('malicious', req, res));
      assert.equal(result.status, 'ok', result.message);
      assert.equal(result.verdict, c.malicious.level);
      assert.equal(result.taxonomies[0]?.level, c.malicious.level);
      if (typeof c.malicious.value === 'string') assert.equal(taxValue(result), c.malicious.value);
      else assert.match(taxValue(result), c.malicious.value);
      assert.equal(result.origin, 'live');
      assert.ok(result.full !== undefined, 'the full response is kept');
      const first = hits[0]!;
      c.checkRequest(first);
      for (const r of hits) assert.equal(r.headers[c.auth[0]], c.auth[1], `header ${c.auth[0]} on ${r.url}`);
      c.extra?.(result);
    });

    // services that only list bad things (URLhaus, MalwareBazaar) have no clean answer: their "not found" is the clean case
    const clean = c.clean;
    if (clean !== undefined) {
      test('clean answer', async () => {
        const { result } = await run((req, res) => c.answer('clean', req, res));
        assert.equal(result.status, 'ok', result.message);
        assert.equal(result.verdict, clean.level);
        if (typeof clean.value === 'string') assert.equal(taxValue(result), clean.value);
        else if (clean.value) assert.match(taxValue(result), clean.value);
      });
    }

    test('not found', async () => {
      const { result } = await run((req, res) => c.answer('not_found', req, res));
      assert.equal(result.status, c.notFoundStatus ?? 'not_found', result.message);
      assert.notEqual(result.verdict, 'malicious');
    });

    test('401 and 403 are unauthorized, and a key echoed by the service is scrubbed', async () => {
      for (const code of [401, 403]) {
        const { result, hits } = await run((_req, res) => sendJson(res, code, errorBody(code, `Wrong API key ${TEST_KEY}`)));
        assert.equal(result.status, 'unauthorized');
        assert.equal(result.httpStatus, code);
        assert.match(result.message ?? '', /\[redacted\]/);
        assert.equal(hits.length, 1);
      }
    });

    test('429 with Retry-After: waits (injected clock), retries, succeeds', async () => {
      const { result, hits } = await run((req, res, hit) => {
        if (hit === 1) sendJson(res, 429, errorBody(429, 'Too many requests'), { 'retry-after': '1' });
        else c.answer('malicious', req, res);
      });
      assert.equal(result.status, 'ok', result.message);
      assert.ok(h.clock.sleeps.includes(1_000), `slept ${JSON.stringify(h.clock.sleeps)}`);
      assert.equal(hits[0]!.url, hits[1]!.url, 'the same request is retried');
    });

    test('429 beyond the budget or the attempts gives up with rate_limited', async () => {
      const long = await run((_req, res) => sendJson(res, 429, errorBody(429, 'Quota exceeded'), { 'retry-after': '86400' }));
      assert.equal(long.result.status, 'rate_limited');
      assert.equal(long.result.retryAfterSeconds, 86_400);
      assert.equal(long.hits.length, 1, 'no retry when Retry-After exceeds the budget');
      const always = await run((_req, res) => sendJson(res, 429, errorBody(429, 'Too many requests'), { 'retry-after': '1' }));
      assert.equal(always.result.status, 'rate_limited');
      assert.equal(always.hits.length, 3, 'three attempts, then the status');
    });

    test('5xx is server_error', async () => {
      for (const code of [500, 503]) {
        const { result } = await run((_req, res) => sendJson(res, code, errorBody(code, 'internal error')));
        assert.equal(result.status, 'server_error');
        assert.equal(result.httpStatus, code);
      }
    });

    test('a server that never answers is a timeout', async () => {
      const { result } = await run(() => undefined, { timeoutMs: 150 });
      assert.equal(result.status, 'timeout');
    });

    test('malformed JSON and off-contract JSON are malformed', async () => {
      const bad = await run((_req, res) => sendJson(res, 200, '{"data": {"attributes": '));
      assert.equal(bad.result.status, 'malformed');
      assert.match(bad.result.message ?? '', /malformed JSON/);
      const off = await run((_req, res) => sendJson(res, 200, { unexpected: ['shape'] }));
      assert.equal(off.result.status, 'malformed');
      assert.match(off.result.message ?? '', /documented shape/);
    });

    test('an oversized body is too_large', async () => {
      const { result } = await run((_req, res) => sendJson(res, 200, { pad: 'x'.repeat(200_000) }), { maxResponseBytes: 16_384 });
      assert.equal(result.status, 'too_large');
    });

    test('cache: the second lookup comes from the store, not the server', async () => {
      const ctx = h.context();
      await h.store.db.deleteFrom('intel_cache' as never).execute();
      h.server.requests.length = 0;
      h.server.handle((req, res) => c.answer('malicious', req, res));
      const first = (await lookupObservable(ctx, c.value, { providers: [c.analyzer.id] })).results[0]!;
      const hitsAfterFirst = h.server.requests.length;
      const second = (await lookupObservable(ctx, c.value, { providers: [c.analyzer.id] })).results[0]!;
      assert.equal(h.server.requests.length, hitsAfterFirst, 'no new request');
      assert.equal(second.fromCache, true);
      assert.equal(second.origin, 'cache');
      assert.deepEqual(second.taxonomies, first.taxonomies);
      assert.equal(second.fetchedAt, first.fetchedAt);
    });
  });
}

/** Parses an x-www-form-urlencoded body. */
export function form(req: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(req.body));
}

/** One lookup of `value` against a throwaway server answering with `handler` (for service-specific checks). */
export async function lookupAgainst(
  analyzer: ExternalAnalyzer,
  basePath: string,
  value: string,
  handler: (req: RecordedRequest, res: ServerResponse, hit: number) => void,
): Promise<{ result: ProviderResult; requests: RecordedRequest[] }> {
  const server = await startTestServer(handler);
  const store = await openSqliteStore(':memory:');
  const ctx = createIntelContext({
    store,
    env: { [analyzer.keyEnv[0]!]: TEST_KEY },
    baseUrls: { [analyzer.id]: `${server.origin}${basePath}` },
    policy: { allowLoopback: true },
    clock: new InstantClock(),
  });
  try {
    const lookup = await lookupObservable(ctx, value, { providers: [analyzer.id] });
    return { result: lookup.results[0]!, requests: [...server.requests] };
  } finally {
    await ctx.close();
    await server.close();
    await store.close();
  }
}
