// The closed set of value matchers (exact, prefix, suffix, contains, wildcard, regex, cidr, compare, time part, field reference), built once per rule.
import ipaddr from 'ipaddr.js';
import type { RE2JS } from 're2js';
import type { CompareOp } from './ast.ts';
import type { EventView } from './event-view.ts';
import { STAR, type Part, type SigmaString } from './sigma-string.ts';

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
export type RefMode = 'exact' | 'prefix' | 'suffix' | 'contains';

/** A compiled value test. Case-insensitive string matchers hold lower-cased text. */
export type Matcher =
  | { kind: 'exact' | 'prefix' | 'suffix' | 'contains'; text: string; cased: boolean }
  | { kind: 'wildcard'; parts: Part[]; cased: boolean }
  | { kind: 'regex'; regex: RE2JS; source: string }
  | { kind: 'cidr'; ranges: Cidr[] }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'compare'; op: CompareOp; value: number }
  | { kind: 'timepart'; part: TimePart; op: CompareOp; value: number }
  | { kind: 'fieldref'; keys: string[]; mode: RefMode; cased: boolean };

/** Tests one primitive event value: its text, its lower-cased text, the primitive itself, and the event (for field references). */
export type Probe = (text: string, lower: string, prim: string | number | boolean, view: EventView) => boolean;

/** Picks the cheapest matcher for a wildcard string: exact, prefix, suffix or contains when the shape allows, else wildcard. */
export function stringMatcher(s: SigmaString, cased: boolean): Matcher {
  const fold = (t: string): string => (cased || s.binary ? t : t.toLowerCase());
  const ci = cased || s.binary;
  const p = s.parts;
  if (p.length === 0) return { kind: 'exact', text: '', cased: ci };
  if (p.every((x) => typeof x === 'string')) return { kind: 'exact', text: fold(p.join('')), cased: ci };
  const [a, b, c] = p;
  if (p.length === 2 && a === STAR && typeof b === 'string') return { kind: 'suffix', text: fold(b), cased: ci };
  if (p.length === 2 && typeof a === 'string' && b === STAR) return { kind: 'prefix', text: fold(a), cased: ci };
  if (p.length === 3 && a === STAR && typeof b === 'string' && c === STAR) return { kind: 'contains', text: fold(b), cased: ci };
  return { kind: 'wildcard', parts: p.map((x) => (typeof x === 'string' ? fold(x) : x)), cased: ci };
}

export function parseCidr(text: string): Cidr {
  return ipaddr.parseCIDR(text.trim());
}

/** Compares two numbers with an operator. */
export function compare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'eq': return a === b;
    case 'neq': return a !== b;
  }
}

function numberOf(prim: string | number | boolean): number {
  if (typeof prim === 'number') return prim;
  if (typeof prim === 'string' && prim.trim() !== '') return Number(prim);
  return NaN;
}

function ipMatches(text: string, ranges: Cidr[]): boolean {
  if (!ipaddr.isValid(text)) return false;
  let addr = ipaddr.parse(text);
  for (const [net, bits] of ranges) {
    if (addr.kind() !== net.kind()) {
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
      else continue;
      if (addr.kind() !== net.kind()) continue;
    }
    if (addr.match(net, bits)) return true;
  }
  return false;
}

/** The requested part of a date, in UTC (ISO week numbers). Numbers are epoch seconds or milliseconds. */
export function timePart(prim: string | number | boolean, part: TimePart): number {
  let ms: number;
  if (typeof prim === 'number') ms = prim < 1e11 ? prim * 1000 : prim;
  else if (typeof prim === 'string') ms = Date.parse(prim);
  else return NaN;
  if (!Number.isFinite(ms)) return NaN;
  const d = new Date(ms);
  switch (part) {
    case 'minute': return d.getUTCMinutes();
    case 'hour': return d.getUTCHours();
    case 'day': return d.getUTCDate();
    case 'month': return d.getUTCMonth() + 1;
    case 'year': return d.getUTCFullYear();
    case 'week': {
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const dow = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - dow);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
    }
  }
}

/** Compiles a wildcard pattern (literal text, `*`, `?`) into a whole-string test, without backtracking blow-up. */
export function compileWildcard(parts: readonly Part[]): (s: string) => boolean {
  const segments: Part[][] = [[]];
  for (const p of parts) {
    if (p === STAR) segments.push([]);
    else (segments[segments.length - 1] as Part[]).push(p);
  }
  const lengths = segments.map((seg) => seg.reduce<number>((n, x) => n + (typeof x === 'string' ? x.length : 1), 0));
  const first = segments[0] as Part[];
  const firstLen = lengths[0] ?? 0;
  const last = segments[segments.length - 1] as Part[];
  const lastLen = lengths[lengths.length - 1] ?? 0;
  const at = (s: string, seg: Part[], pos: number): boolean => {
    for (const x of seg) {
      if (typeof x === 'string') {
        if (!s.startsWith(x, pos)) return false;
        pos += x.length;
      } else {
        if (pos >= s.length) return false;
        pos++;
      }
    }
    return true;
  };
  if (segments.length === 1) return (s) => s.length === firstLen && at(s, first, 0);
  return (s) => {
    if (!at(s, first, 0)) return false;
    let pos = firstLen;
    const lastStart = s.length - lastLen;
    if (lastStart < pos || !at(s, last, lastStart)) return false;
    for (let i = 1; i < segments.length - 1; i++) {
      const seg = segments[i] as Part[];
      const len = lengths[i] ?? 0;
      const anchor = seg[0];
      let found = -1;
      if (typeof anchor === 'string') {
        // Jump between occurrences of the segment's leading literal instead of trying every position.
        for (let k = s.indexOf(anchor, pos); k >= 0 && k + len <= lastStart; k = s.indexOf(anchor, k + 1)) {
          if (at(s, seg, k)) {
            found = k;
            break;
          }
        }
      } else {
        for (let k = pos; k + len <= lastStart; k++) {
          if (at(s, seg, k)) {
            found = k;
            break;
          }
        }
      }
      if (found < 0) return false;
      pos = found + len;
    }
    return true;
  };
}

