// The SQLite-specific SQL of search (NOCASE equality, LIKE, JSON functions, FTS5 MATCH), kept here so a PostgreSQL twin can replace it.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { words } from '../store/sqlite/text-tokens.ts';
import type { ValuePart } from './query-ast.ts';
import { drivingTrigrams, ftsString, type TrigramCounts } from './url-trigrams.ts';

/** Letters whose case variants are enumerated for a case-insensitive equality on an index (2^6 = 64 variants at most). */
const INDEXED_CASE_LETTERS = 6;
const ASCII_LETTER = /[A-Za-z]/;
/** What the unicode61 tokenizer keeps as word characters (letters, numbers, private use). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

export function column(name: string): RawBuilder<unknown> {
  return sql.ref(`events.${name}`);
}
/** ASCII-only case mapping: the same folding SQLite's NOCASE and LIKE use. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function asciiUpper(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** Case-insensitive (ASCII) equality; on an unindexed expression this is a scan anyway. */
export function nocaseEquals(expr: RawBuilder<unknown>, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expr} = ${value} COLLATE NOCASE`;
}

/**
 * Case-insensitive equality that still uses a BINARY index on `name`. A value with up to 6 ASCII letters becomes an IN
 * list of all its case variants (exact index lookups). A longer one fixes its first 6 letters in every case (64 narrow
 * index ranges: every case variant lies, in BINARY order, between the all-upper and all-lower forms of the rest) and
 * confirms each candidate with NOCASE equality, in a subquery of its own so the ranges are planned on their merits.
 */
export function indexedNocaseEquals(name: string, value: string): RawBuilder<SqlBool> {
  const letters = [...value].filter((c) => ASCII_LETTER.test(c)).length;
  if (letters <= INDEXED_CASE_LETTERS) {
    const variants = caseVariants(value);
    return variants.length === 1 ? sql<SqlBool>`${column(name)} = ${value}` : sql<SqlBool>`${column(name)} IN (${sql.join(variants)})`;
  }
  let split = 0;
  for (let seen = 0; split < value.length && !(ASCII_LETTER.test(value[split]!) && seen === INDEXED_CASE_LETTERS); split++) {
    if (ASCII_LETTER.test(value[split]!)) seen++;
  }
  const ref = sql.ref(`e.${name}`);
  const rest = value.slice(split);
  const ranges = caseVariants(value.slice(0, split)).map(
    (prefix) => sql<SqlBool>`(${ref} >= ${prefix + asciiUpper(rest)} AND ${ref} <= ${prefix + asciiLower(rest)})`,
  );
  return sql<SqlBool>`${column('id')} IN (SELECT rowid FROM events AS e WHERE (${sql.join(ranges, sql` OR `)}) AND ${ref} = ${value} COLLATE NOCASE)`;
}

function caseVariants(s: string): string[] {
  let out = [''];
  for (const c of s) {
    const lower = asciiLower(c);
    const upper = asciiUpper(c);
    out = lower === upper ? out.map((p) => p + c) : out.flatMap((p) => [p + upper, p + lower]);
  }
  return out;
}

/** A LIKE pattern (escape character `\`) for a wildcard value; `anchored` false adds `%` at both ends. */
export function likePattern(parts: readonly ValuePart[], anchored = true): string {
  const body = parts.map((p) => ('text' in p ? p.text.replace(/[\\%_]/g, (c) => `\\${c}`) : p.wildcard === '*' ? '%' : '_')).join('');
  return anchored ? body : `%${body}%`;
}

/** Case-insensitive (ASCII) wildcard match. */
export function likeMatch(expr: RawBuilder<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expr} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * Candidate rows for a URL pattern from the trigram index, or undefined when no literal run has the 3 characters a
 * trigram needs. With frequency estimates (`counts`) only the rarest trigrams are intersected (a superset of the
 * matches); without, the index's own LIKE intersects them all, and since it takes no ESCAPE clause literal `%` and `_`
 * become `_` (a superset too). Callers confirm each candidate with an exact match on the column.
 */
export function urlTrigramCandidates(parts: readonly ValuePart[], counts: TrigramCounts): RawBuilder<SqlBool> | undefined {
  if (!parts.some((p) => 'text' in p && p.text.length >= 3)) return undefined;
  const driving = drivingTrigrams(parts, counts);
  if (driving) {
    const query = driving.map(ftsString).join(' AND ');
    return sql<SqlBool>`${column('id')} IN (SELECT rowid FROM events_url WHERE events_url MATCH ${query})`;
  }
  const pattern = parts.map((p) => ('text' in p ? p.text.replace(/[%_]/g, '_') : p.wildcard === '*' ? '%' : '_')).join('');
  return sql<SqlBool>`${column('id')} IN (SELECT rowid FROM events_url WHERE url_original LIKE ${pattern})`;
}

/** True when the text holds at least one word character, i.e. the full-text index can look it up. */
export function hasTokens(text: string): boolean {
  return TOKEN_CHAR.test(text);
}

/**
 * Rows whose raw line contains the words of `text` in order (a phrase), optionally the last one as a prefix. The word
 * index (no positions) finds the rows holding every word, each passed as a quoted FTS5 string so nothing the user typed
 * is FTS5 syntax; `wf_phrase` (registered by the SQLite store) then keeps those where the words are adjacent, in order.
 */
export function freeTextMatch(text: string, prefix: boolean): RawBuilder<SqlBool> {
  const phrase = words(text);
  const query = phrase.map((w, i) => `"${w.replace(/"/g, '""')}"${prefix && i === phrase.length - 1 ? ' *' : ''}`).join(' ');
  const candidates = sql<SqlBool>`${column('id')} IN (SELECT rowid FROM events_text WHERE events_text MATCH ${query})`;
  if (phrase.length === 1) return candidates;
  return sql<SqlBool>`(${candidates} AND wf_phrase(${column('raw')}, ${JSON.stringify(phrase)}, ${prefix ? 1 : 0}) = 1)`;
}

function jsonPath(field: string): string {
  return `$."${field.replace(/["\\]/g, '')}"`;
}

/** True when the JSON rest of the event has the field (any value, null included). */
export function jsonPresent(field: string, fieldsColumn: RawBuilder<unknown> = column('fields')): RawBuilder<SqlBool> {
  return sql<SqlBool>`json_type(${fieldsColumn}, ${jsonPath(field)}) IS NOT NULL`;
}

export type JsonValueKind = 'text' | 'number' | 'true' | 'false';

/**
 * True when the field's value (or, for a multi-valued field, any element) satisfies the predicate. The predicate gets
 * the value and its kind (`text`, `number`, `true`, `false`).
 */
export function jsonAny(
  field: string,
  predicate: (value: RawBuilder<unknown>, kind: (k: JsonValueKind) => RawBuilder<SqlBool>) => RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  const value = sql.ref('j.value');
  const kind = (k: JsonValueKind): RawBuilder<SqlBool> =>
    k === 'number' ? sql<SqlBool>`j.type IN ('integer', 'real')` : sql<SqlBool>`j.type = ${k}`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${column('fields')}, ${jsonPath(field)}) AS j WHERE ${predicate(value, kind)})`;
}

/** A table expression of one row per top-level key of a JSON object column, column `key`. */
export function jsonKeys(fieldsColumn: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`json_each(${fieldsColumn})`;
}
