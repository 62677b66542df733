// Streaming correlation engine: bounded state under a flood, generate semantics, group expiry, chaining.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import type { EventFields, WatchEvent } from '../../events/event.ts';
import type { CompiledRule } from './compile.ts';
import { CorrelationEngine } from './correlation.ts';
import { loadRuleText } from './loader.ts';

const RULES = `
title: Request
name: request
logsource:
    category: proxy
detection:
    sel:
        cs-method: GET
    condition: sel
`;

function correlation(type: string, condition: string, extra = ''): string {
  return `title: Corr\ncorrelation:\n    type: ${type}\n    rules:\n        - request\n    group-by:\n        - source.ip\n    timespan: 1m\n${condition}${extra}---\n${RULES}`;
}

function event(t: number, fields: Record<string, unknown>): WatchEvent {
  return { timestamp: t, raw: '', fields: { '@timestamp': new Date(t).toISOString(), 'event.dataset': 'squid.access', 'http.request.method': 'GET', ...fields } as EventFields };
}

test('1M events through an event_count with a 1-minute window keep the state bounded', () => {
  const { rules, correlations } = loadRuleText(correlation('event_count', '    condition:\n        gte: 1000000000\n'), 'flood.yml');
  const engine = new CorrelationEngine(correlations);
  const rule = rules[0];
  assert.ok(rule !== undefined);
  let maxState = 0;
  const started = performance.now();
  for (let i = 0; i < 1_000_000; i++) {
    // 20 events per second across 5,000 rotating source addresses: 1,200 events and ≤ 1,200 groups per window.
    engine.process(event(i * 50, { 'source.ip': `10.0.${(i % 5000) >> 8}.${i % 256}` }), [rule]);
    if (i % 1000 === 0) maxState = Math.max(maxState, engine.stateSize());
  }
  const ms = performance.now() - started;
  console.log(`flood: 1M events in ${ms.toFixed(0)} ms, max state ${maxState} entries`);
  assert.ok(maxState <= 2 * 1_200 + 10, `state grew to ${maxState}`);
});

test('a single hot group is capped at the entries needed to decide the threshold', () => {
  const { rules, correlations } = loadRuleText(correlation('event_count', '    condition:\n        gte: 100000\n'), 'hot.yml');
  const engine = new CorrelationEngine(correlations, { maxEntriesPerGroup: 5_000 });
  const rule = rules[0];
  assert.ok(rule !== undefined);
  for (let i = 0; i < 200_000; i++) engine.process(event(i, { 'source.ip': '1.1.1.1' }), [rule]);
  assert.ok(engine.stateSize() <= 5_001, String(engine.stateSize()));
});

test('value_count: the alert carries the group and the distinct count', () => {
  const { rules, correlations } = loadRuleText(correlation('value_count', '    condition:\n        field: url.domain\n        gte: 2\n'), 'vc.yml');
  const engine = new CorrelationEngine(correlations);
  const rule = rules[0];
  assert.ok(rule !== undefined);
  assert.deepEqual(engine.process(event(0, { 'source.ip': 'a', 'url.domain': 'x' }), [rule]), []);
  const [alert] = engine.process(event(1, { 'source.ip': 'a', 'url.domain': 'y' }), [rule]);
  assert.ok(alert !== undefined);
  assert.deepEqual(alert.group, { 'source.ip': 'a' });
  assert.equal(alert.value, 2);
});

test('generate: referenced rules are silent unless the correlation says generate: true', () => {
  const quiet = loadRuleText(correlation('event_count', '    condition:\n        gte: 2\n'), 'q.yml');
  const loud = loadRuleText(correlation('event_count', '    condition:\n        gte: 2\n', '    generate: true\n'), 'l.yml');
  const other = loadRuleText(RULES.replace('name: request', 'name: other'), 'o.yml');
  const [quietRule, loudRule, otherRule] = [quiet.rules[0], loud.rules[0], other.rules[0]];
  assert.ok(quietRule !== undefined && loudRule !== undefined && otherRule !== undefined);
  const q = new CorrelationEngine(quiet.correlations);
  assert.equal(q.emitsStandalone(quietRule), false);
  assert.equal(q.emitsStandalone(otherRule), true);
  assert.equal(new CorrelationEngine(loud.correlations).emitsStandalone(loudRule), true);
});

