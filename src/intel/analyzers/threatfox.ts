// ThreatFox (abuse.ch): IOC search (search_ioc) and hash search (search_hash); the verdict follows the confidence level.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';

const iocSchema = z.looseObject({
  ioc: z.string(),
  ioc_type: z.string().optional(),
  threat_type: z.string().nullable().optional(),
  malware_printable: z.string().nullable().optional(),
  confidence_level: z.number(),
  first_seen: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
});

const answerSchema = z.looseObject({ query_status: z.string(), data: z.unknown().optional() });
const hitSchema = z.looseObject({ query_status: z.literal('ok'), data: z.array(iocSchema) });

/** > 75 → malicious, > 50 → suspicious, else info. */
export function threatFoxLevel(confidence: number): Level {
  if (confidence > 75) return 'malicious';
  if (confidence > 50) return 'suspicious';
  return 'info';
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const a = shape(answerSchema, body, 'ThreatFox');
  if (a.query_status === 'no_result' || a.query_status === 'no_results') {
    return { status: 'not_found', taxonomies: [tax('info', 'ThreatFox', 'IOC', 'unknown')], summary: 'not in ThreatFox', full: body };
  }
  if (a.query_status !== 'ok') throw new ProviderFailure('bad_request', `ThreatFox: query_status ${a.query_status}`, { full: body });
  const iocs = shape(hitSchema, body, 'ThreatFox').data;
  if (iocs.length === 0) return { status: 'not_found', taxonomies: [tax('info', 'ThreatFox', 'IOC', 'unknown')], summary: 'not in ThreatFox', full: body };
  const best = iocs.reduce((a, b) => (b.confidence_level > a.confidence_level ? b : a));
  const value = `${best.malware_printable ?? 'unknown malware'} (${best.threat_type ?? 'ioc'}, confidence ${best.confidence_level}%)`;
  return {
    status: 'ok',
    taxonomies: [tax(threatFoxLevel(best.confidence_level), 'ThreatFox', 'IOC', value)],
    summary: `${iocs.length} IOC record${iocs.length === 1 ? '' : 's'}; ${value}${best.first_seen ? `, first seen ${best.first_seen}` : ''}`,
    full: body,
  };
}

export const threatFox: ExternalAnalyzer = {
  id: 'threatfox',
  name: 'ThreatFox',
  kind: 'external',
  namespace: 'ThreatFox',
  accepts: ['ip', 'domain', 'url', 'md5', 'sha256', 'file'],
  defaultBaseUrl: 'https://threatfox-api.abuse.ch/api/v1',
  rateLimits: [{ requests: 60, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_THREATFOX_KEY', 'WATCHFLOOR_ABUSECH_KEY'],
  authHeaders: (key) => ({ 'auth-key': key }),
  async lookup(observable, call) {
    const hash = observable.type === 'md5' || observable.type === 'sha256' || observable.type === 'file';
    if (!hash && !['ip', 'domain', 'url'].includes(observable.type)) {
      throw new ProviderFailure('unsupported', `ThreatFox does not look up ${observable.type} observables`);
    }
    const json = hash ? { query: 'search_hash', hash: observable.value } : { query: 'search_ioc', search_term: observable.value };
    const res = await call({ method: 'POST', path: '/', json });
    return interpret(observable, res.body);
  },
  interpret,
};
