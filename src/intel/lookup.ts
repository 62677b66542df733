// Lookups: detect and refang the observable, then ask the chosen providers in parallel — local table, cache, snapshot or service.
import type { EventStore } from '../store/store.ts';
import { classifyAddress } from './addresses.ts';
import { runAnalyzer, type AnalyzerReport, type ExternalAnalyzer, type RunOutcome } from './analyzer.ts';
import { EXTERNAL_ANALYZERS } from './analyzers/index.ts';
import { LOCAL_PROVIDER, localKeys, localReport } from './analyzers/local-indicators.ts';
import { cacheKey, readCached, writeCached, type CachedResult } from './cache.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadIntelConfig, type IntelConfig, type LoadIntelConfigOptions } from './config.ts';
import { createHttpClient, type AddressPolicy, type HttpClient } from './http-client.ts';
import { findIndicators } from './indicators.ts';
import { detectObservable } from './observable.ts';
import { RateLimitQueue } from './rate-queue.ts';
import { snapshotEntry, snapshotReport, type IntelSnapshot } from './snapshot.ts';
import { intelDb, type IntelDb } from './tables.ts';
import { gateReason, parsePap, parseTlp, stricterTlp, type Marking, type Pap, type Tlp } from './tlp.ts';
import { worstLevel, type Observable, type ObservableType, type ProviderResult, type ResultOrigin } from './types.ts';

/** One line per provider answer, for the operator's log: never a key, never a response body. */
export interface IntelLogEntry {
  provider: string;
  observableType: ObservableType;
  status: ProviderResult['status'];
  origin: ResultOrigin;
  durationMs: number;
  message?: string;
}

export interface IntelContext {
  readonly db: IntelDb;
  readonly store: Pick<EventStore, 'db'>;
  readonly config: IntelConfig;
  readonly http: HttpClient;
  readonly clock: Clock;
  /** When set (training), external services are answered from the scenario's snapshot and never contacted. */
  readonly snapshot?: IntelSnapshot;
  readonly log: (entry: IntelLogEntry) => void;
  readonly queues: Map<string, RateLimitQueue>;
  readonly inflight: Map<string, Promise<ProviderResult>>;
  close(): Promise<void>;
}

export interface CreateIntelContextOptions extends LoadIntelConfigOptions {
  store: Pick<EventStore, 'db'>;
  clock?: Clock;
  snapshot?: IntelSnapshot;
  log?: (entry: IntelLogEntry) => void;
  /** Extra address permissions (tests: `{allowLoopback: true}`); the allowed origins are always the configured base URLs. */
  policy?: Omit<AddressPolicy, 'allowedOrigins'>;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Use this client instead of building one (it is not closed by close()). */
  http?: HttpClient;
}

/** Everything lookups need, built once per process (or per test): settings, HTTP client, queues, store access. */
export function createIntelContext(options: CreateIntelContextOptions): IntelContext {
  const config = loadIntelConfig(options);
  const clock = options.clock ?? systemClock;
  const origins = [...config.providers.values()].map((p) => new URL(p.baseUrl).origin);
  const ownHttp = options.http === undefined;
  const http =
    options.http ??
    createHttpClient({
      policy: { allowedOrigins: origins, allowPrivate: config.allowPrivateAddresses, ...options.policy },
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? config.maxResponseBytes,
      userAgent: 'Watchfloor intel',
    });
  const queues = new Map<string, RateLimitQueue>();
  for (const p of config.providers.values()) queues.set(p.id, new RateLimitQueue(p.rateLimits, clock));
  return {
    db: intelDb(options.store),
    store: options.store,
    config,
    http,
    clock,
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    log: options.log ?? (() => undefined),
    queues,
    inflight: new Map(),
    close: () => (ownHttp ? http.close() : Promise.resolve()),
  };
}

export const PROVIDER_IDS: readonly string[] = [LOCAL_PROVIDER.id, ...EXTERNAL_ANALYZERS.map((a) => a.id)];

export interface LookupOptions {
  /** Provider ids (default: all). Unknown ids come back with status `error`. */
  providers?: readonly string[];
  /** The observable's marking: TLP:RED / PAP:RED never leave for external services. Accepts 'TLP:RED', 'red'… */
  tlp?: Tlp | string;
  pap?: Pap | string;
  /** Skip the cache read (the answer still refreshes it). */
  refresh?: boolean;
}

export interface LookupResult {
  input: string;
  /** Null when the input is not an observable (see error). */
  observable: Observable | null;
  error?: string;
  /** The marking applied: the caller's, made stricter by local indicators' TLP. */
  marking: Marking;
  /** The worst verdict over all providers. */
  verdict: ProviderResult['verdict'];
  results: ProviderResult[];
}

