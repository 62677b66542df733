// Differential test: the compiled matchers agree with a deliberately naive evaluator of the rule AST on ~1,000 random events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ipaddr from 'ipaddr.js';
import { RE2JS } from 're2js';
import type { EventFields, WatchEvent } from '../../events/event.ts';
import type { ConditionNode, DetectionItem, SigmaRule } from './ast.ts';
import type { CompiledRule } from './compile.ts';
import { fieldKeys } from './field-mapping.ts';
import { loadRuleDirectory } from './loader.ts';
import { matchRule } from './match.ts';
import { seededRandom as rng } from '../../testing/seeded-random.ts';

const WEB = new URL('../../../../shared/data/sigma/rules/web/', import.meta.url);

/** Naive glob: recursive, character by character, case folded by the caller. */
function glob(p: string, s: string): boolean {
  if (p === '') return s === '';
  const c = p[0];
  if (c === '\\' && (p[1] === '*' || p[1] === '?' || p[1] === '\\')) return s[0] === p[1] && glob(p.slice(2), s.slice(1));
  if (c === '*') {
    for (let i = 0; i <= s.length; i++) if (glob(p.slice(1), s.slice(i))) return true;
    return false;
  }
  if (c === '?') return s.length > 0 && glob(p.slice(1), s.slice(1));
  return s[0] === c && glob(p.slice(1), s.slice(1));
}

const DASH = /[-/\u2013\u2014\u2015]/g;

function valueMatches(item: DetectionItem, ruleValue: unknown, eventValue: unknown, event: WatchEvent): boolean {
  if (Array.isArray(eventValue)) return eventValue.some((v: unknown) => valueMatches(item, ruleValue, v, event));
  if (typeof eventValue !== 'string' && typeof eventValue !== 'number' && typeof eventValue !== 'boolean') return false;
  const text = String(eventValue);
  const mods = item.modifiers;
  if (mods.includes('re')) {
    return RE2JS.compile(String(ruleValue), mods.includes('i') ? RE2JS.CASE_INSENSITIVE : 0).test(text);
  }
  if (mods.includes('cidr')) {
    if (!ipaddr.isValid(text)) return false;
    const [net, bits] = ipaddr.parseCIDR(String(ruleValue));
    const addr = ipaddr.process(text);
    return addr.kind() === net.kind() && addr.match(net, bits);
  }
  if (typeof ruleValue === 'number' && mods.length === 0) return Number(text) === ruleValue && text.trim() !== '';
  let pattern = String(ruleValue);
  if (mods.includes('contains') || item.field === null) pattern = `*${pattern}*`;
  else if (mods.includes('startswith')) pattern = `${pattern}*`;
  else if (mods.includes('endswith')) pattern = `*${pattern}`;
  let subject = text;
  if (mods.includes('windash')) {
    pattern = pattern.replace(DASH, '-');
    subject = subject.replace(DASH, '-');
  }
  if (!mods.includes('cased')) {
    pattern = pattern.toLowerCase();
    subject = subject.toLowerCase();
  }
  return glob(pattern.replace(/\\(?![*?\\])/g, '\\\\'), subject);
}

function itemMatches(item: DetectionItem, event: WatchEvent): boolean {
  const supported = ['contains', 'startswith', 'endswith', 'all', 're', 'i', 'cidr', 'windash', 'cased'];
  for (const m of item.modifiers) if (!supported.includes(m)) throw new Error(`reference evaluator lacks '${m}'`);
  const values = item.values.map((v) => v.value);
  const fields = event.fields as Record<string, unknown>;
  if (item.field === null) {
    const targets: unknown[] = event.raw !== '' && !event.raw.startsWith('{') ? [event.raw] : Object.values(fields);
    const one = (v: unknown): boolean => targets.some((t) => valueMatches(item, v, t, event));
    return item.modifiers.includes('all') ? values.every(one) : values.some(one);
  }
  const key = fieldKeys(item.field).find((k) => fields[k] !== undefined);
  const ev = key === undefined ? undefined : fields[key];
  if (ev === undefined || ev === null) return values.includes(null);
  const one = (v: unknown): boolean => v !== null && valueMatches(item, v, ev, event);
  return item.modifiers.includes('all') ? values.every(one) : values.some(one);
}

