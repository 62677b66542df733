// STIX 2.1 bundles: indicator patterns (equality and IN on url, domain-name, ipv4/ipv6-addr, email-addr, file hashes;
// OR/AND-combined) and cyber observables (url, domain-name, ipv4-addr, ipv6-addr, email-addr, file), with TLP markings.
import { normaliseAs, type IndicatorType } from '../observable.ts';
import { parseTlp, stricterTlp, type Tlp } from '../tlp.ts';
import { emptyFeed, jsonLineIndex, parseFeedTime, type ParsedFeed } from './feed.ts';

/** The TLP marking-definition ids every STIX producer shares (TLP 1.0 and 2.0). */
const TLP_MARKINGS: Record<string, Tlp> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};

const HASH_TYPES: Record<string, IndicatorType> = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256' };

export interface PatternTerm {
  type: IndicatorType;
  value: string;
}

function pathType(objectType: string, path: string): IndicatorType | undefined {
  if (path === 'value') {
    return ({ url: 'url', 'domain-name': 'domain', 'ipv4-addr': 'ip', 'ipv6-addr': 'ip', 'email-addr': 'email' } as Record<string, IndicatorType>)[objectType];
  }
  const hash = /^hashes\.'?([A-Za-z0-9-]+)'?$/.exec(path);
  if (objectType === 'file' && hash) return HASH_TYPES[hash[1]!.toUpperCase().replace(/-/g, '')];
  return undefined;
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(['\\])/g, '$1');
}

/**
 * The supported comparisons of a STIX pattern, whatever combines them (OR, AND, several observation brackets):
 * each `[object:path = 'v']` or `IN ('a', 'b')` on a supported path is one indicator. Unsupported comparisons are ignored.
 */
export function parseStixPattern(pattern: string): { terms: PatternTerm[]; unsupported: number } | { error: string } {
  if (!/^\s*\[.*\]/s.test(pattern)) return { error: 'not a STIX pattern (no [ ... ] observation)' };
  const comparison = /([a-z0-9-]+):((?:[A-Za-z0-9_]+|'[^']*')(?:\.(?:[A-Za-z0-9_-]+|'[^']*'))*)\s*(=|!=|IN|MATCHES|LIKE|>=|<=|>|<|ISSUBSET|ISSUPERSET)\s*('(?:[^'\\]|\\.)*'|\((?:\s*'(?:[^'\\]|\\.)*'\s*,?)*\)|[0-9.]+|t'[^']*'|h'[^']*'|b'[^']*')/g;
  const terms: PatternTerm[] = [];
  let unsupported = 0;
  let matched = 0;
  for (let m = comparison.exec(pattern); m !== null; m = comparison.exec(pattern)) {
    matched++;
    const [, objectType = '', path = '', op = '', operand = ''] = m;
    const type = pathType(objectType, path);
    if (type === undefined || (op !== '=' && op !== 'IN')) {
      unsupported++;
      continue;
    }
    const values = op === '=' ? (operand.startsWith("'") ? [unquote(operand)] : []) : [...operand.matchAll(/'(?:[^'\\]|\\.)*'/g)].map((q) => unquote(q[0]));
    for (const v of values) terms.push({ type, value: v });
  }
  if (matched === 0) return { error: 'no comparison expression found' };
  return { terms, unsupported };
}