function fromReport(report: AnalyzerReport | RunOutcome): Omit<CachedResult, 'provider' | 'name' | 'kind' | 'observable' | 'fetchedAt'> {
  const out: Omit<CachedResult, 'provider' | 'name' | 'kind' | 'observable' | 'fetchedAt'> = {
    status: report.status,
    verdict: worstLevel(report.taxonomies.map((t) => t.level)),
    taxonomies: report.taxonomies,
    artifacts: report.artifacts ?? [],
  };
  for (const k of ['message', 'summary', 'full', 'httpStatus', 'retryAfterSeconds'] as const) {
    if ((report as RunOutcome)[k] !== undefined) (out as Record<string, unknown>)[k] = (report as RunOutcome)[k];
  }
  return out;
}

function finish(ctx: IntelContext, base: CachedResult, origin: ResultOrigin, started: number): ProviderResult {
  // Object.assign, not a spread: a cached result's `full` is parsed lazily, on first read.
  const result: ProviderResult = Object.assign(base, { fromCache: origin === 'cache', origin, durationMs: Math.round((performance.now() - started) * 100) / 100 });
  const entry: IntelLogEntry = { provider: result.provider, observableType: result.observable.type, status: result.status, origin, durationMs: result.durationMs };
  if (result.message !== undefined) entry.message = result.message;
  ctx.log(entry);
  return result;
}

async function lookupExternal(ctx: IntelContext, a: ExternalAnalyzer, observable: Observable, marking: Marking, cached: Map<string, CachedResult>): Promise<ProviderResult> {
  const started = performance.now();
  const head = { provider: a.id, name: a.name, kind: 'external' as const, observable };
  const status = (s: CachedResult['status'], message: string, origin: ResultOrigin = 'none'): ProviderResult =>
    finish(ctx, { ...head, status: s, message, verdict: null, taxonomies: [], artifacts: [], fetchedAt: null }, origin, started);
  if (!a.accepts.includes(observable.type)) return status('unsupported', `${a.name} does not look up ${observable.type} observables`);
  if (ctx.snapshot !== undefined) {
    const entry = snapshotEntry(ctx.snapshot, a.id, observable);
    if (entry === undefined) return finish(ctx, { ...head, status: 'not_found', message: `not in the scenario's intel snapshot (${ctx.snapshot.name})`, verdict: null, taxonomies: [], artifacts: [], fetchedAt: ctx.snapshot.capturedAt }, 'snapshot', started);
    try {
      return finish(ctx, { ...head, ...fromReport(snapshotReport(a.id, observable, entry)), fetchedAt: ctx.snapshot.capturedAt }, 'snapshot', started);
    } catch (err) {
      return status('malformed', `snapshot entry: ${err instanceof Error ? err.message : String(err)}`, 'snapshot');
    }
  }
  if (observable.type === 'ip' && classifyAddress(observable.value) !== 'public') {
    return status('unsupported', `${observable.value} is a ${classifyAddress(observable.value).replace('_', '-')} address: not sent to external services`);
  }
  const config = ctx.config.providers.get(a.id);
  if (config === undefined || !config.enabled || config.key === undefined) return status('disabled', config?.disabledReason ?? 'not configured');
  const refusal = gateReason(marking, config);
  if (refusal !== undefined) return status('refused', refusal);
  const hit = cached.get(a.id);
  if (hit !== undefined) return finish(ctx, hit, 'cache', started);
  const key = cacheKey(a.id, observable);
  let pending = ctx.inflight.get(key);
  if (pending === undefined) {
    pending = (async () => {
      const outcome = await runAnalyzer(a, observable, {
        http: ctx.http,
        baseUrl: config.baseUrl,
        key: config.key!,
        queue: ctx.queues.get(a.id)!,
        clock: ctx.clock,
        waitBudgetMs: ctx.config.waitBudgetMs,
      });
      const fetchedAt = ctx.clock.now();
      const base: CachedResult = { ...head, ...fromReport(outcome), fetchedAt: new Date(fetchedAt).toISOString() };
      if (outcome.status === 'ok' || outcome.status === 'not_found') {
        await writeCached(ctx.db, base, fetchedAt, outcome.status === 'ok' ? config.ttlMs : config.notFoundTtlMs);
      }
      return finish(ctx, base, 'live', started);
    })().finally(() => ctx.inflight.delete(key));
    ctx.inflight.set(key, pending);
  }
  return pending;
}

