// Parses the Log Management query language (fields, phrases, wildcards, boolean logic, ranges, CIDR) into a QueryNode tree.
import { canonicalField } from '../events/event.ts';
import { QuerySyntaxError } from './errors.ts';
import { MAX_DEPTH, MAX_QUERY_LENGTH, MAX_TERMS, type QueryNode, type RangeBound, type ValuePart } from './query-ast.ts';

const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_.@-]*$/;
const CIDR = /^[0-9A-Fa-f:.]+\/\d{1,3}$/;
/** Characters that end a bare word (unless escaped). */
const WORD_END = /[\s()]/;
const OPERATOR_CHARS = /[=!<>]/;

/** Parses a query; an empty (or blank) query matches everything. Throws QuerySyntaxError. */
export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`query is too long (${query.length} characters, at most ${MAX_QUERY_LENGTH})`, MAX_QUERY_LENGTH);
  }
  return new Parser(query).parse();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly src: string) {}

  parse(): QueryNode {
    this.skipSpace();
    if (this.atEnd()) return { kind: 'all' };
    const node = this.parseOr(undefined);
    this.skipSpace();
    if (!this.atEnd()) {
      throw new QuerySyntaxError(this.peek() === ')' ? "unexpected ')'" : 'unexpected input', this.pos);
    }
    return node;
  }

  private parseOr(field: string | undefined): QueryNode {
    const children = [this.parseAnd(field)];
    for (;;) {
      this.skipSpace();
      if (!this.takeKeyword('OR') && !this.takeSymbol('||')) break;
      children.push(this.parseAnd(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private parseAnd(field: string | undefined): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.peek() === ')' || this.isKeyword('OR') || this.src.startsWith('||', this.pos)) break;
      if (!this.takeKeyword('AND')) this.takeSymbol('&&');
      children.push(this.parseUnary(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private parseUnary(field: string | undefined): QueryNode {
    this.skipSpace();
    const start = this.pos;
    const c = this.peek();
    if (this.takeKeyword('NOT') || ((c === '-' || c === '!') && this.takePrefix())) {
      this.enter(start);
      const child = this.parseUnary(field);
      this.depth--;
      return { kind: 'not', child };
    }
    return this.parsePrimary(field);
  }

  /** Takes a `-` or `!` that negates the term right after it (not one followed by space or the end). */
  private takePrefix(): boolean {
    const next = this.src[this.pos + 1];
    if (next === undefined || /\s/.test(next)) {
      throw new QuerySyntaxError(`expected a term after '${this.peek()}'`, this.pos + 1);
    }
    this.pos++;
    return true;
  }

  private parsePrimary(field: string | undefined): QueryNode {
    this.skipSpace();
    const start = this.pos;
    if (this.atEnd()) throw new QuerySyntaxError('expected a term', start);
    const c = this.peek();
    if (c === '(') {
      this.enter(start);
      this.pos++;
      this.skipSpace();
      if (this.peek() === ')') throw new QuerySyntaxError('empty parentheses', this.pos);
      const node = this.parseOr(field);
      this.skipSpace();
      if (this.peek() !== ')') throw new QuerySyntaxError("expected ')'", this.pos);
      this.pos++;
      this.depth--;
      return node;
    }
    if (c === ')') throw new QuerySyntaxError("unexpected ')'", start);
    for (const word of ['AND', 'OR']) {
      if (this.isKeyword(word)) throw new QuerySyntaxError(`expected a term before ${word}`, start);
    }
    if (this.src.startsWith('&&', start) || this.src.startsWith('||', start)) {
      throw new QuerySyntaxError(`expected a term before '${this.src.slice(start, start + 2)}'`, start);
    }
    if (c === '&' || c === '|') throw new QuerySyntaxError(`unknown operator '${c}'`, start);
    this.countTerm(start);
    if (c === '"') {
      const parts = this.readQuoted();
      return field === undefined ? { kind: 'text', parts, position: start } : { kind: 'match', field, parts, position: start };
    }
    if (field !== undefined) return this.parseValue(field, start);
    const name = this.readFieldName();
    if (name !== undefined) return this.parseFieldValue(name, start);
    return { kind: 'text', parts: this.readBare(WORD_END), position: start };
  }

  /** Reads `name:` when the word at the cursor is a field name followed by an unescaped colon (else it is free text). */
  private readFieldName(): string | undefined {
    let end = this.pos;
    while (end < this.src.length && !WORD_END.test(this.src[end]!) && this.src[end] !== ':') {
      if (this.src[end] === '\\') end++;
      end++;
    }
    if (this.src[end] !== ':') return undefined;
    const name = this.src.slice(this.pos, end);
    if (name === '') throw new QuerySyntaxError("expected a field name before ':'", this.pos);
    if (!FIELD_NAME.test(name)) return undefined;
    this.pos = end + 1;
    return canonicalField(name);
  }

  private parseFieldValue(field: string, start: number): QueryNode {
    const c = this.peek();
    if (this.atEnd() || /\s/.test(c) || c === ')') {
      throw new QuerySyntaxError(`expected a value after '${this.src.slice(start, this.pos)}'`, this.pos);
    }
    if (c === '(') {
      this.enter(start);
      this.pos++;
      this.skipSpace();
      const node = this.parseOr(field);
      this.skipSpace();
      if (this.peek() !== ')') throw new QuerySyntaxError("expected ')'", this.pos);
      this.pos++;
      this.depth--;
      return node;
    }
    return this.parseValue(field, start);
  }

  private parseValue(field: string, start: number): QueryNode {
    const c = this.peek();
    if (c === '"') return { kind: 'match', field, parts: this.readQuoted(), position: start };
    if (c === '[' || c === '{') return this.parseRange(field, start);
    if (OPERATOR_CHARS.test(c)) return this.parseComparison(field, start);
    const valueStart = this.pos;
    const parts = this.readBare(WORD_END);
    const rawValue = this.src.slice(valueStart, this.pos);
    if (rawValue === '*') return { kind: 'exists', field, position: start };
    if (CIDR.test(rawValue)) return { kind: 'cidr', field, cidr: rawValue, position: start };
    return { kind: 'match', field, parts, position: start };
  }

  private parseComparison(field: string, start: number): QueryNode {
    const opStart = this.pos;
    while (OPERATOR_CHARS.test(this.peek())) this.pos++;
    const op = this.src.slice(opStart, this.pos);
    if (op !== '>' && op !== '>=' && op !== '<' && op !== '<=') throw new QuerySyntaxError(`unknown operator '${op}'`, opStart);
    const bound = this.readBound(WORD_END, op);
    const inclusive = op.length === 2;
    return op.startsWith('>')
      ? { kind: 'range', field, low: { value: bound, inclusive }, position: start }
      : { kind: 'range', field, high: { value: bound, inclusive }, position: start };
  }

  private parseRange(field: string, start: number): QueryNode {
    const lowInclusive = this.peek() === '[';
    this.pos++;
    this.skipSpace();
    const low = this.readBound(/[\s\]}]/, 'range');
    this.skipSpace();
    if (!this.takeKeyword('TO')) throw new QuerySyntaxError('range needs TO', this.pos);
    this.skipSpace();
    const high = this.readBound(/[\s\]}]/, 'range');
    this.skipSpace();
    const close = this.peek();
    if (close !== ']' && close !== '}') throw new QuerySyntaxError("expected ']' or '}'", this.pos);
    this.pos++;
    const bound = (value: string, inclusive: boolean): RangeBound | undefined => (value === '*' ? undefined : { value, inclusive });
    const lowBound = bound(low, lowInclusive);
    const highBound = bound(high, close === ']');
    return {
      kind: 'range',
      field,
      ...(lowBound ? { low: lowBound } : {}),
      ...(highBound ? { high: highBound } : {}),
      position: start,
    };
  }

  /** A range or comparison bound: quoted or bare text, wildcards not allowed (a lone `*` means unbounded). */
  private readBound(end: RegExp, what: string): string {
    const at = this.pos;
    if (this.atEnd() || end.test(this.peek())) throw new QuerySyntaxError(`expected a value after ${what}`, at);
    const parts = this.peek() === '"' ? this.readQuoted() : this.readBare(end);
    if (this.src.slice(at, this.pos) === '*') return '*';
    const wild = parts.find((p) => 'wildcard' in p);
    if (wild) throw new QuerySyntaxError('wildcards are not allowed in a range or comparison', at);
    return parts.map((p) => ('text' in p ? p.text : '')).join('');
  }

  /** Reads a bare value up to an unescaped `end` character: `*` and `?` are wildcards, `\` escapes the next character. */
  private readBare(end: RegExp): ValuePart[] {
    const parts: ValuePart[] = [];
    let text = '';
    while (!this.atEnd() && !end.test(this.peek())) {
      const c = this.peek();
      if (c === '\\') {
        if (this.pos + 1 >= this.src.length) throw new QuerySyntaxError('nothing to escape after \\', this.pos);
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '*' || c === '?') {
        if (text !== '') parts.push({ text });
        text = '';
        parts.push({ wildcard: c });
      } else {
        text += c;
      }
      this.pos++;
    }
    if (text !== '') parts.push({ text });
    return parts;
  }

  /** Reads a "quoted phrase": every character literal, `\"` and `\\` escaped. */
  private readQuoted(): ValuePart[] {
    const open = this.pos;
    this.pos++;
    let text = '';
    for (;;) {
      if (this.atEnd()) throw new QuerySyntaxError('unterminated phrase: expected \'"\'', open);
      const c = this.peek();
      if (c === '"') break;
      if (c === '\\' && this.pos + 1 < this.src.length) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      text += c;
      this.pos++;
    }
    this.pos++;
    if (text === '') throw new QuerySyntaxError('empty phrase', open);
    return [{ text }];
  }

  private enter(at: number): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) throw new QuerySyntaxError(`nesting is deeper than ${MAX_DEPTH} levels`, at);
  }

  private countTerm(at: number): void {
    this.terms++;
    if (this.terms > MAX_TERMS) throw new QuerySyntaxError(`too many terms (at most ${MAX_TERMS})`, at);
  }

  /** True when the uppercase keyword stands at the cursor as a word of its own. */
  private isKeyword(word: string): boolean {
    if (!this.src.startsWith(word, this.pos)) return false;
    const after = this.src[this.pos + word.length];
    return after === undefined || /[\s("]/.test(after);
  }

  private takeKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.pos += word.length;
    return true;
  }

  private takeSymbol(symbol: string): boolean {
    if (!this.src.startsWith(symbol, this.pos)) return false;
    this.pos += symbol.length;
    return true;
  }

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
  }
}