type StixObject = Record<string, unknown> & { type?: unknown; id?: unknown };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function parseStixBundle(text: string, file: string, source: string): ParsedFeed {
  const feed = emptyFeed();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    feed.bad.push({ file, line: 1, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
    return feed;
  }
  const objects: StixObject[] =
    typeof doc === 'object' && doc !== null && (doc as StixObject).type === 'bundle' && Array.isArray((doc as StixObject).objects)
      ? ((doc as { objects: StixObject[] }).objects)
      : typeof doc === 'object' && doc !== null && (doc as StixObject).type === 'indicator'
        ? [doc as StixObject]
        : [];
  if (objects.length === 0) {
    feed.bad.push({ file, line: 1, reason: 'not a STIX 2.1 bundle (type "bundle" with objects)' });
    return feed;
  }
  const lines = jsonLineIndex(text, 'id');
  const markings = new Map<string, Tlp>(Object.entries(TLP_MARKINGS));
  const identities = new Map<string, string>();
  for (const o of objects) {
    if (o.type === 'marking-definition' && typeof o.id === 'string') {
      const def = o.definition as Record<string, unknown> | undefined;
      const tlp = parseTlp(typeof def?.tlp === 'string' ? def.tlp : typeof o.name === 'string' ? o.name : undefined);
      if (tlp !== undefined) markings.set(o.id, tlp);
    }
    if (o.type === 'identity' && typeof o.id === 'string' && typeof o.name === 'string') identities.set(o.id, o.name);
  }
  for (const o of objects) {
    const line = typeof o.id === 'string' ? (lines.get(o.id) ?? 1) : 1;
    const bad = (reason: string): void => void feed.bad.push({ file, line, reason: `${typeof o.id === 'string' ? o.id : 'object'}: ${reason}` });
    let tlp: Tlp | undefined;
    for (const ref of strings(o.object_marking_refs)) tlp = stricterTlp(tlp, markings.get(ref));
    const by = typeof o.created_by_ref === 'string' ? identities.get(o.created_by_ref) : undefined;
    const base = {
      source: by !== undefined && source.startsWith('stix:') ? `stix:${by}` : source,
      tlp: tlp ?? null,
      firstSeen: parseFeedTime((o.valid_from ?? o.created ?? o.first_observed) as string | undefined),
      lastSeen: parseFeedTime((o.modified ?? o.last_observed ?? o.valid_from) as string | undefined),
    };
    const push = (type: IndicatorType, raw: string, extra: { tags?: string[]; description?: string | null }): boolean => {
      const value = normaliseAs(type, raw);
      if (value === undefined) return false;
      feed.indicators.push({ type, value, ...base, firstSeen: base.firstSeen, lastSeen: base.lastSeen ?? base.firstSeen, ...extra });
      return true;
    };
    if (o.type === 'indicator') {
      feed.records++;
      if (o.revoked === true) {
        feed.skipped++;
        continue;
      }
      if (o.pattern_type !== undefined && o.pattern_type !== 'stix') {
        bad(`pattern_type ${String(o.pattern_type)} is not supported (only stix)`);
        continue;
      }
      if (typeof o.pattern !== 'string') {
        bad('indicator without a pattern');
        continue;
      }
      const parsed = parseStixPattern(o.pattern);
      if ('error' in parsed) {
        bad(parsed.error);
        continue;
      }
      if (parsed.terms.length === 0) {
        bad('pattern has no equality on url, domain-name, ipv4-addr, ipv6-addr, email-addr or file hashes');
        continue;
      }
      const tags = [...strings(o.labels), ...strings(o.indicator_types)];
      const description = typeof o.name === 'string' ? o.name : typeof o.description === 'string' ? o.description : null;
      for (const t of parsed.terms) if (!push(t.type, t.value, { tags, description })) bad(`not a valid ${t.type}: ${JSON.stringify(t.value.slice(0, 100))}`);
    } else if (['url', 'domain-name', 'ipv4-addr', 'ipv6-addr', 'email-addr'].includes(String(o.type))) {
      feed.records++;
      const type = pathType(String(o.type), 'value')!;
      const value = typeof o.value === 'string' ? o.value : '';
      if (value.includes('/') && type === 'ip') bad(`address ranges are not indicators: ${value}`);
      else if (!push(type, value, { tags: strings(o.labels) })) bad(`not a valid ${type}: ${JSON.stringify(value.slice(0, 100))}`);
    } else if (o.type === 'file') {
      feed.records++;
      const hashes = (o.hashes ?? {}) as Record<string, unknown>;
      let any = false;
      for (const [alg, v] of Object.entries(hashes)) {
        const type = HASH_TYPES[alg.toUpperCase().replace(/-/g, '')];
        if (type !== undefined && typeof v === 'string') {
          if (push(type, v, { description: typeof o.name === 'string' ? o.name : null })) any = true;
          else bad(`not a valid ${type}: ${JSON.stringify(v.slice(0, 100))}`);
        }
      }
      if (!any && !feed.bad.some((b) => b.line === line)) feed.skipped++;
    }
  }
  return feed;
}
