// urlscan.io: search for existing scans of the observable, then read the newest scan's verdict (verdicts.overall).
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';

const searchSchema = z.looseObject({
  total: z.number().optional(),
  results: z.array(z.looseObject({ task: z.looseObject({ uuid: z.string(), url: z.string().optional(), time: z.string().optional() }) })),
});

const resultSchema = z.looseObject({
  verdicts: z.looseObject({
    overall: z.looseObject({ score: z.number(), malicious: z.boolean(), categories: z.array(z.string()).optional(), brands: z.array(z.unknown()).optional() }),
  }),
});

/** malicious → malicious; score > 0 → suspicious; else info. */
export function urlscanLevel(overall: { score: number; malicious: boolean }): Level {
  if (overall.malicious) return 'malicious';
  if (overall.score > 0) return 'suspicious';
  return 'info';
}

/** The search query for an observable (ElasticSearch query-string syntax). */
export function urlscanQuery(observable: Observable): string {
  const quoted = `"${observable.value.replace(/["\\]/g, '\\$&')}"`;
  switch (observable.type) {
    case 'url':
      return `page.url:${quoted}`;
    case 'domain':
      return `domain:${quoted}`;
    case 'ip':
      return `ip:${quoted}`;
    case 'sha256':
    case 'file':
      return `hash:${observable.value}`;
    default:
      throw new ProviderFailure('unsupported', `urlscan.io does not look up ${observable.type} observables`);
  }
}

/** Maps a scan result (GET /result/{uuid}/). */
function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const overall = shape(resultSchema, body, 'urlscan.io').verdicts.overall;
  const value = `score ${overall.score}${overall.malicious ? ', malicious' : ''}`;
  const cats = overall.categories ?? [];
  return {
    status: 'ok',
    taxonomies: [tax(urlscanLevel(overall), 'urlscan', 'Verdict', value)],
    summary: `${value}${cats.length > 0 ? ` [${cats.join(', ')}]` : ''}`,
    full: body,
  };
}

export const urlscan: ExternalAnalyzer = {
  id: 'urlscan',
  name: 'urlscan.io',
  kind: 'external',
  namespace: 'urlscan',
  accepts: ['url', 'domain', 'ip', 'sha256', 'file'],
  defaultBaseUrl: 'https://urlscan.io/api/v1',
  rateLimits: [{ requests: 60, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_URLSCAN_KEY'],
  authHeaders: (key) => ({ 'api-key': key }),
  async lookup(observable, call) {
    const search = await call({ method: 'GET', path: '/search/', query: { q: urlscanQuery(observable), size: '10' } });
    const found = shape(searchSchema, search.body, 'urlscan.io').results;
    if (found.length === 0) {
      return { status: 'not_found', taxonomies: [tax('info', 'urlscan', 'Scans', 0)], summary: 'no scans', full: search.body };
    }
    const newest = found[0]!.task;
    const result = await call({ method: 'GET', path: `/result/${encodeURIComponent(newest.uuid)}/`, allow404: true });
    if (result.status === 404) {
      return {
        status: 'ok',
        taxonomies: [tax('info', 'urlscan', 'Scans', found.length)],
        summary: `${found.length} scans; the newest (${newest.uuid}) has no result yet`,
        full: { search: search.body },
      };
    }
    const report = interpret(observable, result.body);
    return { ...report, summary: `${report.summary ?? ''} (newest of ${found.length} scans, ${newest.time ?? newest.uuid})`, full: { search: search.body, result: result.body } };
  },
  interpret,
};
