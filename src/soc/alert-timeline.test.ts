import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_TIME, openTestStore, type TestStore } from '../search/test-events.ts';
import type { AlertWrite } from '../store/store.ts';
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
  it('takes the smallest nice width that gives fewer than 60 buckets', () => {
    assert.equal(bucketWidth(0), MINUTE);
    assert.equal(bucketWidth(59 * MINUTE), MINUTE);
    assert.equal(bucketWidth(60 * MINUTE), 5 * MINUTE);
    assert.equal(bucketWidth(10 * 60 * MINUTE), 15 * MINUTE);
    assert.equal(bucketWidth(100 * 365 * 1440 * MINUTE), 365 * 1440 * MINUTE);
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
