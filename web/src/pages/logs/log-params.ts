// Log Management's state in the URL (mode, query, time range) so that every search is a deep link; query building helpers.
import type { LogQuery } from '../../hooks/use-logs.ts';

export type LogMode = 'basic' | 'query';

export const RANGES = [
  { value: 'all', label: 'All time', ms: 0 },
  { value: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: '1y', label: 'Last year', ms: 365 * 86_400_000 },
  { value: 'custom', label: 'Custom range', ms: 0 },
] as const;

export type RangeValue = (typeof RANGES)[number]['value'];

export function readMode(params: URLSearchParams): LogMode {
  return params.get('mode') === 'query' ? 'query' : 'basic';
}

export function readRange(params: URLSearchParams): RangeValue {
  const range = params.get('range');
  return RANGES.some((r) => r.value === range) ? (range as RangeValue) : params.get('from') || params.get('to') ? 'custom' : 'all';
}

/** The search the URL describes; relative ranges are anchored to the current minute so that the query key stays stable. */
export function readLogQuery(params: URLSearchParams): LogQuery {
  const q = params.get('q') ?? '';
  const range = readRange(params);
  if (range === 'custom') {
    const from = params.get('from') ?? undefined;
    const to = params.get('to') ?? undefined;
    return { q, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  const span = RANGES.find((r) => r.value === range)?.ms ?? 0;
  if (!span) return { q };
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  return { q, from: new Date(minute - span).toISOString() };
}

const NEEDS_QUOTES = /[\s"()\\:]/;

/** `field:value`, quoted when the value has spaces, quotes, parentheses or colons. */
export function term(field: string, value: string | number): string {
  const text = String(value);
  return NEEDS_QUOTES.test(text) && !/^[0-9a-f:.]+(\/\d+)?$/i.test(text) ? `${field}:"${text.replace(/["\\]/g, '\\$&')}"` : `${field}:${text}`;
}

/** Adds a clause to a query with AND (parenthesising an OR query). */
export function andClause(query: string, clause: string): string {
  const base = query.trim();
  if (!base) return clause;
  return /\bOR\b|\|\|/.test(base) ? `(${base}) AND ${clause}` : `${base} AND ${clause}`;
}

/** The event's log type: the `Type:` of a key-value raw line, else its dataset. */
export function eventType(raw: string, fields: Record<string, unknown>): string {
  const match = /(?:^|· )Type: ([^·]+?)(?: ·|$)/.exec(raw);
  if (match?.[1]) return match[1];
  const dataset = fields['event.dataset'];
  return typeof dataset === 'string' ? dataset : '—';
}
