// AbuseIPDB v2 CHECK: abuse confidence score (0–100) and report count for an IP address.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';

const answerSchema = z.looseObject({
  data: z.looseObject({
    ipAddress: z.string(),
    abuseConfidenceScore: z.number(),
    isWhitelisted: z.boolean().nullable().optional(),
    isTor: z.boolean().optional(),
    totalReports: z.number().optional(),
    usageType: z.string().nullable().optional(),
    isp: z.string().nullable().optional(),
    domain: z.string().nullable().optional(),
    countryCode: z.string().nullable().optional(),
  }),
});

/** ≥ 75 → malicious, > 0 → suspicious, 0 → safe. */
export function abuseIpDbLevel(score: number): Level {
  if (score >= 75) return 'malicious';
  if (score > 0) return 'suspicious';
  return 'safe';
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const d = shape(answerSchema, body, 'AbuseIPDB').data;
  const reports = d.totalReports ?? 0;
  const taxonomies = [tax(abuseIpDbLevel(d.abuseConfidenceScore), 'AbuseIPDB', 'Score', `${d.abuseConfidenceScore}% (${reports} reports)`)];
  if (d.isTor === true) taxonomies.push(tax('info', 'AbuseIPDB', 'Tor', 'exit node'));
  if (d.isWhitelisted === true) taxonomies.push(tax('safe', 'AbuseIPDB', 'Whitelisted', 'yes'));
  const where = [d.isp, d.usageType, d.countryCode].filter((x) => typeof x === 'string' && x !== '').join(', ');
  return {
    status: 'ok',
    taxonomies,
    summary: `confidence of abuse ${d.abuseConfidenceScore}%, ${reports} reports${where === '' ? '' : ` (${where})`}`,
    full: body,
    artifacts: d.domain ? [{ type: 'domain', value: d.domain.toLowerCase() }] : [],
  };
}

export const abuseIpDb: ExternalAnalyzer = {
  id: 'abuseipdb',
  name: 'AbuseIPDB',
  kind: 'external',
  namespace: 'AbuseIPDB',
  accepts: ['ip'],
  defaultBaseUrl: 'https://api.abuseipdb.com/api/v2',
  // Free plan: 1,000 checks/day.
  rateLimits: [{ requests: 1000, intervalMs: 86_400_000 }],
  keyEnv: ['WATCHFLOOR_ABUSEIPDB_KEY'],
  authHeaders: (key) => ({ key, accept: 'application/json' }),
  async lookup(observable, call) {
    if (observable.type !== 'ip') throw new ProviderFailure('unsupported', 'AbuseIPDB looks up IP addresses only');
    const res = await call({ method: 'GET', path: '/check', query: { ipAddress: observable.value, maxAgeInDays: '30', verbose: '' } });
    return interpret(observable, res.body);
  },
  interpret,
};
