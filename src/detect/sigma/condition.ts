// The condition grammar on its own: a tokenizer and a precedence parser (not > and > or) with column-accurate errors.
import type { ConditionNode } from './ast.ts';
import { LIMITS } from './limits.ts';

/** A condition syntax error; `column` is 1-based within the condition text. */
export class ConditionSyntaxError extends Error {
  readonly column: number;
  constructor(column: number, message: string) {
    super(message);
    this.name = 'ConditionSyntaxError';
    this.column = column;
  }
}

type TokenKind = 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'of' | 'them' | 'all' | 'any' | 'number' | 'ident' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  column: number;
}

const KEYWORDS: Readonly<Record<string, TokenKind>> = {
  and: 'and',
  or: 'or',
  not: 'not',
  of: 'of',
  them: 'them',
  all: 'all',
  any: 'any',
};

const WORD = /[A-Za-z0-9_*.-]/;

/** Splits a condition into tokens. Aggregations (`|`) and anything outside the grammar are errors. */
export function tokenize(text: string): Token[] {
  if (text.length > LIMITS.maxConditionLength) {
    throw new ConditionSyntaxError(1, `condition is ${text.length} characters, over the ${LIMITS.maxConditionLength}-character limit`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'lparen', text: c, column });
      i++;
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', text: c, column });
      i++;
    } else if (c === '|') {
      throw new ConditionSyntaxError(column, "aggregation expressions ('|') are deprecated and not supported; use a correlation rule");
    } else if (WORD.test(c)) {
      let j = i;
      while (j < text.length && WORD.test(text[j] ?? '')) j++;
      const word = text.slice(i, j);
      const keyword = KEYWORDS[word.toLowerCase()];
      if (keyword !== undefined) tokens.push({ kind: keyword, text: word, column });
      else if (/^[0-9]+$/.test(word)) tokens.push({ kind: 'number', text: word, column });
      else tokens.push({ kind: 'ident', text: word, column });
      i = j;
    } else {
      throw new ConditionSyntaxError(column, `unexpected character '${c}'`);
    }
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}

/** Parses a condition into an AST. Identifiers are not resolved here (see `conditionIdentifiers`). */
export function parseCondition(text: string): ConditionNode {
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] ?? { kind: 'end', text: '', column: text.length + 1 };
  const next = (): Token => {
    const t = peek();
    pos++;
    return t;
  };
  const describe = (t: Token): string => (t.kind === 'end' ? 'end of condition' : `'${t.text}'`);
  const enter = (t: Token): void => {
    depth++;
    if (depth > LIMITS.maxConditionDepth) throw new ConditionSyntaxError(t.column, `nesting deeper than ${LIMITS.maxConditionDepth}`);
  };

  const parseOr = (): ConditionNode => {
    const operands = [parseAnd()];
    while (peek().kind === 'or') {
      next();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { type: 'or', operands };
  };
  const parseAnd = (): ConditionNode => {
    const operands = [parseNot()];
    while (peek().kind === 'and') {
      next();
      operands.push(parseNot());
    }
    return operands.length === 1 ? (operands[0] as ConditionNode) : { type: 'and', operands };
  };
  const parseNot = (): ConditionNode => {
    const t = peek();
    if (t.kind === 'not') {
      next();
      enter(t);
      const operand = parseNot();
      depth--;
      return { type: 'not', operand };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const t = next();
    switch (t.kind) {
      case 'lparen': {
        enter(t);
        const inner = parseOr();
        const close = next();
        if (close.kind !== 'rparen') throw new ConditionSyntaxError(close.column, `expected ')' to close '(' at column ${t.column}, found ${describe(close)}`);
        depth--;
        return inner;
      }
      case 'number':
      case 'all':
      case 'any': {
        const quantifier = t.kind === 'all' ? 'all' : t.kind === 'any' ? 1 : Number(t.text);
        if (quantifier === 0) throw new ConditionSyntaxError(t.column, "'0 of' is not a valid quantifier");
        const of = next();
        if (of.kind !== 'of') throw new ConditionSyntaxError(of.column, `expected 'of' after '${t.text}', found ${describe(of)}`);
        const target = next();
        if (target.kind === 'them') return { type: 'of', quantifier, pattern: null, column: t.column };
        if (target.kind === 'ident') return { type: 'of', quantifier, pattern: target.text, column: t.column };
        throw new ConditionSyntaxError(target.column, `expected a search identifier pattern or 'them' after 'of', found ${describe(target)}`);
      }
      case 'ident':
        if (t.text.includes('*')) throw new ConditionSyntaxError(t.column, `wildcard '${t.text}' is only allowed after '1 of' or 'all of'`);
        return { type: 'id', name: t.text, column: t.column };
      default:
        throw new ConditionSyntaxError(t.column, `expected a search identifier, 'not', '(' or 'x of', found ${describe(t)}`);
    }
  };

  const node = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') throw new ConditionSyntaxError(rest.column, `unexpected ${describe(rest)} after a complete expression`);
  return node;
}

/** Whether a search identifier matches an `x of` pattern (`*` = any run of characters). `them` (null) matches every name not starting with `_`. */
export function identifierMatches(pattern: string | null, name: string): boolean {
  if (pattern === null) return !name.startsWith('_');
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!name.startsWith(first) || !name.endsWith(last) || name.length < first.length + last.length) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > name.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}

/** Checks every identifier and pattern against the defined names; returns the first problem as [column, reason], or null. */
export function checkIdentifiers(node: ConditionNode, names: readonly string[]): [number, string] | null {
  switch (node.type) {
    case 'id':
      return names.includes(node.name) ? null : [node.column, `undefined search identifier '${node.name}'`];
    case 'of': {
      if (names.some((n) => identifierMatches(node.pattern, n))) return null;
      return [node.column, node.pattern === null ? "'them' matches no search identifier" : `pattern '${node.pattern}' matches no search identifier`];
    }
    case 'not':
      return checkIdentifiers(node.operand, names);
    case 'and':
    case 'or':
      for (const operand of node.operands) {
        const problem = checkIdentifiers(operand, names);
        if (problem !== null) return problem;
      }
      return null;
  }
}
