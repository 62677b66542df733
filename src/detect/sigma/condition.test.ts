// Unit tests of the condition grammar: precedence, quantifiers, patterns, and errors with columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConditionNode } from './ast.ts';
import { checkIdentifiers, ConditionSyntaxError, identifierMatches, parseCondition } from './condition.ts';

/** A compact rendering of an AST, for readable assertions. */
function show(n: ConditionNode): string {
  switch (n.type) {
    case 'id': return n.name;
    case 'not': return `not(${show(n.operand)})`;
    case 'and': return `and(${n.operands.map(show).join(',')})`;
    case 'or': return `or(${n.operands.map(show).join(',')})`;
    case 'of': return `${n.quantifier}of(${n.pattern ?? 'them'})`;
  }
}

test('precedence: not binds tighter than and, and tighter than or', () => {
  assert.equal(show(parseCondition('a or b and not c')), 'or(a,and(b,not(c)))');
  assert.equal(show(parseCondition('not a and b')), 'and(not(a),b)');
  assert.equal(show(parseCondition('(a or b) and c')), 'and(or(a,b),c)');
  assert.equal(show(parseCondition('a and b and c or d')), 'or(and(a,b,c),d)');
  assert.equal(show(parseCondition('not not a')), 'not(not(a))');
});

test('quantifiers: 1 of, any of, all of, N of, them; keywords are case-insensitive', () => {
  assert.equal(show(parseCondition('1 of selection_* and not all of filter_*')), 'and(1of(selection_*),not(allof(filter_*)))');
  assert.equal(show(parseCondition('any of them')), '1of(them)');
  assert.equal(show(parseCondition('2 of sel*')), '2of(sel*)');
  assert.equal(show(parseCondition('Sel AND NOT Filter')), 'and(Sel,not(Filter))');
});

test('errors carry the column', () => {
  const cases: [string, number, RegExp][] = [
    ['a and', 6, /end of condition/],
    ['(a or b', 8, /expected '\)'/],
    ['a b', 3, /unexpected 'b'/],
    ['sel*', 1, /only allowed after/],
    ['1 of', 5, /pattern or 'them'/],
    ['all sel', 5, /expected 'of'/],
    ['a | count() > 5', 3, /aggregation/],
    ['a # b', 3, /unexpected character/],
    ['0 of x', 1, /not a valid quantifier/],
  ];
  for (const [text, column, reason] of cases) {
    assert.throws(() => parseCondition(text), (e: unknown) => e instanceof ConditionSyntaxError && e.column === column && reason.test(e.message), text);
  }
});

test('identifier patterns and them', () => {
  assert.ok(identifierMatches('selection_*', 'selection_img'));
  assert.ok(identifierMatches('*_img', 'selection_img'));
  assert.ok(identifierMatches('s*l*n', 'selection'));
  assert.ok(!identifierMatches('selection_*', 'filter'));
  assert.ok(identifierMatches(null, 'selection'));
  assert.ok(!identifierMatches(null, '_private'));
  assert.deepEqual(checkIdentifiers(parseCondition('a and not b'), ['a']), [11, "undefined search identifier 'b'"]);
  assert.equal(checkIdentifiers(parseCondition('1 of a*'), ['ab']), null);
});