/**
 * Looks one value up. Detects its type (IPv4/IPv6, domain, URL, md5/sha1/sha256, e-mail) after refanging, then runs the
 * providers in parallel: local indicators, and each external service through its queue and the cache (or the snapshot).
 * Never throws for a provider's failure: each result carries its status.
 */
export async function lookupObservable(ctx: IntelContext, value: string, options: LookupOptions = {}): Promise<LookupResult> {
  const detected = detectObservable(value);
  const callerMarking: Marking = {};
  const tlp = typeof options.tlp === 'string' ? parseTlp(options.tlp) : undefined;
  const pap = typeof options.pap === 'string' ? parsePap(options.pap) : undefined;
  if (tlp !== undefined) callerMarking.tlp = tlp;
  if (pap !== undefined) callerMarking.pap = pap;
  if (!detected.ok) return { input: value, observable: null, error: detected.reason, marking: callerMarking, verdict: null, results: [] };
  const observable = detected.observable;
  return lookupDetected(ctx, value, observable, callerMarking, options);
}

async function lookupDetected(ctx: IntelContext, input: string, observable: Observable, callerMarking: Marking, options: LookupOptions): Promise<LookupResult> {
  const ids = options.providers ?? PROVIDER_IDS;
  const wantsExternal = ids.some((id) => id !== LOCAL_PROVIDER.id);
  const indicators = await findIndicators(ctx.store, localKeys(observable));
  // An indicator imported under TLP:RED keeps the value away from external services even if the caller did not mark it.
  let localTlp: Tlp | undefined;
  for (const i of indicators) if (i.value === observable.value) localTlp = stricterTlp(localTlp, i.tlp ?? undefined);
  const snapshotTlp = ctx.snapshot?.tlp.get(`${observable.type === 'file' ? 'sha256' : observable.type}\u0000${observable.value}`);
  const marking: Marking = { ...callerMarking };
  const strictest = stricterTlp(stricterTlp(callerMarking.tlp, localTlp), snapshotTlp);
  if (strictest !== undefined) marking.tlp = strictest;
  const cached = wantsExternal && options.refresh !== true && ctx.snapshot === undefined ? await readCached(ctx.db, observable, ctx.clock.now()) : new Map<string, CachedResult>();
  const results = await Promise.all(
    ids.map(async (id): Promise<ProviderResult> => {
      const started = performance.now();
      if (id === LOCAL_PROVIDER.id) {
        const report = localReport(observable, indicators);
        return finish(ctx, { provider: id, name: LOCAL_PROVIDER.name, kind: 'local', observable, ...fromReport(report), fetchedAt: new Date(ctx.clock.now()).toISOString() }, 'local', started);
      }
      const analyzer = EXTERNAL_ANALYZERS.find((a) => a.id === id);
      if (analyzer === undefined) {
        return finish(ctx, { provider: id, name: id, kind: 'external', observable, status: 'error', message: `unknown provider "${id}" (known: ${PROVIDER_IDS.join(', ')})`, verdict: null, taxonomies: [], artifacts: [], fetchedAt: null }, 'none', started);
      }
      try {
        return await lookupExternal(ctx, analyzer, observable, marking, cached);
      } catch (err) {
        const message = `${analyzer.name}: ${err instanceof Error ? err.message : String(err)}`;
        return finish(ctx, { provider: id, name: analyzer.name, kind: 'external', observable, status: 'error', message, verdict: null, taxonomies: [], artifacts: [], fetchedAt: null }, 'none', started);
      }
    }),
  );
  return { input, observable, marking, verdict: worstLevel(results.flatMap((r) => (r.verdict === null ? [] : [r.verdict]))), results };
}

/**
 * Looks up every value (e.g. all artifacts of a case). Values that normalise to the same observable are looked up once;
 * results come back in input order. At most `concurrency` observables are in flight (the per-service queues pace the rest).
 */
export async function enrichObservables(ctx: IntelContext, values: readonly string[], options: LookupOptions & { concurrency?: number } = {}): Promise<LookupResult[]> {
  const order: { key: string; input: string }[] = [];
  const work: { key: string; input: string }[] = [];
  for (const input of values) {
    const d = detectObservable(input);
    const key = d.ok ? `${d.observable.type}\u0000${d.observable.value}` : `invalid\u0000${input}`;
    order.push({ key, input });
    if (!work.some((w) => w.key === key)) work.push({ key, input });
  }
  const limit = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  const resolved = new Map<string, LookupResult>();
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const item = work[next++]!;
      resolved.set(item.key, await lookupObservable(ctx, item.input, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, work.length) }, worker));
  return order.map(({ key, input }) => ({ ...resolved.get(key)!, input }));
}
