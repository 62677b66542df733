// Hybrid Analysis v2: hash search (GET /search/hash) and term search (POST /search/terms) for URLs and domains.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';
import { worstLevel } from '../types.ts';

const reportSchema = z.looseObject({
  verdict: z.string().nullable().optional(),
  threat_score: z.number().nullable().optional(),
  analysis_start_time: z.string().nullable().optional(),
  sha256: z.string().nullable().optional(),
  submit_name: z.string().nullable().optional(),
  vx_family: z.string().nullable().optional(),
});

const hashAnswer = z.union([z.array(reportSchema), z.looseObject({ reports: z.array(reportSchema) })]);
const termsAnswer = z.looseObject({ count: z.number().optional(), result: z.array(reportSchema) });

type HaReport = z.infer<typeof reportSchema>;

/** malicious → malicious, suspicious → suspicious, whitelisted → safe, no specific threat (or anything else) → info. */
export function haLevel(verdict: string | null | undefined): Level {
  switch ((verdict ?? '').toLowerCase()) {
    case 'malicious':
      return 'malicious';
    case 'suspicious':
      return 'suspicious';
    case 'whitelisted':
      return 'safe';
    default:
      return 'info';
  }
}

function reports(body: unknown): HaReport[] {
  if (Array.isArray(body)) return shape(hashAnswer, body, 'Hybrid Analysis') as HaReport[];
  if (typeof body === 'object' && body !== null && 'result' in body) return shape(termsAnswer, body, 'Hybrid Analysis').result;
  const parsed = shape(hashAnswer, body, 'Hybrid Analysis');
  return Array.isArray(parsed) ? parsed : parsed.reports;
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const found = reports(body);
  if (found.length === 0) {
    return { status: 'not_found', taxonomies: [tax('info', 'HybridAnalysis', 'Reports', 0)], summary: 'no reports', full: body };
  }
  const level = worstLevel(found.map((r) => haLevel(r.verdict))) ?? 'info';
  const worst = found.find((r) => haLevel(r.verdict) === level) ?? found[0]!;
  const score = worst.threat_score == null ? '' : `, threat score ${worst.threat_score}`;
  const value = `${worst.verdict ?? 'no verdict'}${score}`;
  return {
    status: 'ok',
    taxonomies: [tax(level, 'HybridAnalysis', 'Threat', value)],
    summary: `${found.length} report${found.length === 1 ? '' : 's'}; worst: ${value}${worst.vx_family ? ` (${worst.vx_family})` : ''}`,
    full: body,
    artifacts: found.flatMap((r) => (r.sha256 ? [{ type: 'sha256' as const, value: r.sha256.toLowerCase() }] : [])),
  };
}

export const hybridAnalysis: ExternalAnalyzer = {
  id: 'hybrid-analysis',
  name: 'Hybrid Analysis',
  kind: 'external',
  namespace: 'HybridAnalysis',
  accepts: ['url', 'domain', 'md5', 'sha1', 'sha256', 'file'],
  defaultBaseUrl: 'https://www.hybrid-analysis.com/api/v2',
  rateLimits: [{ requests: 5, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_HYBRID_ANALYSIS_KEY'],
  // The API wants a User-Agent; "Falcon Sandbox" is the one its documentation names.
  authHeaders: (key) => ({ 'api-key': key, 'user-agent': 'Falcon Sandbox', accept: 'application/json' }),
  async lookup(observable, call) {
    switch (observable.type) {
      case 'url':
      case 'domain': {
        const res = await call({ method: 'POST', path: '/search/terms', form: { [observable.type]: observable.value } });
        return interpret(observable, res.body);
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
      case 'file': {
        const res = await call({ method: 'GET', path: '/search/hash', query: { hash: observable.value } });
        return interpret(observable, res.body);
      }
      default:
        throw new ProviderFailure('unsupported', `Hybrid Analysis does not look up ${observable.type} observables`);
    }
  },
  interpret,
};
