// Compiles a parsed query into one SQL boolean expression over the events table (indexes first, scans only where unavoidable).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { cidrKeyRange, ipKey } from '../store/ip-key.ts';
import { QuerySyntaxError } from './errors.ts';
import { fieldTarget, type FieldTarget } from './field-targets.ts';
import { hasWildcard, literalText, type QueryNode, type RangeBound, type ValuePart } from './query-ast.ts';
import { parseQuery } from './query-parser.ts';
import {
  asciiLower,
  column,
  freeTextMatch,
  hasTokens,
  indexedNocaseEquals,
  jsonAny,
  jsonPresent,
  likeMatch,
  likePattern,
  nocaseEquals,
  urlTrigramCandidates,
} from './sqlite-dialect.ts';
import type { TrigramCounts } from './url-trigrams.ts';

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = sql<SqlBool>`1 = 1`;
const NO_COUNTS: TrigramCounts = new Map();

/** Parses and compiles a query string. Throws QuerySyntaxError. */
export function compileQueryString(query: string, counts?: TrigramCounts): Expression<SqlBool> {
  return compileQuery(parseQuery(query), counts);
}

/**
 * The SQL condition a query tree stands for; it references the `events` table by name. `counts` (trigram frequency
 * estimates, see url-trigrams.ts) lets URL patterns look up only their rarest trigrams. Throws QuerySyntaxError.
 */
export function compileQuery(node: QueryNode, counts: TrigramCounts = NO_COUNTS): RawBuilder<SqlBool> {
  const compileChild = (child: QueryNode): RawBuilder<SqlBool> => compileQuery(child, counts);
  switch (node.kind) {
    case 'all':
      return TRUE;
    case 'and':
      return sql<SqlBool>`(${sql.join(node.children.map(compileChild), sql` AND `)})`;
    case 'or':
      return sql<SqlBool>`(${sql.join(node.children.map(compileChild), sql` OR `)})`;
    case 'not':
      // IS NOT TRUE, not NOT: an event without the field is one that does not match (NOT of NULL would drop it).
      return sql<SqlBool>`((${compileChild(node.child)}) IS NOT TRUE)`;
    case 'text':
      return compileText(node.parts);
    case 'exists':
      return compileExists(fieldTarget(node.field));
    case 'cidr':
      return compileCidr(node.field, node.cidr, node.position);
    case 'range':
      return compileRange(node.field, node.low, node.high, node.position);
    case 'match':
      return hasWildcard(node.parts)
        ? compileWildcard(node.field, node.parts, node.position, counts)
        : compileEquals(node.field, literalText(node.parts), node.position, counts);
  }
}

function compileText(parts: ValuePart[]): RawBuilder<SqlBool> {
  const text = literalText(parts);
  const prefix = isPrefixPattern(parts);
  if (hasTokens(text) && (prefix || !hasWildcard(parts))) return freeTextMatch(text, prefix);
  // No word characters (`^`, `->`) or a wildcard inside a word: a substring match over the raw line (a scan).
  return likeMatch(column('raw'), likePattern(parts, false));
}

/** `word*`: literal text with one trailing `*`, which the full-text index answers as a prefix query. */
function isPrefixPattern(parts: ValuePart[]): boolean {
  const last = parts[parts.length - 1];
  return parts.length > 1 && last !== undefined && 'wildcard' in last && last.wildcard === '*' && !hasWildcard(parts.slice(0, -1));
}

function compileExists(target: FieldTarget): RawBuilder<SqlBool> {
  if (target.kind === 'json') return jsonPresent(target.field);
  if (target.kind === 'time') return TRUE;
  return sql<SqlBool>`${column(target.column)} IS NOT NULL`;
}

function compileCidr(field: string, cidr: string, position: number): RawBuilder<SqlBool> {
  const target = fieldTarget(field);
  if (target.kind !== 'ip') {
    throw new QuerySyntaxError(`CIDR blocks only apply to address fields (source.ip, destination.ip), not ${field}`, position);
  }
  let range: { low: string; high: string };
  try {
    range = cidrKeyRange(cidr);
  } catch {
    throw new QuerySyntaxError(`not a CIDR block: ${cidr}`, position);
  }
  const key = column(target.keyColumn);
  return sql<SqlBool>`(${key} >= ${range.low} AND ${key} <= ${range.high})`;
}

