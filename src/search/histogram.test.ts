// histogram: round intervals fitted to the range, bucket counts that match the events and sum to the total.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WatchEvent } from '../events/event.ts';
import { histogram, roundInterval } from './histogram.ts';
import { openTestStore, type TestStore } from './test-events.ts';

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(async () => {
  await t.close();
});

function expectedCounts(predicate: (e: WatchEvent) => boolean, start: number, interval: number, buckets: number, from: number, to: number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (const e of t.events) {
    if (predicate(e) && e.timestamp >= from && e.timestamp < to) counts[Math.floor((e.timestamp - start) / interval)]!++;
  }
  return counts;
}

describe('roundInterval', () => {
  it('picks the smallest round interval giving at most the wanted buckets', () => {
    assert.equal(roundInterval(30_000, 60), 1_000);
    assert.equal(roundInterval(61_000, 60), 2_000);
    assert.equal(roundInterval(3_600_000, 60), 60_000);
    assert.equal(roundInterval(3_600_001, 60), 120_000);
    assert.equal(roundInterval(86_400_000, 60), 30 * 60_000);
    assert.equal(roundInterval(30 * 86_400_000, 60), 12 * 3_600_000);
    assert.equal(roundInterval(1_000 * 365 * 86_400_000, 10), 100 * 365 * 86_400_000);
  });
});

describe('histogram', () => {
  const status404 = (e: WatchEvent): boolean => e.fields['http.response.status_code'] === 404;
  for (const [query, predicate] of [
    ['', () => true],
    ['sc-status:404', status404],
  ] as const) {
    it(`counts '${query}' per bucket over the matching events' span`, async () => {
      const result = await histogram(t.store, { query, buckets: 30 });
      const times = t.events.filter(predicate).map((e) => e.timestamp);
      const [first, last] = [Math.min(...times), Math.max(...times)];
      assert.equal(result.interval, roundInterval(last + 1 - first, 30));
      assert.ok(result.buckets.length <= 31);
      const start = result.buckets[0]!.start;
      assert.equal(start % result.interval, 0);
      assert.deepEqual(result.buckets.map((b) => b.count), expectedCounts(predicate, start, result.interval, result.buckets.length, first, last + 1));
      assert.equal(result.buckets.reduce((n, b) => n + b.count, 0), times.length);
    });
    it(`counts '${query}' within an explicit time range`, async () => {
      const from = t.events[20]!.timestamp + 1;
      const to = t.events[250]!.timestamp;
      const result = await histogram(t.store, { query, from, to: new Date(to).toISOString(), buckets: 12 });
      const start = result.buckets[0]!.start;
      assert.deepEqual(result.buckets.map((b) => b.count), expectedCounts(predicate, start, result.interval, result.buckets.length, from, to));
      assert.ok(result.buckets.every((b, k) => b.start === start + k * result.interval));
      assert.ok(result.buckets[result.buckets.length - 1]!.start < to);
    });
  }
  it('counts every event exactly from the per-minute counts, partial minutes at both edges included', async () => {
    const times = t.events.map((e) => e.timestamp).sort((a, b) => a - b);
    const span = times[times.length - 1]! - times[0]!;
    for (let k = 0; k < 25; k++) {
      // odd edges (not on minute boundaries) and bucket counts that give whole-minute intervals
      const from = times[0]! + Math.floor((span * k) / 60) + 7_777;
      const to = times[times.length - 1]! - Math.floor((span * k) / 90) + 1;
      const result = await histogram(t.store, { query: '', from, to, buckets: 5 + k });
      assert.equal(result.interval % 60_000, 0, `interval ${result.interval}`);
      const start = result.buckets[0]!.start;
      assert.deepEqual(result.buckets.map((b) => b.count), expectedCounts(() => true, start, result.interval, result.buckets.length, from, to), `from ${from} to ${to}`);
    }
  });
  it('returns no buckets when nothing matches', async () => {
    assert.deepEqual((await histogram(t.store, { query: 'user.name:nobody' })).buckets, []);
  });
});
