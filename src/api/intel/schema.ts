// Response shapes of the Threat Intel routes: the indicator list with counters, the providers, a lookup's results.
import { z } from 'zod';
import { INDICATOR_TYPES } from '../../intel/observable.ts';
import { OBSERVABLE_TYPES } from '../../intel/types.ts';

const observableType = z.enum(OBSERVABLE_TYPES);
const level = z.enum(['info', 'safe', 'suspicious', 'malicious']);
const tlp = z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']);
const pap = z.enum(['clear', 'green', 'amber', 'red']);
const count = z.number().int();

const indicatorSchema = z.object({
  id: z.number().int(),
  type: z.enum(INDICATOR_TYPES),
  value: z.string(),
  source: z.string(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  tlp: tlp.nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export const indicatorListSchema = z.object({
  counts: z.object({ url: count, domain: count, ip: count, md5: count, sha1: count, sha256: count, email: count, hash: count, total: count }),
  page: z.object({ items: z.array(indicatorSchema), total: count, nextCursor: z.string().nullable() }),
});

export const providerListSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['external', 'local']),
      accepts: z.array(observableType).readonly(),
      configured: z.boolean().describe('a key is present (environment or intel.json); the key itself is never returned'),
      enabled: z.boolean(),
      disabledReason: z.string().optional(),
      keyVariables: z.array(z.string()).readonly().describe('where the key may come from (names only)'),
      baseUrl: z.string().optional(),
      rateLimits: z.array(z.object({ requests: count, intervalMs: z.number() })).readonly(),
      maxTlp: tlp.optional(),
      maxPap: pap.optional(),
      snapshot: z.boolean().describe("answered from the scenario's snapshot instead of the service"),
    }),
  ),
});

const observableSchema = z.object({ type: observableType, value: z.string(), fileName: z.string().optional() });

const providerResultSchema = z.object({
  provider: z.string(),
  name: z.string(),
  kind: z.enum(['external', 'local']),
  observable: observableSchema,
  status: z.enum(['ok', 'not_found', 'unauthorized', 'rate_limited', 'server_error', 'bad_request', 'timeout', 'malformed', 'too_large', 'network_error', 'refused', 'disabled', 'unsupported', 'error']),
  message: z.string().optional(),
  verdict: level.nullable(),
  taxonomies: z.array(z.object({ level, namespace: z.string(), predicate: z.string(), value: z.string() })),
  summary: z.string().optional(),
  full: z.unknown().optional().describe("the service's full response (for ok and not_found), as it answered"),
  artifacts: z.array(z.object({ type: observableType, value: z.string() })),
  fromCache: z.boolean(),
  origin: z.enum(['live', 'cache', 'snapshot', 'local', 'none']),
  fetchedAt: z.string().nullable(),
  httpStatus: z.number().int().optional(),
  retryAfterSeconds: z.number().optional(),
  durationMs: z.number(),
});

export const lookupResultSchema = z.object({
  input: z.string(),
  observable: observableSchema.nullable(),
  error: z.string().optional(),
  marking: z.object({ tlp: tlp.optional(), pap: pap.optional() }),
  verdict: level.nullable(),
  results: z.array(providerResultSchema),
});
