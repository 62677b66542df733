// The analyzer framework: what a service module declares, the request helper that applies base URL, key, queue and
// Retry-After, and the runner that turns every outcome into a per-provider status.
import type { z } from 'zod';
import type { Clock } from './clock.ts';
import type { HttpClient } from './http-client.ts';
import type { RateLimit, RateLimitQueue } from './rate-queue.ts';
import { scrub, type Secret } from './secret.ts';
import type { Artifact, LookupStatus, Observable, ObservableType, Taxonomy } from './types.ts';

export interface ServiceRequest {
  method: 'GET' | 'POST';
  /** Appended to the service's base URL. */
  path: string;
  /** Query parameters; an empty string value is sent as a bare flag (`&verbose`). */
  query?: Readonly<Record<string, string>>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Readonly<Record<string, string>>;
  /** Sent as application/json. */
  json?: unknown;
  /** A 404 is an answer to interpret (e.g. "not finished yet"), not "not found". */
  allow404?: boolean;
}

export interface ServiceResponse {
  status: number;
  body: unknown;
}

export type ServiceCall = (req: ServiceRequest) => Promise<ServiceResponse>;

export interface AnalyzerReport {
  status: 'ok' | 'not_found';
  taxonomies: Taxonomy[];
  summary?: string;
  message?: string;
  full: unknown;
  artifacts?: Artifact[];
}

/** An outcome that is not a report; thrown inside analyzers, caught by the runner, returned as a status. */
export class ProviderFailure extends Error {
  constructor(
    readonly status: Exclude<LookupStatus, 'ok'>,
    message: string,
    readonly extra: { httpStatus?: number; retryAfterSeconds?: number; full?: unknown } = {},
  ) {
    super(message);
  }
}

export interface ExternalAnalyzer {
  id: string;
  name: string;
  kind: 'external';
  accepts: readonly ObservableType[];
  defaultBaseUrl: string;
  rateLimits: readonly RateLimit[];
  /** Environment variables holding the key, first found wins. */
  keyEnv: readonly string[];
  /** Namespace of its taxonomies (e.g. "VT"). */
  namespace: string;
  authHeaders(key: string): Record<string, string>;
  /** Looks the observable up through `call`. Throws ProviderFailure for answers that are not reports. */
  lookup(observable: Observable, call: ServiceCall): Promise<AnalyzerReport>;
  /** Maps the body of the service's main lookup answer to a report (also used to replay scenario snapshots). */
  interpret(observable: Observable, body: unknown): AnalyzerReport;
}

/** Parses a response body against the documented shape; a mismatch is a `malformed` status naming the first problem. */
export function shape<T extends z.ZodType>(schema: T, body: unknown, service: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new ProviderFailure('malformed', `${service} answer does not match its documented shape (${where}: ${issue?.message ?? 'invalid'})`, { full: body });
}

/** A taxonomy line. */
export function tax(level: Taxonomy['level'], namespace: string, predicate: string, value: string | number): Taxonomy {
  return { level, namespace, predicate, value: String(value) };
}

export interface CallSettings {
  http: HttpClient;
  baseUrl: string;
  key: Secret;
  queue: RateLimitQueue;
  clock: Clock;
  /** Total time a lookup may spend waiting for Retry-After and its queue turn. Default 120 s. */
  waitBudgetMs?: number;
  /** Attempts per request when answered 429 (first try included). Default 3. */
  maxAttempts?: number;
}

