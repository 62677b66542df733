// The query language's syntax tree and its limits, shared by the parser and the compilers.

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 8_192;
/** Deepest nesting of parentheses and negations accepted. */
export const MAX_DEPTH = 32;
/** Most field and text terms one query may hold (each becomes at least one SQL predicate). */
export const MAX_TERMS = 256;

/** A piece of a value: literal text, or a `*` (any run of characters) / `?` (one character) wildcard. */
export type ValuePart = { text: string } | { wildcard: '*' | '?' };

/** One end of a range: the bound as written (unescaped) and whether it is included. */
export interface RangeBound {
  value: string;
  inclusive: boolean;
}

/** `field` is always the canonical (ECS) name; `position` is where the term starts in the query. */
export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'match'; field: string; parts: ValuePart[]; position: number }
  | { kind: 'exists'; field: string; position: number }
  | { kind: 'range'; field: string; low?: RangeBound; high?: RangeBound; position: number }
  | { kind: 'cidr'; field: string; cidr: string; position: number }
  | { kind: 'text'; parts: ValuePart[]; position: number };

export function hasWildcard(parts: readonly ValuePart[]): boolean {
  return parts.some((p) => 'wildcard' in p);
}

/** The value's literal text (wildcards dropped). */
export function literalText(parts: readonly ValuePart[]): string {
  return parts.map((p) => ('text' in p ? p.text : '')).join('');
}