test('correlations referring to unknown rules are rejected at load', () => {
  const { correlations, rejected } = loadRuleText(correlation('event_count', '    condition:\n        gte: 2\n').replace('- request', '- nowhere'), 'x.yml');
  assert.equal(correlations.length, 0);
  assert.match(rejected[0]?.reason ?? '', /refers to rule 'nowhere'/);
});

test('correlation documents are validated: type, timespan, condition, field', () => {
  const reasons = (text: string): string => loadRuleText(text, 'c.yml').rejected.map((r) => r.reason).join(' | ');
  assert.match(reasons(correlation('event_sum', '    condition:\n        gte: 2\n')), /correlation type 'event_sum'/);
  assert.match(reasons(correlation('event_count', '    condition:\n        gte: 2\n').replace('timespan: 1m', 'timespan: soon')), /timespan/);
  assert.match(reasons(correlation('event_count', '')), /needs a condition/);
  assert.match(reasons(correlation('value_sum', '    condition:\n        gt: 2\n')), /needs 'field'/);
  assert.match(reasons(correlation('event_count', '    condition:\n        about: 2\n')), /unknown correlation condition operator/);
});

describe('state carried between runs', () => {
  const POST_RULE = `title: Upload\nname: post\nlogsource:\n    category: proxy\ndetection:\n    sel:\n        cs-method: POST\n    condition: sel\n`;
  const both = (type: string, condition: string): string =>
    `title: Corr ${type}\ncorrelation:\n    type: ${type}\n    rules:\n        - request\n        - post\n    group-by:\n        - source.ip\n    timespan: 1m\n${condition}---\n${RULES}---\n${POST_RULE}`;
  const cases: [string, string][] = [
    ['event_count', '    condition:\n        gte: 5\n'],
    ['value_count', '    condition:\n        field: url.domain\n        gte: 4\n'],
    ['value_sum', '    condition:\n        field: http.response.body.bytes\n        gte: 3000\n'],
    ['value_avg', '    condition:\n        field: http.response.body.bytes\n        gt: 700\n'],
    ['value_percentile', '    condition:\n        field: http.response.body.bytes\n        lte: 30\n'],
    ['temporal', '    condition:\n        gte: 2\n'],
    ['temporal_ordered', '    condition:\n        gte: 2\n'],
  ];
  /** 400 events 5 s apart over 3 clients and 7 domains, GET mostly, POST every 7th, sizes varying. */
  const stream = Array.from({ length: 400 }, (_, i) => {
    const method = i % 7 === 3 ? 'POST' : 'GET';
    return event(i * 5_000, { 'source.ip': `10.0.0.${i % 3}`, 'url.domain': `d${(i * 5) % 7}.example`, 'http.response.body.bytes': (i * 37) % 1_000, 'http.request.method': method });
  });
  /** Where the first run stops: a point where every case has open windows. */
  const SPLIT = 203;
  const run = (engine: CorrelationEngine, events: WatchEvent[], rules: { get: CompiledRule; post: CompiledRule }) =>
    events.flatMap((e) => engine.process(e, [e.fields['http.request.method'] === 'POST' ? rules.post : rules.get]).map((a) => [a.timestamp, a.value, a.group]));

  for (const [type, condition] of cases) {
    it(`${type}: a run restored from the first half's snapshot raises what one unbroken run raises`, () => {
      const { rules, correlations } = loadRuleText(both(type, condition), `${type}.yml`);
      const get = rules.find((r) => r.rule.name === 'request');
      const post = rules.find((r) => r.rule.name === 'post');
      assert.ok(get && post && correlations.length === 1);
      const unbroken = new CorrelationEngine(correlations);
      run(unbroken, stream.slice(0, SPLIT), { get, post });
      const expected = run(unbroken, stream.slice(SPLIT), { get, post });
      assert.ok(expected.length > 0, 'the second half raises alerts');

      const first = new CorrelationEngine(correlations);
      run(first, stream.slice(0, SPLIT), { get, post });
      const saved: unknown = JSON.parse(JSON.stringify(first.snapshot()));
      const second = new CorrelationEngine(correlations);
      const result = second.restore(saved);
      assert.ok(result.restored > 0 && result.dropped === 0 && result.problem === undefined, JSON.stringify(result));
      assert.deepEqual(run(second, stream.slice(SPLIT), { get, post }), expected);
    });
  }

  it('starts afresh when a correlation or a rule it references changed; a restore replaces the state; junk restores nothing', () => {
    const before = loadRuleText(both('event_count', '    condition:\n        gte: 5\n'), 'a.yml');
    const definitions = (rules: typeof before.rules) => new Map(rules.map((r) => [r.rule.name!, { logsource: r.rule.logsource, detection: r.rule.detection }]));
    const engine = new CorrelationEngine(before.correlations, { ruleDefinitions: definitions(before.rules) });
    for (const e of stream.slice(0, 10)) engine.process(e, [before.rules[0]!]);
    const saved = engine.snapshot();
    const groups = saved.correlations[0]!.groups.length;
    assert.ok(groups > 0);

    const moved = loadRuleText(`# a comment moves every line down\n\n${both('event_count', '    condition:\n        gte: 5\n')}`, 'a.yml');
    assert.notDeepEqual(moved.rules[0]!.rule.detection.selections[0]!.pos, before.rules[0]!.rule.detection.selections[0]!.pos, 'the rules did move');
    assert.deepEqual(
      new CorrelationEngine(moved.correlations, { ruleDefinitions: definitions(moved.rules) }).restore(saved),
      { restored: groups, dropped: 0 },
      'positions are not part of the definition',
    );
    const changed = new CorrelationEngine(loadRuleText(both('event_count', '    condition:\n        gte: 6\n'), 'b.yml').correlations);
    assert.deepEqual(changed.restore(saved), { restored: 0, dropped: 0 });
    assert.equal(changed.stateSize(), 0);
    const edited = loadRuleText(both('event_count', '    condition:\n        gte: 5\n').replace('cs-method: GET', 'cs-method: HEAD'), 'c.yml');
    const sameRules = new CorrelationEngine(before.correlations, { ruleDefinitions: definitions(before.rules) });
    const withSaved = new CorrelationEngine(before.correlations, { ruleDefinitions: definitions(before.rules) });
    for (const e of stream.slice(0, 10)) withSaved.process(e, [before.rules[0]!]);
    assert.equal(sameRules.restore(withSaved.snapshot()).restored, groups);
    assert.equal(new CorrelationEngine(edited.correlations, { ruleDefinitions: definitions(edited.rules) }).restore(withSaved.snapshot()).restored, 0, 'an edited referenced rule');

    const busy = new CorrelationEngine(before.correlations);
    for (const e of stream.slice(0, 10)) busy.process(e, [before.rules[0]!]);
    assert.ok(busy.stateSize() > 0);
    assert.deepEqual(busy.restore({ version: 1, correlations: [] }), { restored: 0, dropped: 0 });
    assert.equal(busy.stateSize(), 0, 'what the engine held is replaced, not merged');

    for (const junk of [null, 'x', { version: 2, correlations: [] }]) {
      const result = new CorrelationEngine(before.correlations).restore(junk);
      assert.equal(result.restored, 0);
      assert.match(result.problem ?? '', /not a correlation state/);
    }
    const oneBad = new CorrelationEngine(before.correlations, { ruleDefinitions: definitions(before.rules) }).restore({
      version: 1,
      correlations: [{ fingerprint: 'f', groups: [['k', { kind: 'window', lastSeen: 'now' }]] }, saved.correlations[0]],
    });
    assert.equal(oneBad.restored, groups, 'the readable entry is restored');
    assert.match(oneBad.problem ?? '', /not a correlation state/);
  });

  it('an event older than a group by more than the window starts the group again', () => {
    const { rules, correlations } = loadRuleText(both('event_count', '    condition:\n        gte: 3\n'), 'b.yml');
    const engine = new CorrelationEngine(correlations);
    const get = rules.find((r) => r.rule.name === 'request')!;
    const at = (t: number) => engine.process(event(t, { 'source.ip': '10.0.0.1' }), [get]);
    const day = 86_400_000;
    assert.deepEqual([at(10 * day), at(10 * day + 1_000)].flat(), []);
    assert.deepEqual(at(day), [], 'a backfilled event nine days older does not make a third');
    assert.deepEqual(at(day + 1_000), []);
    assert.equal(at(day + 2_000).length, 1, 'three within a minute do');
  });
});
