// searchEvents: time ranges, keyset pagination in both orders, the capped total and cursor/option errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WatchEvent } from '../events/event.ts';
import { SearchError } from './errors.ts';
import { searchEvents, TOTAL_CAP, type SearchOptions } from './search.ts';
import { BASE_TIME, openTestStore, type TestStore } from './test-events.ts';

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(async () => {
  await t.close();
});

/** Ids of matching events in the order a search must return them. */
function ordered(predicate: (e: WatchEvent) => boolean, sort: 'asc' | 'desc'): number[] {
  const hits = t.events.flatMap((e, i) => (predicate(e) ? [{ ts: e.timestamp, id: t.ids[i]! }] : []));
  hits.sort((a, b) => a.ts - b.ts || a.id - b.id);
  if (sort === 'desc') hits.reverse();
  return hits.map((h) => h.id);
}

async function walk(options: SearchOptions): Promise<{ ids: number[]; pages: number }> {
  const ids: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await searchEvents(t.store, { ...options, ...(cursor ? { cursor } : {}) });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  return { ids, pages };
}

describe('searchEvents', () => {
  it('returns whole events, newest first, with the total', async () => {
    const result = await searchEvents(t.store, { query: 'sc-status:404', limit: 5 });
    const want = ordered((e) => e.fields['http.response.status_code'] === 404, 'desc');
    assert.deepEqual(result.events.map((e) => e.id), want.slice(0, 5));
    assert.equal(result.total, want.length);
    assert.equal(result.totalCapped, false);
    const first = result.events[0]!;
    const source = t.events[t.ids.indexOf(first.id)]!;
    assert.equal(first.raw, source.raw);
    assert.equal(first.fields['url.original'], source.fields['url.original']);
    assert.equal(typeof result.tookMs, 'number');
  });

  it('walks every page with no duplicates or gaps, in both orders, across equal timestamps', async () => {
    for (const sort of ['asc', 'desc'] as const) {
      for (const query of ['', 'NOT sc-status:200']) {
        const want = ordered((e) => query === '' || e.fields['http.response.status_code'] !== 200, sort);
        const { ids, pages } = await walk({ query, sort, limit: 7 });
        assert.deepEqual(ids, want, `${query} ${sort}`);
        assert.equal(pages, Math.ceil(want.length / 7));
      }
    }
  });

  it('limits to a time range given as ISO or epoch ms (from inclusive, to exclusive)', async () => {
    const from = t.events[40]!.timestamp;
    const to = t.events[200]!.timestamp;
    const want = ordered((e) => e.timestamp >= from && e.timestamp < to, 'asc');
    const iso = await walk({ query: '', sort: 'asc', limit: 50, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    const ms = await walk({ query: '', sort: 'asc', limit: 50, from, to: String(to) });
    assert.deepEqual(iso.ids, want);
    assert.deepEqual(ms.ids, want);
  });

  it('rejects tampered and foreign cursors, bad times and bad options with SearchError', async () => {
    const first = await searchEvents(t.store, { query: '', limit: 3 });
    const cursor = first.nextCursor!;
    const decoded = Buffer.from(cursor, 'base64url').toString();
    const tampered = Buffer.from(decoded.replace(/^1\.(\d)/, (_, d: string) => `1.${(Number(d) + 1) % 10}`)).toString('base64url');
    const cases: [SearchOptions, SearchError['code'], RegExp][] = [
      [{ query: '', cursor: tampered }, 'bad_cursor', /altered/],
      [{ query: '', cursor: 'not a cursor!' }, 'bad_cursor', /invalid cursor/],
      [{ query: '', cursor: Buffer.from('{"ts":1,"id":2}').toString('base64url') }, 'bad_cursor', /invalid cursor/],
      [{ query: 'sc-status:200', cursor }, 'bad_cursor', /another query/],
      [{ query: '', sort: 'asc', cursor }, 'bad_cursor', /another query/],
      [{ query: '', from: 'yesterday-ish' }, 'bad_time', /from is not/],
      [{ query: '', from: BASE_TIME + 10, to: BASE_TIME }, 'bad_time', /is after/],
      [{ query: '', limit: 0 }, 'bad_option', /limit/],
      [{ query: '', limit: 1.5 }, 'bad_option', /limit/],
    ];
    for (const [options, code, message] of cases) {
      await assert.rejects(searchEvents(t.store, options), (error: unknown) => {
        assert.ok(error instanceof SearchError, String(error));
        assert.equal(error.code, code);
        assert.match(error.message, message);
        return true;
      });
    }
  });
});

describe('total cap', () => {
  it('counts up to the cap and says when it stopped', async () => {
    const many: WatchEvent[] = Array.from({ length: TOTAL_CAP + 50 }, (_, i) => ({
      timestamp: BASE_TIME + i,
      fields: { '@timestamp': new Date(BASE_TIME + i).toISOString(), 'event.dataset': 'proxy', 'http.response.status_code': i < TOTAL_CAP ? 200 : 404 },
      raw: `line ${i}`,
    }));
    const big = await openTestStore(many);
    try {
      const all = await searchEvents(big.store, { query: '', limit: 10 });
      assert.equal(all.total, TOTAL_CAP);
      assert.equal(all.totalCapped, true);
      const exact = await searchEvents(big.store, { query: 'sc-status:200' });
      assert.deepEqual([exact.total, exact.totalCapped], [TOTAL_CAP, false]);
      const few = await searchEvents(big.store, { query: 'sc-status:404' });
      assert.deepEqual([few.total, few.totalCapped], [50, false]);
    } finally {
      await big.close();
    }
  });
});
