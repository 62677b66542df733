// Shared shapes of the intel module: observables, taxonomies, per-provider statuses and results.

/** What a lookup can be about. `file` is a sample known by its sha256 (lookups never upload it). */
export type ObservableType = 'ip' | 'domain' | 'url' | 'md5' | 'sha1' | 'sha256' | 'email' | 'file';

export const OBSERVABLE_TYPES: readonly ObservableType[] = ['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'email', 'file'];

export interface Observable {
  type: ObservableType;
  /** Normalised (refanged, lower-cased where case does not matter). */
  value: string;
  /** For files: the name it was seen under. */
  fileName?: string;
}

export type Level = 'info' | 'safe' | 'suspicious' | 'malicious';

/** Cortex's convention: one line of a verdict, e.g. {malicious, VT, GetReport, "1 / 90"}. */
export interface Taxonomy {
  level: Level;
  namespace: string;
  predicate: string;
  value: string;
}

export interface Artifact {
  type: ObservableType;
  value: string;
}

/**
 * Every outcome of a provider, as data (never an exception):
 * - ok / not_found: the service answered (not_found: it knows nothing of the observable);
 * - unauthorized (401/403), rate_limited (429 after the retry budget, or the local quota), server_error (5xx),
 *   bad_request (another 4xx), timeout, malformed (unparsable or off-contract body), too_large (body over the cap),
 *   network_error (connection failed), refused (TLP/PAP gate or address policy), disabled (no key / turned off),
 *   unsupported (the provider does not take this observable), error (a bug: the message says what).
 */
export type LookupStatus =
  | 'ok'
  | 'not_found'
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'bad_request'
  | 'timeout'
  | 'malformed'
  | 'too_large'
  | 'network_error'
  | 'refused'
  | 'disabled'
  | 'unsupported'
  | 'error';

export type ProviderKind = 'external' | 'local';

/** Where a result came from: the service itself, the intel_cache table, or a scenario pack's snapshot. */
export type ResultOrigin = 'live' | 'cache' | 'snapshot' | 'local' | 'none';

export interface ProviderResult {
  provider: string;
  name: string;
  kind: ProviderKind;
  observable: Observable;
  status: LookupStatus;
  /** Human explanation of the status (never contains a key). */
  message?: string;
  /** The worst level among the taxonomies, or null when there are none. */
  verdict: Level | null;
  taxonomies: Taxonomy[];
  /** One line for a table, e.g. "1 / 90 engines". */
  summary?: string;
  /** The service's full response (for ok / not_found). */
  full?: unknown;
  artifacts: Artifact[];
  fromCache: boolean;
  origin: ResultOrigin;
  /** ISO time the service answered (for cached and snapshot results: when it originally answered). */
  fetchedAt: string | null;
  httpStatus?: number;
  retryAfterSeconds?: number;
  durationMs: number;
}

const LEVEL_RANK: Record<Level, number> = { info: 0, safe: 1, suspicious: 2, malicious: 3 };

/** The most severe level (malicious > suspicious > safe > info), or null for none. */
export function worstLevel(levels: Iterable<Level>): Level | null {
  let worst: Level | null = null;
  for (const level of levels) if (worst === null || LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
  return worst;
}
