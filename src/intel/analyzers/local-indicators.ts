// The local provider: answers from the indicators table (exact value, and the host or parent domain of what is asked).
import { parse as parseDomain } from 'tldts';
import { isIpAddress } from '../addresses.ts';
import { tax, type AnalyzerReport } from '../analyzer.ts';
import type { Indicator } from '../indicators.ts';
import { urlHost, type IndicatorType } from '../observable.ts';
import type { Observable } from '../types.ts';

export const LOCAL_PROVIDER = { id: 'local', name: 'Local indicators', namespace: 'Local' } as const;

export interface LocalKey {
  type: IndicatorType;
  value: string;
  relation: 'exact' | 'host' | 'parent_domain';
}

/** What to look for: the value itself, a URL's host, a subdomain's registrable domain. */
export function localKeys(observable: Observable): LocalKey[] {
  const type: IndicatorType = observable.type === 'file' ? 'sha256' : observable.type;
  const keys: LocalKey[] = [{ type, value: observable.value, relation: 'exact' }];
  const domainOf = (host: string): string | null => parseDomain(host, { allowPrivateDomains: true }).domain;
  if (observable.type === 'url') {
    const host = urlHost(observable.value);
    if (host !== undefined && host !== '') {
      keys.push({ type: isIpAddress(host) ? 'ip' : 'domain', value: host, relation: 'host' });
      const parent = isIpAddress(host) ? null : domainOf(host);
      if (parent !== null && parent !== host) keys.push({ type: 'domain', value: parent, relation: 'parent_domain' });
    }
  }
  if (observable.type === 'domain') {
    const parent = domainOf(observable.value);
    if (parent !== null && parent !== observable.value) keys.push({ type: 'domain', value: parent, relation: 'parent_domain' });
  }
  return keys;
}

function sources(list: Indicator[]): string {
  return [...new Set(list.map((i) => i.source))].join(', ');
}

/** Exact matches are malicious (a feed lists them as bad); a listed host or parent domain is suspicious. */
export function localReport(observable: Observable, found: readonly Indicator[]): AnalyzerReport {
  const keys = localKeys(observable);
  const matching = (k: LocalKey): Indicator[] => found.filter((i) => i.type === k.type && i.value === k.value);
  const exact = matching(keys[0]!);
  const related = keys.slice(1).flatMap((k) => matching(k).map((i) => ({ k, i })));
  if (exact.length === 0 && related.length === 0) {
    return { status: 'not_found', taxonomies: [tax('info', 'Local', 'Indicator', 'not listed')], summary: 'not in local indicators', full: { indicators: [] } };
  }
  const taxonomies = [];
  if (exact.length > 0) taxonomies.push(tax('malicious', 'Local', 'Indicator', `listed by ${sources(exact)}`));
  for (const { k, i } of related) taxonomies.push(tax('suspicious', 'Local', k.relation === 'host' ? 'Host' : 'ParentDomain', `${k.value} listed by ${i.source}`));
  const tags = [...new Set([...exact, ...related.map((r) => r.i)].flatMap((i) => i.tags))];
  const summary =
    exact.length > 0
      ? `listed by ${sources(exact)}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`
      : `${related.map((r) => r.k.value).filter((v, n, a) => a.indexOf(v) === n).join(', ')} listed${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`;
  return { status: 'ok', taxonomies, summary, full: { indicators: [...exact, ...related.map((r) => r.i)] } };
}