function compileEquals(field: string, value: string, position: number, counts: TrigramCounts): RawBuilder<SqlBool> {
  const target = fieldTarget(field);
  switch (target.kind) {
    case 'time':
      return sql<SqlBool>`${column('ts')} = ${timeValue(value, field, position)}`;
    case 'number':
      return sql<SqlBool>`${column(target.column)} = ${numberValue(value, field, position)}`;
    case 'ip': {
      const key = ipKey(value);
      return key === null ? nocaseEquals(column(target.column), value) : sql<SqlBool>`${column(target.keyColumn)} = ${key}`;
    }
    case 'text':
      return target.indexed ? indexedNocaseEquals(target.column, value) : nocaseEquals(column(target.column), value);
    case 'domain':
      return sql<SqlBool>`${column(target.column)} = ${asciiLower(value)}`;
    case 'url': {
      const exact = nocaseEquals(column(target.column), value);
      const candidates = urlTrigramCandidates([{ text: value }], counts);
      return candidates ? sql<SqlBool>`(${candidates} AND ${exact})` : exact;
    }
    case 'json': {
      const n = NUMBER.test(value) ? Number(value) : undefined;
      const lower = value.toLowerCase();
      return jsonAny(target.field, (v, kind) => {
        const asText = sql<SqlBool>`(${kind('text')} AND ${nocaseEquals(v, value)})`;
        if (lower === 'true' || lower === 'false') return sql<SqlBool>`(${kind(lower)} OR ${asText})`;
        return n === undefined ? asText : sql<SqlBool>`((${kind('number')} AND ${v} = ${n}) OR ${asText})`;
      });
    }
  }
}

function compileWildcard(field: string, parts: ValuePart[], position: number, counts: TrigramCounts): RawBuilder<SqlBool> {
  const target = fieldTarget(field);
  const pattern = likePattern(parts);
  switch (target.kind) {
    case 'time':
      throw new QuerySyntaxError('wildcards do not apply to @timestamp (use a range)', position);
    case 'number':
    case 'ip':
    case 'text':
    case 'domain':
      return likeMatch(column(target.column), pattern);
    case 'url': {
      const exact = likeMatch(column(target.column), pattern);
      const candidates = urlTrigramCandidates(parts, counts);
      return candidates ? sql<SqlBool>`(${candidates} AND ${exact})` : exact;
    }
    case 'json':
      return jsonAny(target.field, (v, kind) => sql<SqlBool>`(${kind('text')} OR ${kind('number')}) AND ${likeMatch(v, pattern)}`);
  }
}

function compileRange(field: string, low: RangeBound | undefined, high: RangeBound | undefined, position: number): RawBuilder<SqlBool> {
  const target = fieldTarget(field);
  const bounds = (expr: RawBuilder<unknown>, convert: (s: string) => unknown): RawBuilder<SqlBool> => {
    const conditions: RawBuilder<SqlBool>[] = [sql<SqlBool>`${expr} IS NOT NULL`];
    if (low) conditions.push(sql<SqlBool>`${expr} ${sql.raw(low.inclusive ? '>=' : '>')} ${convert(low.value)}`);
    if (high) conditions.push(sql<SqlBool>`${expr} ${sql.raw(high.inclusive ? '<=' : '<')} ${convert(high.value)}`);
    return sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
  };
  switch (target.kind) {
    case 'time':
      return bounds(column('ts'), (s) => timeValue(s, field, position));
    case 'number':
      return bounds(column(target.column), (s) => numberValue(s, field, position));
    case 'ip':
      return bounds(column(target.keyColumn), (s) => {
        const key = ipKey(s);
        if (key === null) throw new QuerySyntaxError(`${field} range bounds must be addresses, got '${s}'`, position);
        return key;
      });
    case 'url':
    case 'text':
    case 'domain':
      return bounds(column(target.column), (s) => s);
    case 'json': {
      const numeric = [low, high].every((b) => b === undefined || NUMBER.test(b.value));
      return jsonAny(target.field, (v, kind) =>
        sql<SqlBool>`${kind(numeric ? 'number' : 'text')} AND ${bounds(v, (s) => (numeric ? Number(s) : s))}`,
      );
    }
  }
}

function numberValue(value: string, field: string, position: number): number {
  if (!NUMBER.test(value)) throw new QuerySyntaxError(`${field} holds numbers, not '${value}'`, position);
  return Number(value);
}

/** Epoch milliseconds from digits (epoch ms) or an ISO-8601 date/time. */
function timeValue(value: string, field: string, position: number): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new QuerySyntaxError(`${field} needs an ISO-8601 time or epoch milliseconds, not '${value}'`, position);
  return ms;
}
