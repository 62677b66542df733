// Tests of the rate-limit queue with a manual clock: VirusTotal's 4 requests/min, FIFO order, budgets, daily windows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock, flush } from './clock.ts';
import { RateLimitQueue } from './rate-queue.ts';

test('4/min: four calls pass at once, the fifth waits until the first slot frees a minute later', async () => {
  const clock = new ManualClock();
  const queue = new RateLimitQueue([{ requests: 4, intervalMs: 60_000 }], clock);
  const done: number[] = [];
  const calls = [1, 2, 3, 4, 5].map((n) => queue.acquire().then(() => done.push(n)));
  await flush();
  assert.deepEqual(done, [1, 2, 3, 4]);
  await clock.advance(59_999);
  assert.deepEqual(done, [1, 2, 3, 4], 'still waiting one millisecond before the window frees');
  await clock.advance(1);
  assert.deepEqual(done, [1, 2, 3, 4, 5]);
  await Promise.all(calls);
  assert.deepEqual(clock.sleeps, [60_000]);
});

test('requests keep their order and spread over the windows', async () => {
  const clock = new ManualClock();
  const queue = new RateLimitQueue([{ requests: 4, intervalMs: 60_000 }], clock);
  const started = clock.now();
  const times: number[] = [];
  const calls = Array.from({ length: 10 }, () => queue.acquire().then(() => times.push(clock.now() - started)));
  await clock.advance(180_000);
  await Promise.all(calls);
  assert.deepEqual(times, [0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
});

test('a caller whose wait exceeds its budget is turned away without taking a slot', async () => {
  const clock = new ManualClock();
  const queue = new RateLimitQueue([{ requests: 2, intervalMs: 60_000 }, { requests: 3, intervalMs: 86_400_000 }], clock);
  await queue.acquire();
  await queue.acquire();
  assert.deepEqual(await queue.acquire(1_000), { ok: false, waitMs: 60_000 });
  const third = queue.acquire(60_000);
  await clock.advance(60_000);
  assert.deepEqual(await third, { ok: true, waitedMs: 60_000 });
  // The daily window (3/day) is now full: the next slot is a day after the first request.
  const refused = await queue.acquire(3_600_000);
  assert.equal(refused.ok, false);
  assert.equal(refused.ok === false && refused.waitMs, 86_400_000 - 60_000);
});
