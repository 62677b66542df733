// ANY.RUN Threat Intelligence lookup (POST /intelligence/api/search): threatLevel 0/1/2 of what its sandbox has seen.
import { z } from 'zod';
import { ProviderFailure, shape, tax, type AnalyzerReport, type ExternalAnalyzer } from '../analyzer.ts';
import type { Level, Observable } from '../types.ts';

const summarySchema = z.looseObject({
  threatLevel: z.number().nullable().optional(),
  lastSeen: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  detectedType: z.string().nullable().optional(),
});

const answerSchema = z.looseObject({
  summary: summarySchema.nullable().optional(),
  threatLevel: z.number().nullable().optional(),
  sourceTasks: z.array(z.looseObject({ related: z.string().optional(), uuid: z.string().optional() })).nullable().optional(),
}).refine((a) => a.summary !== undefined || a.threatLevel !== undefined || a.sourceTasks !== undefined, 'no summary, threatLevel or sourceTasks');

const LEVEL_TEXT = ['No threats detected', 'Suspicious activity', 'Malicious activity'] as const;

/** Analysis scores: 100 → malicious, 51–99 → suspicious, else safe. */
export function anyrunScoreLevel(score: number): Level {
  if (score >= 100) return 'malicious';
  if (score > 50) return 'suspicious';
  return 'safe';
}

/** TI threat levels: 2 → malicious, 1 → suspicious, 0 → safe. */
export function anyrunThreatLevel(level: number): Level {
  return level >= 2 ? 'malicious' : level === 1 ? 'suspicious' : 'safe';
}

/** The TI lookup query for an observable, e.g. `destinationIP:"51.195.68.163"`. */
export function anyrunQuery(observable: Observable): string {
  const field = { ip: 'destinationIP', domain: 'domainName', url: 'url', md5: 'md5', sha1: 'sha1', sha256: 'sha256', file: 'sha256' } as const;
  if (observable.type === 'email') throw new ProviderFailure('unsupported', 'ANY.RUN TI does not look up e-mail addresses');
  return `${field[observable.type]}:"${observable.value.replace(/["\\]/g, '\\$&')}"`;
}

function interpret(_observable: Observable, body: unknown): AnalyzerReport {
  const answer = shape(answerSchema, body, 'ANY.RUN');
  const level = answer.summary?.threatLevel ?? answer.threatLevel;
  const tasks = answer.sourceTasks?.length ?? 0;
  if (level == null && tasks === 0) {
    return { status: 'not_found', taxonomies: [tax('info', 'ANYRUN', 'ThreatLevel', 'not seen')], summary: 'not seen in ANY.RUN tasks', full: body };
  }
  const n = Math.max(0, Math.min(2, level ?? 0));
  const text = LEVEL_TEXT[n] ?? LEVEL_TEXT[0];
  const tags = answer.summary?.tags ?? [];
  return {
    status: 'ok',
    taxonomies: [tax(anyrunThreatLevel(n), 'ANYRUN', 'ThreatLevel', text)],
    summary: `${text}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}${tasks > 0 ? `, ${tasks} task${tasks === 1 ? '' : 's'}` : ''}`,
    full: body,
  };
}

export const anyRun: ExternalAnalyzer = {
  id: 'anyrun',
  name: 'ANY.RUN',
  kind: 'external',
  namespace: 'ANYRUN',
  accepts: ['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'file'],
  defaultBaseUrl: 'https://api.any.run/v1',
  rateLimits: [{ requests: 10, intervalMs: 60_000 }],
  keyEnv: ['WATCHFLOOR_ANYRUN_KEY'],
  authHeaders: (key) => ({ authorization: `API-Key ${key}` }),
  async lookup(observable, call) {
    const res = await call({ method: 'POST', path: '/intelligence/api/search', json: { query: anyrunQuery(observable) } });
    return interpret(observable, res.body);
  },
  interpret,
};
