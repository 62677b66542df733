// Runs the conformance cases in cases/<name>/ (rule.yml + events.jsonl + expected.json [+ options.json]) through the engine.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { EventFields, WatchEvent } from '../../events/event.ts';
import { CorrelationEngine } from './correlation.ts';
import { EventView } from './event-view.ts';
import { loadRuleText } from './loader.ts';
import { matchRule } from './match.ts';

const CASES = fileURLToPath(new URL('./cases/', import.meta.url));

interface Expected {
  matches: Record<string, number[]>;
  correlations?: Record<string, number[]>;
  rejected?: string[];
}

function toEvent(line: string, index: number): WatchEvent {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  const hasShape = typeof parsed.fields === 'object' && parsed.fields !== null;
  const fields = (hasShape ? parsed.fields : parsed) as EventFields;
  const raw = typeof parsed.raw === 'string' ? parsed.raw : hasShape ? '' : line;
  const timestamp = typeof parsed.timestamp === 'number' ? parsed.timestamp : index * 1000;
  return { timestamp, fields, raw };
}

for (const name of readdirSync(CASES).sort()) {
  test(`conformance: ${name}`, () => {
    const dir = join(CASES, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const optionsPath = join(dir, 'options.json');
    const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as Record<string, unknown>) : {};
    const loaded = loadRuleText(readFileSync(join(dir, 'rule.yml'), 'utf8'), `cases/${name}/rule.yml`, options);
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map(toEvent);

    const reasons = loaded.rejected.map((r) => r.reason);
    for (const want of expected.rejected ?? []) assert.ok(reasons.some((r) => r.includes(want)), `expected a rejection containing "${want}", got ${JSON.stringify(reasons)}`);
    if (expected.rejected === undefined) assert.deepEqual(loaded.rejected, [], 'no document should be rejected');
    for (const r of loaded.rejected) assert.ok(r.line >= 1 && r.column >= 1);

    assert.deepEqual(loaded.rules.map((r) => r.rule.title).sort(), Object.keys(expected.matches).sort(), 'every loaded rule has expectations');
    for (const rule of loaded.rules) {
      const got = events.flatMap((e, i) => (matchRule(rule, e).matched ? [i] : []));
      assert.deepEqual(got, expected.matches[rule.rule.title], `rule "${rule.rule.title}"`);
    }

    if (expected.correlations !== undefined) {
      const engine = new CorrelationEngine(loaded.correlations);
      const fired: Record<string, number[]> = Object.fromEntries(Object.keys(expected.correlations).map((k) => [k, []]));
      events.forEach((e, i) => {
        const view = new EventView(e);
        const matched = loaded.rules.filter((r) => r.condition(view));
        for (const alert of engine.process(e, matched)) (fired[alert.correlation.title] ??= []).push(i);
      });
      assert.deepEqual(fired, expected.correlations);
    }
  });
}
