// URLhaus (abuse.ch): URL, host and payload queries; a hit is malicious, no_results is informational.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer, type ServiceRequest } from '../analyzer.ts';
import type { Artifact, Observable } from '../types.ts';

const payloadSchema = z.looseObject({
  filename: z.string().nullable().optional(),
  file_type: z.string().nullable().optional(),
  response_md5: z.string().nullable().optional(),
  response_sha256: z.string().nullable().optional(),
  signature: z.string().nullable().optional(),
});

const answerSchema = z.looseObject({
  query_status: z.string(),
  threat: z.string().nullable().optional(),
  url_status: z.string().nullable().optional(),
  url_count: z.union([z.number(), z.string()]).nullable().optional(),
  signature: z.string().nullable().optional(),
  file_type: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  payloads: z.array(payloadSchema).nullable().optional(),
  urls: z.array(z.looseObject({ url: z.string(), url_status: z.string().optional(), threat: z.string().nullable().optional() })).nullable().optional(),
});

/** url → /url/ (form url), domain or IP → /host/ (form host), md5/sha256 → /payload/ (form md5_hash or sha256_hash). */
export function urlhausRequest(observable: Observable): ServiceRequest {
  switch (observable.type) {
    case 'url':
      return { method: 'POST', path: '/url/', form: { url: observable.value } };
    case 'domain':
    case 'ip':
      return { method: 'POST', path: '/host/', form: { host: observable.value } };
    case 'md5':
      return { method: 'POST', path: '/payload/', form: { md5_hash: observable.value } };
    case 'sha256':
    case 'file':
      return { method: 'POST', path: '/payload/', form: { sha256_hash: observable.value } };
    default:
      throw new ProviderFailure('unsupported', `URLhaus does not look up ${observable.type} observables`);
  }
}

function interpret(observable: Observable, body: unknown): AnalyzerReport {
  const a = shape(answerSchema, body, 'URLhaus');
  if (a.query_status === 'no_results') {
    return { status: 'not_found', taxonomies: [tax('info', 'URLhaus', 'Listed', 'no')], summary: 'not listed', full: body };
  }
  if (a.query_status !== 'ok') throw new ProviderFailure('bad_request', `URLhaus: query_status ${a.query_status}`, { full: body });
  const artifacts: Artifact[] = [];
  for (const p of a.payloads ?? []) if (p.response_sha256) artifacts.push({ type: 'sha256', value: p.response_sha256.toLowerCase() });
  for (const u of a.urls ?? []) artifacts.push({ type: 'url', value: u.url });
  let value: string;
  if (observable.type === 'url') value = `${a.threat ?? 'listed'} (${a.url_status ?? 'status unknown'})`;
  else if (observable.type === 'domain' || observable.type === 'ip') value = `${a.url_count ?? a.urls?.length ?? 0} URLs`;
  else value = `${a.signature ?? a.file_type ?? 'payload'} (${a.url_count ?? 0} URLs)`;
  const tags = a.tags ?? [];
  return {
    status: 'ok',
    taxonomies: [tax('malicious', 'URLhaus', 'Threat', value)],
    summary: `listed: ${value}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`,
    full: body,
    artifacts,
  };
}

export const urlhaus: ExternalAnalyzer = {
  id: 'urlhaus',
  name: 'URLhaus',
  kind: 'external',
  namespace: 'URLhaus',
  accepts: ['url', 'domain', 'ip', 'md5', 'sha256', 'file'],
  defaultBaseUrl: 'https://urlhaus-api.abuse.ch/v1',
  rateLimits: [{ requests: 60, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_URLHAUS_KEY', 'WATCHFLOOR_ABUSECH_KEY'],
  authHeaders: (key) => ({ 'auth-key': key }),
  async lookup(observable, call) {
    const res = await call(urlhausRequest(observable));
    return interpret(observable, res.body);
  },
  interpret,
};
