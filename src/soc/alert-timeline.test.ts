import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_TIME, openTestStore, type TestStore } from '../search/test-events.ts';
import type { AlertWrite } from '../store/store.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { alertTimeline, bucketWidth, MAX_BUCKETS } from './alert-timeline.ts';

const MINUTE = 60_000;
const SEVERITIES = ['Low', 'Medium', 'High', 'Critical'] as const;

/** One alert of its own rule (the store folds a rule's repeated alert about the same event). */
function alertAt(eventTime: number, severity: string, eventId: number, rule: number): AlertWrite {
  return {
    ruleKey: `test-rule-${rule}`,
    ruleCode: 'SOC999',
    ruleName: 'Timeline test',
    type: 'Proxy',
    family: 'proxy',
    playbook: null,
    severity,
    tier: 'Security Analyst',
    eventTime,
    fields: [],
    mitre: [],
    hint: null,
    trigger: 'test',
    suppressKey: null,
    suppressWindowMs: null,
    eventIds: [eventId],
  };
}

describe('bucketWidth', () => {
  const YEAR = 365 * 1440 * MINUTE;
  const buckets = (first: number, last: number): number => {
    const w = bucketWidth(first, last);
    return Math.floor(last / w) - Math.floor(first / w) + 1;
  };
  it('takes the smallest nice width that covers the span in at most 60 aligned buckets', () => {
    assert.equal(bucketWidth(0, 0), MINUTE);
    assert.equal(bucketWidth(0, 59 * MINUTE), MINUTE);
    assert.equal(bucketWidth(0, 60 * MINUTE), 5 * MINUTE, '61 one-minute buckets would be one too many');
    assert.equal(bucketWidth(30_000, 59 * MINUTE + 30_000), MINUTE);
    assert.equal(bucketWidth(0, 10 * 60 * MINUTE), 15 * MINUTE);
  });

  it('stays within 60 buckets for any span, an outlying year 9999 included', () => {
    assert.equal(bucketWidth(0, 100 * YEAR), 2 * YEAR);
    const cases: [number, number][] = [[Date.parse('2021-03-01'), Date.parse('9999-12-31')], [-8.64e15, 8.64e15], [-YEAR, 59 * YEAR], [0, 60 * YEAR - 1], [0, 60 * YEAR]];
    for (const [first, last] of cases) {
      const n = buckets(first, last);
      assert.ok(n >= 1 && n <= 60, `${first}..${last}: ${n} buckets`);
    }
    const random = seededRandom(60);
    for (let i = 0; i < 2_000; i++) {
      const first = Math.round((random() - 0.5) * 2e14);
      const last = first + Math.round(random() ** 4 * 3e14);
      const n = buckets(first, last);
      assert.ok(n >= 1 && n <= 60, `${first}..${last}: ${n} buckets`);
    }
  });
});

describe('alertTimeline', () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore();
  });
  after(async () => t.close());

  it('has no bucket while there is no alert', async () => {
    const timeline = await alertTimeline(t.store);
    assert.equal(timeline.total, 0);
    assert.deepEqual(timeline.starts, []);
    assert.deepEqual(timeline.counts, { Low: [], Medium: [], High: [], Critical: [] });
  });

  it('counts every alert, far beyond one page of the alert list, per bucket and severity', async () => {
    // 1,200 alerts one every 30 s over 10 hours (15-minute buckets: 30 per bucket), severities in turn
    const alerts = Array.from({ length: 1_200 }, (_, i) => alertAt(BASE_TIME + i * 30_000, SEVERITIES[i % 4]!, t.ids[i % t.ids.length]!, i));
    const { created } = await t.store.writeAlerts(alerts);
    assert.equal(created.length, 1_200);

    const timeline = await alertTimeline(t.store);
    assert.equal(timeline.total, 1_200);
    assert.equal(timeline.width, 15 * MINUTE);
    assert.ok(timeline.starts.length <= MAX_BUCKETS);
    assert.equal(timeline.starts[0], Math.floor(BASE_TIME / (15 * MINUTE)) * 15 * MINUTE);
    assert.ok(timeline.starts.every((s, i) => i === 0 || s - timeline.starts[i - 1]! === 15 * MINUTE));
    for (const severity of SEVERITIES) {
      const series = timeline.counts[severity];
      assert.equal(series.length, timeline.starts.length);
      assert.equal(series.reduce((a, b) => a + b, 0), 300, `${severity}: a quarter of the alerts`);
    }
    // every alert lands in the bucket its event time falls in
    const expected = new Array<number>(timeline.starts.length).fill(0);
    for (const a of alerts) expected[Math.floor((a.eventTime - timeline.starts[0]!) / timeline.width)]!++;
    const sums = timeline.starts.map((_, i) => SEVERITIES.reduce((n, s) => n + timeline.counts[s][i]!, 0));
    assert.deepEqual(sums, expected);
  });
});
