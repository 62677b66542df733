// VirusTotal v3: files, URLs, domains and IP addresses; the verdict is "N / total engines" from last_analysis_stats.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';

const statsSchema = z.looseObject({
  harmless: z.number(),
  malicious: z.number(),
  suspicious: z.number(),
  undetected: z.number(),
  timeout: z.number().optional(),
  'type-unsupported': z.number().optional(),
  'confirmed-timeout': z.number().optional(),
  failure: z.number().optional(),
});

const engineSchema = z.looseObject({
  category: z.string(),
  engine_name: z.string().optional(),
  result: z.string().nullable().optional(),
  method: z.string().optional(),
});

const reportSchema = z.looseObject({
  data: z.looseObject({
    id: z.string(),
    type: z.string(),
    attributes: z.looseObject({
      last_analysis_stats: statsSchema,
      last_analysis_results: z.record(z.string(), engineSchema).optional(),
      last_analysis_date: z.number().optional(),
      reputation: z.number().optional(),
    }),
  }),
});

export type VtStats = z.infer<typeof statsSchema>;

/** Engines that gave a verdict: every category but type-unsupported (an engine that cannot scan this kind of object). */
export function vtEngineTotal(stats: VtStats): number {
  return (
    stats.harmless + stats.malicious + stats.suspicious + stats.undetected +
    (stats.timeout ?? 0) + (stats['confirmed-timeout'] ?? 0) + (stats.failure ?? 0)
  );
}

/** "N / total" as VirusTotal shows it, e.g. "1 / 90". */
export function vtDetectionRatio(stats: VtStats): string {
  return `${stats.malicious} / ${vtEngineTotal(stats)}`;
}

export function vtLevel(stats: Pick<VtStats, 'malicious' | 'suspicious'>): Level {
  if (stats.malicious > 0) return 'malicious';
  if (stats.suspicious > 0) return 'suspicious';
  return 'safe';
}

/** The object path of an observable: /files/{hash}, /urls/{unpadded base64url of the URL}, /domains/{d}, /ip_addresses/{ip}. */
export function vtPath(observable: Observable): string {
  switch (observable.type) {
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'file':
      return `/files/${observable.value}`;
    case 'url':
      return `/urls/${Buffer.from(observable.value).toString('base64url')}`;
    case 'domain':
      return `/domains/${encodeURIComponent(observable.value)}`;
    case 'ip':
      return `/ip_addresses/${encodeURIComponent(observable.value)}`;
    case 'email':
      throw new ProviderFailure('unsupported', 'VirusTotal does not look up e-mail addresses');
  }
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const report = shape(reportSchema, body, 'VirusTotal');
  const attrs = report.data.attributes;
  const stats = attrs.last_analysis_stats;
  const ratio = vtDetectionRatio(stats);
  const flagged = Object.values(attrs.last_analysis_results ?? {})
    .filter((e) => e.category === 'malicious' || e.category === 'suspicious')
    .map((e) => `${e.engine_name ?? '?'}: ${e.result ?? e.category}`);
  const when = attrs.last_analysis_date === undefined ? '' : `, analysed ${new Date(attrs.last_analysis_date * 1000).toISOString().slice(0, 10)}`;
  return {
    status: 'ok',
    taxonomies: [tax(vtLevel(stats), 'VT', 'GetReport', ratio)],
    summary: `${ratio} engines${flagged.length > 0 ? ` (${flagged.slice(0, 5).join('; ')})` : ''}${when}`,
    full: body,
  };
}

export const virusTotal: ExternalAnalyzer = {
  id: 'virustotal',
  name: 'VirusTotal',
  kind: 'external',
  namespace: 'VT',
  accepts: ['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'file'],
  defaultBaseUrl: 'https://www.virustotal.com/api/v3',
  // Public API key: 4 requests/min and 500/day.
  rateLimits: [
    { requests: 4, intervalMs: 60_000 },
    { requests: 500, intervalMs: 86_400_000 },
  ],
  keyEnv: ['WATCHFLOOR_VT_KEY'],
  authHeaders: (key) => ({ 'x-apikey': key }),
  async lookup(observable, call) {
    const res = await call({ method: 'GET', path: vtPath(observable) });
    return interpret(observable, res.body);
  },
  interpret,
};
