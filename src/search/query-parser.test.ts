// The query parser: the tree each construct gives, and the message and position of each syntax error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuerySyntaxError } from './errors.ts';
import { MAX_DEPTH, MAX_QUERY_LENGTH, MAX_TERMS, type QueryNode } from './query-ast.ts';
import { parseQuery } from './query-parser.ts';

const match = (field: string, text: string, position: number): QueryNode => ({ kind: 'match', field, parts: [{ text }], position });

function syntaxError(query: string, reason: string, position: number): void {
  assert.throws(
    () => parseQuery(query),
    (error: unknown) => {
      assert.ok(error instanceof QuerySyntaxError, String(error));
      assert.equal(error.reason, reason, query);
      assert.equal(error.position, position, query);
      assert.equal(error.message, `${reason} at ${position}`);
      return true;
    },
  );
}

describe('parseQuery', () => {
  it('reads an empty query as everything', () => {
    assert.deepEqual(parseQuery('   '), { kind: 'all' });
  });
  it('resolves field names through their aliases', () => {
    assert.deepEqual(parseQuery('src_ip:10.0.0.1'), match('source.ip', '10.0.0.1', 0));
    assert.deepEqual(parseQuery('sc-status:404'), match('http.response.status_code', '404', 0));
    assert.deepEqual(parseQuery('c-uri:"a b"'), match('url.original', 'a b', 0));
  });
  it('keeps wildcards apart from escaped characters', () => {
    assert.deepEqual(parseQuery('user.name:a\\*b*c?'), {
      kind: 'match',
      field: 'user.name',
      parts: [{ text: 'a*b' }, { wildcard: '*' }, { text: 'c' }, { wildcard: '?' }],
      position: 0,
    });
    assert.deepEqual(parseQuery('url.original:"*.exe"'), match('url.original', '*.exe', 0));
    assert.deepEqual(parseQuery('a\\:b'), { kind: 'text', parts: [{ text: 'a:b' }], position: 0 });
  });
  it('gives AND precedence over OR, with implicit AND', () => {
    const a = { kind: 'text', parts: [{ text: 'a' }], position: 0 } as const;
    assert.deepEqual(parseQuery('a OR b c'), {
      kind: 'or',
      children: [a, { kind: 'and', children: [{ kind: 'text', parts: [{ text: 'b' }], position: 5 }, { kind: 'text', parts: [{ text: 'c' }], position: 7 }] }],
    });
    assert.deepEqual(parseQuery('-a'), { kind: 'not', child: { ...a, position: 1 } });
    assert.deepEqual(parseQuery('NOT(a)'), { kind: 'not', child: { ...a, position: 4 } });
    assert.equal(parseQuery('a && b || !c').kind, 'or');
    assert.equal(parseQuery('ORACLE ANDROID NOTE').kind, 'and');
  });
  it('reads ranges, comparisons, CIDR blocks and existence', () => {
    assert.deepEqual(parseQuery('sc-status:[400 TO 499}'), {
      kind: 'range',
      field: 'http.response.status_code',
      low: { value: '400', inclusive: true },
      high: { value: '499', inclusive: false },
      position: 0,
    });
    assert.deepEqual(parseQuery('x:{* TO 5]'), { kind: 'range', field: 'x', high: { value: '5', inclusive: true }, position: 0 });
    assert.deepEqual(parseQuery('x:>=500'), { kind: 'range', field: 'x', low: { value: '500', inclusive: true }, position: 0 });
    assert.deepEqual(parseQuery('x:<10'), { kind: 'range', field: 'x', high: { value: '10', inclusive: false }, position: 0 });
    assert.deepEqual(parseQuery('source.ip:172.16.0.0/12'), { kind: 'cidr', field: 'source.ip', cidr: '172.16.0.0/12', position: 0 });
    assert.deepEqual(parseQuery('dst_ip:2001:db8::/32'), { kind: 'cidr', field: 'destination.ip', cidr: '2001:db8::/32', position: 0 });
    assert.deepEqual(parseQuery('user.name:*'), { kind: 'exists', field: 'user.name', position: 0 });
  });
  it('applies a field to a parenthesised group of values', () => {
    assert.deepEqual(parseQuery('sc-status:(404 OR 500)'), {
      kind: 'or',
      children: [match('http.response.status_code', '404', 11), match('http.response.status_code', '500', 18)],
    });
  });
});

describe('syntax errors', () => {
  it('names the problem and its position', () => {
    syntaxError('(a OR b AND c', "expected ')'", 13);
    syntaxError('a OR (b', "expected ')'", 7);
    syntaxError('a)', "unexpected ')'", 1);
    syntaxError('()', 'empty parentheses', 1);
    syntaxError('a AND', 'expected a term', 5);
    syntaxError('a OR OR b', 'expected a term before OR', 5);
    syntaxError('AND a', 'expected a term before AND', 0);
    syntaxError('a & b', "unknown operator '&'", 2);
    syntaxError('sc-status:=>5', "unknown operator '=>'", 10);
    syntaxError('sc-status:!=5', "unknown operator '!='", 10);
    syntaxError('sc-status:[400 499]', 'range needs TO', 15);
    syntaxError('sc-status:[400 TO 499', "expected ']' or '}'", 21);
    syntaxError('sc-status:[4* TO 5]', 'wildcards are not allowed in a range or comparison', 11);
    syntaxError('user.name:', "expected a value after 'user.name:'", 10);
    syntaxError('user.name: bob', "expected a value after 'user.name:'", 10);
    syntaxError(':x', "expected a field name before ':'", 0);
    syntaxError('say "hello', 'unterminated phrase: expected \'"\'', 4);
    syntaxError('""', 'empty phrase', 0);
    syntaxError('a - b', "expected a term after '-'", 3);
    syntaxError('a\\', 'nothing to escape after \\', 1);
  });
  it('bounds length, nesting and the number of terms, each with its own error', () => {
    syntaxError('a'.repeat(MAX_QUERY_LENGTH + 1), `query is too long (${MAX_QUERY_LENGTH + 1} characters, at most ${MAX_QUERY_LENGTH})`, MAX_QUERY_LENGTH);
    syntaxError('('.repeat(5_000), `nesting is deeper than ${MAX_DEPTH} levels`, MAX_DEPTH);
    syntaxError('NOT '.repeat(100) + 'a', `nesting is deeper than ${MAX_DEPTH} levels`, MAX_DEPTH * 4);
    syntaxError('a '.repeat(MAX_TERMS + 1), `too many terms (at most ${MAX_TERMS})`, MAX_TERMS * 2);
    assert.doesNotThrow(() => parseQuery('('.repeat(MAX_DEPTH) + 'a' + ')'.repeat(MAX_DEPTH)));
  });
});
