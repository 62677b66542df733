import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containsPhrase, words } from './text-tokens.ts';

test('words are unicode61 tokens: letters and digits, lower case, no accents', () => {
  assert.deepEqual(words('TCP_MISS/404 GET http://Café.example/x?a=1'), ['tcp', 'miss', '404', 'get', 'http', 'cafe', 'example', 'x', 'a', '1']);
  assert.deepEqual(words('--- ^^ '), []);
});

test('a phrase is adjacent words in order; the last may be a prefix', () => {
  const raw = '1677971737.789 123 2001:db8::1 TCP_MISS/404 1024 GET http://example.com/missing.html admin';
  assert.equal(containsPhrase(raw, ['tcp', 'miss', '404'], false), true);
  assert.equal(containsPhrase(raw, ['miss', 'tcp'], false), false, 'order matters');
  assert.equal(containsPhrase(raw, ['tcp', '404'], false), false, 'adjacency matters');
  assert.equal(containsPhrase(raw, ['example', 'com', 'miss'], true), true);
  assert.equal(containsPhrase(raw, ['example', 'com', 'miss'], false), false);
  assert.equal(containsPhrase(raw, [], false), false);
  assert.equal(containsPhrase(raw, ['admin'], false), true, 'the last word of the line');
});
