// Bad input is rejected with file:line:column and a reason, never a crash or a hang; one bad document never sinks the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rejection } from './errors.ts';
import { loadRuleText } from './loader.ts';
import { matchRule } from './match.ts';

const FILE = 'bad.yml';

function rule(detection: string): string {
  return `title: Bad\nlogsource:\n    category: proxy\ndetection:\n${detection}`;
}

function rejectOnly(text: string): Rejection {
  const { rules, rejected } = loadRuleText(text, FILE);
  assert.equal(rules.length, 0, 'nothing should load');
  assert.equal(rejected.length, 1, JSON.stringify(rejected));
  const r = rejected[0] as Rejection;
  assert.equal(r.file, FILE);
  return r;
}

test('YAML syntax error: rejected at its line', () => {
  const r = rejectOnly('title: Bad\nlogsource:\n    category: proxy\ndetection:\n    sel:\n        c-uri: [unclosed\n    condition: sel\n');
  assert.equal(r.stage, 'yaml');
  assert.ok(r.line >= 6, JSON.stringify(r));
  assert.match(r.reason, /YAML/);
});

test('unknown modifier: rejected at the field key', () => {
  const r = rejectOnly(rule('    sel:\n        c-uri|contians: x\n    condition: sel\n'));
  assert.equal(r.stage, 'compile');
  assert.deepEqual([r.line, r.column], [6, 9]);
  assert.match(r.reason, /unknown modifier 'contians'/);
});

test('bad condition: the column points into the condition', () => {
  const r = rejectOnly(rule('    sel:\n        c-uri: x\n    condition: sel and (sel or\n'));
  assert.equal(r.stage, 'condition');
  assert.equal(r.line, 7);
  assert.match(r.reason, /condition column 16/);
  const agg = rejectOnly(rule('    sel:\n        c-uri: x\n    condition: sel | count() > 5\n'));
  assert.match(agg.reason, /aggregation/);
  assert.deepEqual([agg.line, agg.column], [7, 20]);
});

test('undefined identifier and empty pattern: caught at load time', () => {
  const r = rejectOnly(rule('    selection:\n        c-uri: x\n    condition: selection and not filter\n'));
  assert.match(r.reason, /undefined search identifier 'filter'/);
  assert.deepEqual([r.line, r.column], [7, 34]);
  const p = rejectOnly(rule('    selection:\n        c-uri: x\n    condition: selection and not 1 of filter_*\n'));
  assert.match(p.reason, /pattern 'filter_\*' matches no search identifier/);
});

test('catastrophic regex (a+)+$ compiles in re2js and matches in linear time', () => {
  const { rules } = loadRuleText(rule("    sel:\n        c-uri|re: '(a+)+$'\n    condition: sel\n"), FILE);
  const compiled = rules[0];
  assert.ok(compiled !== undefined);
  const evil = 'a'.repeat(200_000) + '!';
  const started = performance.now();
  const r = matchRule(compiled, { timestamp: 0, raw: '', fields: { '@timestamp': '', 'event.dataset': 'squid.access', 'url.original': evil } });
  const ms = performance.now() - started;
  assert.equal(r.matched, false);
  assert.ok(ms < 2_000, `took ${ms} ms`);
});

test('regex features the linear-time engine lacks are rejected with the reason', () => {
  assert.match(rejectOnly(rule("    sel:\n        c-uri|re: '(?<=admin)/x'\n    condition: sel\n")).reason, /lookaround/);
  assert.match(rejectOnly(rule("    sel:\n        c-uri|re: '(a)\\1'\n    condition: sel\n")).reason, /backreferences/);
  assert.match(rejectOnly(rule("    sel:\n        c-uri|re: '[unclosed'\n    condition: sel\n")).reason, /does not compile/);
});

test('invalid values and combinations: CIDR, comparisons, exists, null with modifiers', () => {
  assert.match(rejectOnly(rule("    sel:\n        dst_ip|cidr: '10.0.0.0/99'\n    condition: sel\n")).reason, /not a CIDR/);
  assert.match(rejectOnly(rule("    sel:\n        sc-bytes|gt: 'many'\n    condition: sel\n")).reason, /needs a number/);
  assert.match(rejectOnly(rule('    sel:\n        c-uri|exists: maybe\n    condition: sel\n')).reason, /single true or false/);
  assert.match(rejectOnly(rule('    sel:\n        c-uri|re|contains: x\n    condition: sel\n')).reason, /cannot be combined/);
  assert.match(rejectOnly(rule('    sel:\n        c-uri|contains: null\n    condition: sel\n')).reason, /null cannot take modifiers/);
  assert.match(rejectOnly(rule("    sel:\n        c-uri|base64: 'a*b'\n    condition: sel\n")).reason, /wildcards/);
});

test('huge rule: rejected by a limit, with file and line', () => {
  const values = Array.from({ length: 25_000 }, (_, i) => `            - 'value${i}'`).join('\n');
  const r = rejectOnly(rule(`    sel:\n        c-uri|contains:\n${values}\n    condition: sel\n`));
  assert.equal(r.stage, 'limit');
  assert.equal(r.line, 6);
  assert.match(r.reason, /more than 20000 values/);
  const deep = rejectOnly(rule(`    sel:\n        c-uri: x\n    condition: ${'('.repeat(100)}sel${')'.repeat(100)}\n`));
  assert.match(deep.reason, /nesting deeper than 64/);
  const big = rejectOnly(`title: x\ndescription: '${'x'.repeat(1_100_000)}'\n`);
  assert.equal(big.stage, 'limit');
});

test('structural errors: missing title, detection, condition; non-map documents; aliases', () => {
  assert.match(rejectOnly('logsource:\n    category: proxy\ndetection:\n    sel: x\n    condition: sel\n').reason, /no 'title'/);
  assert.match(rejectOnly('title: x\nlogsource:\n    category: proxy\n').reason, /no 'detection'/);
  assert.match(rejectOnly(rule('    sel:\n        c-uri: x\n')).reason, /no condition/);
  assert.match(rejectOnly('- just\n- a list\n').reason, /must be a map/);
  assert.match(rejectOnly(rule('    sel: &a\n        c-uri: x\n    other: *a\n    condition: sel\n')).reason, /aliases/);
});

test('one bad document never sinks the batch', () => {
  const text = [rule('    sel:\n        c-uri: a\n    condition: sel\n'), rule('    sel:\n        c-uri|nope: a\n    condition: sel\n'), rule('    sel:\n        c-uri: c\n    condition: sel\n')].join('---\n');
  const { rules, rejected } = loadRuleText(text, FILE);
  assert.equal(rules.length, 2);
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]?.line, 14);
});

test('matching never throws on odd events', () => {
  const { rules } = loadRuleText(rule("    sel:\n        c-uri|contains: x\n        sc-status|gt: 3\n        dst_ip|cidr: 10.0.0.0/8\n    kw:\n        - evil\n    condition: sel or kw\n"), FILE);
  const compiled = rules[0];
  assert.ok(compiled !== undefined);
  const odd: unknown[] = [{}, null, 'string', { fields: null }, { fields: { 'url.original': { nested: true }, 'http.response.status_code': [null, 'x'] }, raw: 42 }];
  for (const e of odd) {
    assert.doesNotThrow(() => matchRule(compiled, e as never));
  }
});
