// Plans URL substring lookups on the trigram index: only the rarest trigrams of a pattern drive the lookup.
//
// FTS5 answers `LIKE '%?id=4242&%'` by intersecting the posting lists of every trigram in the pattern; the common ones
// (`?id`, `id=` occur in half of all proxy URLs) cost millions of decoded entries while the rare ones (`424`) already
// narrow the rows to a few hundred. Each trigram's frequency is estimated from the first rows of its posting list
// (ascending row ids: the row id of the K-th hit tells the density), the rarest few are intersected, and the caller
// confirms every candidate with the exact pattern on the column.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { QueryNode, ValuePart } from './query-ast.ts';
import { fieldTarget } from './field-targets.ts';
import { asciiLower } from './sqlite-dialect.ts';

/** Posting entries read per trigram to estimate its frequency. */
const PROBE_ROWS = 256;
/** Trigrams probed per pattern (evenly spread over it) and per query: a bound on planning work for long patterns. */
const PROBED_PER_PATTERN = 16;
const PROBED_PER_QUERY = 64;
/** A further trigram joins the intersection only when it is at most this many times as frequent as the rarest. */
const DRIVER_SPREAD = 8;
/** At most this many trigrams are intersected. */
const MAX_DRIVERS = 3;

/** Estimated number of events holding each trigram (exact below PROBE_ROWS). */
export type TrigramCounts = ReadonlyMap<string, number>;

/** Where a trigram starts in a pattern: which literal run, at which code point. */
interface TrigramAt {
  run: number;
  start: number;
}

/**
 * The trigrams of a pattern's literal runs, each with where it occurs. Runs are split into code points (the tokenizer's
 * unit), so characters outside the BMP never become half a trigram. Only ASCII is folded here (to merge `ABC` and `abc`):
 * FTS5 folds the rest of a MATCH string itself, with its own tables, while JavaScript's lower-casing can expand a
 * character (`İ` → `i̇`) or fold one SQLite keeps, making trigrams the index never holds.
 */
function trigramPositions(parts: readonly ValuePart[]): Map<string, TrigramAt[]> {
  const out = new Map<string, TrigramAt[]>();
  parts.forEach((part, run) => {
    if (!('text' in part)) return;
    const chars = Array.from(asciiLower(part.text));
    for (let start = 0; start + 3 <= chars.length; start++) {
      const trigram = chars.slice(start, start + 3).join('');
      out.set(trigram, [...(out.get(trigram) ?? []), { run, start }]);
    }
  });
  return out;
}

/** The distinct trigrams of a pattern, in order of first occurrence. */
export function patternTrigrams(parts: readonly ValuePart[]): string[] {
  return [...trigramPositions(parts).keys()];
}

/** The URL patterns (field `url.original`) a query holds, wherever they sit in it. */
export function urlPatterns(node: QueryNode): ValuePart[][] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(urlPatterns);
    case 'not':
      return urlPatterns(node.child);
    case 'match':
      return fieldTarget(node.field).kind === 'url' ? [node.parts] : [];
    default:
      return [];
  }
}

/** The trigrams worth a frequency probe for a query's URL patterns, within the planning bounds. */
export function probeTrigrams(patterns: readonly (readonly ValuePart[])[]): string[] {
  const out = new Set<string>();
  for (const parts of patterns) {
    const all = patternTrigrams(parts);
    const step = Math.max(1, all.length / PROBED_PER_PATTERN);
    for (let i = 0; i < all.length && out.size < PROBED_PER_QUERY; i += step) out.add(all[Math.floor(i)]!);
  }
  return [...out];
}

/** A trigram as an FTS5 string: quoted, so no character of it is query syntax. */
export function ftsString(trigram: string): string {
  return `"${trigram.replace(/"/g, '""')}"`;
}

/**
 * Estimates already made, per store, for the events table as it was (its first and last id): a search, its histogram,
 * its field counts and every further page plan the same trigrams. The estimates only steer which trigrams drive a
 * lookup, never which rows match, so a stale one can cost time but not change a result.
 */
interface EstimateCache {
  first: number | null;
  last: number | null;
  counts: Map<string, number>;
}
const estimateCaches = new WeakMap<Kysely<Database>, EstimateCache>();
/** Trigrams remembered per store; the cache starts over when it is full. */
const ESTIMATES_KEPT = 4_096;

/** Estimates how many events hold each trigram, from at most PROBE_ROWS posting entries each, in one statement. */
export async function estimateTrigramCounts(db: Kysely<Database>, trigrams: readonly string[]): Promise<TrigramCounts> {
  if (trigrams.length === 0) return new Map();
  const bounds = await sql<{ first: number | null; last: number | null }>`
    SELECT (SELECT min(id) FROM events) AS first, (SELECT max(id) FROM events) AS last`.execute(db);
  const { first, last } = bounds.rows[0] ?? { first: null, last: null };
  let cache = estimateCaches.get(db);
  if (!cache || cache.first !== first || cache.last !== last || cache.counts.size + trigrams.length > ESTIMATES_KEPT) {
    cache = { first, last, counts: new Map() };
    estimateCaches.set(db, cache);
  }
  const counts = cache.counts;
  const missing = trigrams.filter((t) => !counts.has(t));
  if (missing.length > 0) {
    const span = first === null || last === null ? 1 : last - first + 1;
    const probes = missing.map(
      (trigram, k) => sql`SELECT ${k} AS k, count(*) AS n, min(rowid) AS first, max(rowid) AS last
        FROM (SELECT rowid FROM events_url WHERE events_url MATCH ${ftsString(trigram)} LIMIT ${PROBE_ROWS})`,
    );
    const { rows } = await sql<{ k: number; n: number; first: number | null; last: number | null }>`${sql.join(probes, sql` UNION ALL `)}`.execute(db);
    for (const row of rows) {
      const n = Number(row.n);
      const estimate = n < PROBE_ROWS || row.first == null || row.last == null ? n : Math.round((n * span) / (row.last - row.first + 1));
      counts.set(missing[row.k]!, estimate);
    }
  }
  return new Map(trigrams.map((t) => [t, counts.get(t) ?? 0]));
}

/**
 * The trigrams that drive the lookup: the rarest, and up to MAX_DRIVERS - 1 more that are nearly as rare, first those
 * that share no character with any already chosen (overlapping trigrams such as `250` and `50&` mostly occur together,
 * so they filter little). Each further posting list costs as many entries as it holds, but in digit-heavy URLs the
 * rarest two still leave hundreds of candidates to fetch and check, and a third or fourth cuts them to about the matches.
 * Undefined when the pattern has no trigram with an estimate (the caller then lets the index intersect them all).
 */
export function drivingTrigrams(parts: readonly ValuePart[], counts: TrigramCounts): string[] | undefined {
  const positions = trigramPositions(parts);
  const known = [...positions.keys()].filter((t) => counts.has(t)).sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
  const rarest = known[0];
  if (rarest === undefined) return undefined;
  const limit = Math.max(1, (counts.get(rarest) ?? 0) * DRIVER_SPREAD);
  const near = known.slice(1).filter((t) => (counts.get(t) ?? 0) <= limit);
  const overlaps = (a: string, b: string): boolean =>
    (positions.get(a) ?? []).some((p) => (positions.get(b) ?? []).some((q) => p.run === q.run && Math.abs(p.start - q.start) < 3));
  const chosen = [rarest];
  for (const t of near) if (chosen.length < MAX_DRIVERS && !chosen.some((c) => overlaps(t, c))) chosen.push(t);
  for (const t of near) if (chosen.length < MAX_DRIVERS && !chosen.includes(t)) chosen.push(t);
  return chosen;
}
