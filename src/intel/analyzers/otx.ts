// AlienVault OTX: the "general" section of an indicator; informational, with the number of pulses that mention it.
import { z } from 'zod';
import { parse as parseDomain } from 'tldts';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Observable } from '../types.ts';

const answerSchema = z.looseObject({
  pulse_info: z.looseObject({
    count: z.number(),
    pulses: z.array(z.looseObject({ name: z.string().optional(), tags: z.array(z.string()).optional() })).optional(),
  }),
});

/** /indicators/{IPv4|IPv6|domain|hostname|url|file}/{value}/general; a URL keeps its slashes, its ? and # are escaped. */
export function otxPath(observable: Observable): string {
  let section: string;
  switch (observable.type) {
    case 'ip':
      section = observable.value.includes(':') ? 'IPv6' : 'IPv4';
      break;
    case 'domain':
      section = parseDomain(observable.value, { allowPrivateDomains: true }).domain === observable.value ? 'domain' : 'hostname';
      break;
    case 'url':
      section = 'url';
      break;
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'file':
      section = 'file';
      break;
    default:
      throw new ProviderFailure('unsupported', `OTX does not look up ${observable.type} observables`);
  }
  const value = encodeURIComponent(observable.value).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  return `/indicators/${section}/${value}/general`;
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const info = shape(answerSchema, body, 'OTX').pulse_info;
  const tags = [...new Set((info.pulses ?? []).flatMap((p) => p.tags ?? []))];
  const names = (info.pulses ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string');
  return {
    status: 'ok',
    taxonomies: [tax('info', 'OTX', 'Pulses', info.count)],
    summary: `${info.count} pulse${info.count === 1 ? '' : 's'}${names.length > 0 ? `: ${names.slice(0, 3).join('; ')}` : ''}${tags.length > 0 ? ` [${tags.slice(0, 8).join(', ')}]` : ''}`,
    full: body,
  };
}

export const otx: ExternalAnalyzer = {
  id: 'otx',
  name: 'AlienVault OTX',
  kind: 'external',
  namespace: 'OTX',
  accepts: ['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'file'],
  defaultBaseUrl: 'https://otx.alienvault.com/api/v1',
  rateLimits: [{ requests: 60, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_OTX_KEY'],
  authHeaders: (key) => ({ 'x-otx-api-key': key }),
  async lookup(observable, call) {
    const res = await call({ method: 'GET', path: otxPath(observable) });
    return interpret(observable, res.body);
  },
  interpret,
};