function buildUrl(baseUrl: string, req: ServiceRequest): string {
  const base = baseUrl.replace(/\/+$/, '');
  const query = Object.entries(req.query ?? {})
    .map(([k, v]) => (v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
  return `${base}${req.path}${query === '' ? '' : `?${query}`}`;
}

/** A service asking for more than this is answered as if it had asked for this (a year: longer means "not today"). */
export const MAX_RETRY_AFTER_SECONDS = 365 * 86_400;

/** Seconds to wait from a Retry-After header (delta seconds or an HTTP date), at most MAX_RETRY_AFTER_SECONDS, or undefined. */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_SECONDS);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, Math.ceil((date - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/** The service's own words about an error, from the usual error shapes. */
function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const err = b.error;
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    return [e.code, e.message].filter((x) => typeof x === 'string').join(': ') || undefined;
  }
  if (Array.isArray(b.errors) && typeof b.errors[0] === 'object' && b.errors[0] !== null) {
    const detail = (b.errors[0] as Record<string, unknown>).detail;
    if (typeof detail === 'string') return detail;
  }
  for (const k of ['message', 'error', 'description', 'query_status']) if (typeof b[k] === 'string') return b[k];
  return undefined;
}

/** The request helper given to an analyzer: base URL, auth headers, the queue, Retry-After, and status mapping. */
export function makeServiceCall(analyzer: ExternalAnalyzer, s: CallSettings): ServiceCall {
  const budget = s.waitBudgetMs ?? 120_000;
  const maxAttempts = s.maxAttempts ?? 3;
  const started = s.clock.now();
  const remaining = (): number => budget - (s.clock.now() - started);
  return async (req) => {
    const headers: Record<string, string> = { ...analyzer.authHeaders(s.key.reveal()) };
    let body: string | undefined;
    if (req.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form as Record<string, string>).toString();
    } else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    const url = buildUrl(s.baseUrl, req);
    for (let attempt = 1; ; attempt++) {
      const admission = await s.queue.acquire(Math.max(0, remaining()));
      if (!admission.ok) {
        throw new ProviderFailure('rate_limited', `${analyzer.name} quota: next request allowed in ${Math.ceil(admission.waitMs / 1000)} s`, {
          retryAfterSeconds: Math.ceil(admission.waitMs / 1000),
        });
      }
      const outcome = await s.http.requestJson({ method: req.method, url, headers, body });
      if (outcome.kind === 'failure') throw new ProviderFailure(outcome.failure, outcome.message, { httpStatus: outcome.status });
      const { status } = outcome;
      const said = errorText(outcome.body);
      const detail = `HTTP ${status}${said === undefined ? '' : ` ${said}`}`;
      if (status >= 200 && status < 300) return { status, body: outcome.body };
      if (status === 404 && req.allow404 === true) return { status, body: outcome.body };
      if (status === 404) throw new ProviderFailure('not_found', `${analyzer.name} has no record (${detail})`, { httpStatus: status, full: outcome.body });
      if (status === 401 || status === 403) throw new ProviderFailure('unauthorized', `${analyzer.name} refused the key (${detail})`, { httpStatus: status });
      if (status === 429) {
        const retryAfter = parseRetryAfter(outcome.headers['retry-after'], s.clock.now());
        const waitMs = (retryAfter ?? 0) * 1000;
        if (retryAfter !== undefined && attempt < maxAttempts && waitMs <= remaining()) {
          await s.clock.sleep(waitMs);
          continue;
        }
        const why = retryAfter === undefined ? 'no Retry-After given' : attempt >= maxAttempts ? `still limited after ${attempt} attempts` : `Retry-After ${retryAfter} s exceeds the wait budget`;
        throw new ProviderFailure('rate_limited', `${analyzer.name} rate limit (${detail}; ${why})`, { httpStatus: status, retryAfterSeconds: retryAfter });
      }
      if (status >= 500) throw new ProviderFailure('server_error', `${analyzer.name} server error (${detail})`, { httpStatus: status });
      if (status >= 300 && status < 400) throw new ProviderFailure('bad_request', `${analyzer.name} answered with a redirect (${detail}); redirects are not followed`, { httpStatus: status });
      throw new ProviderFailure('bad_request', `${analyzer.name} rejected the request (${detail})`, { httpStatus: status });
    }
  };
}

export interface RunOutcome {
  status: LookupStatus;
  message?: string;
  taxonomies: Taxonomy[];
  summary?: string;
  full?: unknown;
  artifacts: Artifact[];
  httpStatus?: number;
  retryAfterSeconds?: number;
}

/** Runs an analyzer's lookup; whatever happens comes back as an outcome (never thrown), with the key scrubbed out. */
export async function runAnalyzer(analyzer: ExternalAnalyzer, observable: Observable, settings: CallSettings): Promise<RunOutcome> {
  let outcome: RunOutcome;
  try {
    const report = await analyzer.lookup(observable, makeServiceCall(analyzer, settings));
    outcome = { ...report, artifacts: report.artifacts ?? [] };
  } catch (err) {
    if (err instanceof ProviderFailure) {
      outcome = { status: err.status, message: err.message, taxonomies: [], artifacts: [], ...err.extra };
      if (err.status !== 'not_found' && err.status !== 'malformed') delete outcome.full;
    } else {
      outcome = { status: 'error', message: `${analyzer.name} analyzer failed: ${err instanceof Error ? err.message : String(err)}`, taxonomies: [], artifacts: [] };
    }
  }
  const text = JSON.stringify(outcome);
  const clean = scrub(text, [settings.key]);
  return clean === text ? outcome : (JSON.parse(clean) as RunOutcome);
}