function evalCondition(node: ConditionNode, rule: SigmaRule, event: WatchEvent): boolean {
  const selection = (name: string): boolean => {
    const s = rule.detection.selections.find((x) => x.name === name);
    return s !== undefined && s.alternatives.some((items) => items.every((i) => itemMatches(i, event)));
  };
  const names = rule.detection.selections.map((s) => s.name);
  switch (node.type) {
    case 'id':
      return selection(node.name);
    case 'not':
      return !evalCondition(node.operand, rule, event);
    case 'and':
      return node.operands.every((o) => evalCondition(o, rule, event));
    case 'or':
      return node.operands.some((o) => evalCondition(o, rule, event));
    case 'of': {
      const re = node.pattern === null ? null : new RegExp(`^${node.pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      const chosen = names.filter((n) => (re === null ? !n.startsWith('_') : re.test(n)));
      const hits = chosen.filter(selection).length;
      return node.quantifier === 'all' ? hits === chosen.length : hits >= node.quantifier;
    }
  }
}

function reference(rule: SigmaRule, event: WatchEvent): boolean {
  return rule.detection.conditions.some((c) => evalCondition(c.node, rule, event));
}


function ruleStrings(rules: readonly CompiledRule[]): string[] {
  const out: string[] = [];
  for (const r of rules) for (const s of r.rule.detection.selections) for (const alt of s.alternatives) for (const item of alt) {
    if (item.modifiers.includes('re') || item.modifiers.includes('cidr')) continue;
    for (const v of item.values) if (typeof v.value === 'string') out.push(v.value.replace(/\\([*?\\])/g, '$1').replace(/[*?]/g, 'x'));
  }
  return out;
}

function randomEvents(n: number, pool: readonly string[], rand: () => number): WatchEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const mutate = (s: string): string => {
    const r = rand();
    if (r < 0.25) return s;
    if (r < 0.45) return s.toUpperCase();
    if (r < 0.6) return `pre${s}post`;
    if (r < 0.7) return s.slice(1);
    if (r < 0.8) return s.replace(/-/g, '/');
    return pick(['', 'Mozilla/5.0', 'GET', '/index.php', 'example.com', '10.0.0.1', '8.8.8.8', '200', '404', 'x'.repeat(50)]);
  };
  const fieldsPool = ['url.original', 'url.domain', 'url.path', 'url.query', 'url.extension', 'user_agent.original', 'http.request.method',
    'http.response.status_code', 'destination.ip', 'source.ip', 'http.cookie', 'http.request.referrer'];
  return Array.from({ length: n }, () => {
    const fields: Record<string, unknown> = { '@timestamp': '2024-01-01T00:00:00Z', 'event.dataset': pick(['squid.access', 'w3c.iis']) };
    for (const f of fieldsPool) {
      const r = rand();
      if (r < 0.2) continue;
      if (f === 'http.response.status_code') fields[f] = r < 0.6 ? pick([200, 404, 500, 302]) : String(pick([200, 404]));
      else if (f.endsWith('.ip')) fields[f] = pick(['10.1.2.3', '192.168.1.20', '8.8.8.8', '2001:db8::1', 'bogus']);
      else fields[f] = r < 0.3 ? [mutate(pick(pool)), mutate(pick(pool))] : mutate(pick(pool));
    }
    const raw = rand() < 0.1 ? JSON.stringify(fields) : Object.values(fields).flat().join(' ');
    return { timestamp: 0, raw, fields: fields as EventFields };
  });
}

test('differential: compiled proxy and webserver rules agree with the naive evaluator on 1,000 random events', () => {
  const { rules } = loadRuleDirectory(WEB.pathname);
  assert.ok(rules.length >= 40);
  const events = randomEvents(1_000, ruleStrings(rules), rng(20240501));
  let hits = 0;
  for (const rule of rules) {
    for (const [i, e] of events.entries()) {
      const want = reference(rule.rule, e);
      assert.equal(matchRule(rule, e).matched, want, `${rule.rule.file} on event ${i}: ${JSON.stringify(e.fields)}`);
      if (want) hits++;
    }
  }
  console.log(`differential: ${rules.length} rules × ${events.length} events, ${hits} matches agreed`);
  assert.ok(hits > 100, 'the random events should exercise matches, not only misses');
});