const escapeLiteral = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Builds the closures for an OR of matchers. Sets of exact values become one hash lookup and sets of `contains` literals one
 * alternation of escaped literals (no quantifiers, so no backtracking); the other matchers keep their own closures.
 */
export function toAnyProbes(matchers: readonly Matcher[]): Probe[] {
  const probes: Probe[] = [];
  const grouped = (kind: 'exact' | 'contains', cased: boolean): string[] =>
    matchers.flatMap((m) => (m.kind === kind && m.cased === cased ? [m.text] : []));
  const done = new Set<Matcher>();
  for (const cased of [false, true]) {
    const exact = grouped('exact', cased);
    if (exact.length >= 3) {
      const set = new Set(exact);
      probes.push(cased ? (s) => set.has(s) : (_s, l) => set.has(l));
      for (const m of matchers) if (m.kind === 'exact' && m.cased === cased) done.add(m);
    }
    const contains = grouped('contains', cased);
    if (contains.length >= 3) {
      const re = new RegExp(contains.map(escapeLiteral).join('|'));
      probes.push(cased ? (s) => re.test(s) : (_s, l) => re.test(l));
      for (const m of matchers) if (m.kind === 'contains' && m.cased === cased) done.add(m);
    }
    for (const kind of ['prefix', 'suffix'] as const) {
      const texts = matchers.flatMap((m) => (m.kind === kind && m.cased === cased && m.text !== '' ? [m.text] : []));
      if (texts.length < 4) continue;
      const test = affixSet(texts, kind === 'prefix');
      probes.push(cased ? (s) => test(s) : (_s, l) => test(l));
      for (const m of matchers) if (m.kind === kind && m.cased === cased && m.text !== '') done.add(m);
    }
  }
  for (const m of matchers) if (!done.has(m)) probes.push(toProbe(m));
  return probes;
}

/** A set of non-empty prefixes (or suffixes), bucketed by their first (or last) character so most candidates are never compared. */
function affixSet(texts: readonly string[], prefix: boolean): (s: string) => boolean {
  const buckets = new Map<number, string[]>();
  for (const t of texts) {
    const c = prefix ? t.charCodeAt(0) : t.charCodeAt(t.length - 1);
    const list = buckets.get(c) ?? [];
    list.push(t);
    buckets.set(c, list);
  }
  return (s) => {
    if (s === '') return false;
    const list = buckets.get(prefix ? s.charCodeAt(0) : s.charCodeAt(s.length - 1));
    if (list === undefined) return false;
    for (const t of list) if (prefix ? s.startsWith(t) : s.endsWith(t)) return true;
    return false;
  };
}

/** Builds the test closure for a matcher. */
export function toProbe(m: Matcher): Probe {
  switch (m.kind) {
    case 'exact': {
      const t = m.text;
      return m.cased ? (s) => s === t : (_s, l) => l === t;
    }
    case 'prefix': {
      const t = m.text;
      return m.cased ? (s) => s.startsWith(t) : (_s, l) => l.startsWith(t);
    }
    case 'suffix': {
      const t = m.text;
      return m.cased ? (s) => s.endsWith(t) : (_s, l) => l.endsWith(t);
    }
    case 'contains': {
      const t = m.text;
      return m.cased ? (s) => s.includes(t) : (_s, l) => l.includes(t);
    }
    case 'wildcard': {
      const test = compileWildcard(m.parts);
      return m.cased ? (s) => test(s) : (_s, l) => test(l);
    }
    case 'regex': {
      const re = m.regex;
      return (s) => re.test(s);
    }
    case 'cidr': {
      const ranges = m.ranges;
      return (s) => ipMatches(s, ranges);
    }
    case 'number': {
      const { value, text } = m;
      return (s, _l, prim) => (typeof prim === 'number' ? prim === value : s === text || (s.trim() !== '' && Number(s) === value));
    }
    case 'compare': {
      const { op, value } = m;
      return (_s, _l, prim) => {
        const n = numberOf(prim);
        return !Number.isNaN(n) && compare(op, n, value);
      };
    }
    case 'timepart': {
      const { op, value, part } = m;
      return (_s, _l, prim) => {
        const n = timePart(prim, part);
        return !Number.isNaN(n) && compare(op, n, value);
      };
    }
    case 'fieldref':
      return fieldRefProbe(m.keys, m.mode, m.cased);
  }
}

function fieldRefProbe(keys: string[], mode: RefMode, cased: boolean): Probe {
  return (s, l, _prim, view) => {
    const other = view.get(keys);
    const values = Array.isArray(other) ? other : [other];
    for (const v of values) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
      const ref = cased ? String(v) : view.lower(String(v));
      const subject = cased ? s : l;
      if (mode === 'exact' ? subject === ref : mode === 'prefix' ? subject.startsWith(ref) : mode === 'suffix' ? subject.endsWith(ref) : subject.includes(ref)) {
        return true;
      }
    }
    return false;
  };
}
