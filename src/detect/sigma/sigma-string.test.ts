// Unit tests of Sigma string values: escapes, wildcards and the encoding transformations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRuleText } from './loader.ts';
import { matchRule } from './match.ts';
import { base64, base64offset, expandPlaceholders, literal, parseSigmaString, QMARK, STAR, utf16, windash } from './sigma-string.ts';

test('escapes per the spec', () => {
  assert.deepEqual(parseSigmaString('a*b?c').parts, ['a', STAR, 'b', QMARK, 'c']);
  assert.deepEqual(parseSigmaString('a\\*b').parts, ['a*b']);
  assert.deepEqual(parseSigmaString('a\\\\*').parts, ['a\\', STAR]);
  assert.deepEqual(parseSigmaString('a\\\\\\*').parts, ['a\\*']);
  assert.deepEqual(parseSigmaString('C:\\Windows\\').parts, ['C:\\Windows\\']);
  assert.deepEqual(parseSigmaString('\\\\\\\\').parts, ['\\\\']);
  assert.deepEqual(parseSigmaString('\\\\\\').parts, ['\\\\']);
});

test('windash permutes every dash-like character', () => {
  const variants = windash(literal('-a /b')).map((s) => s.parts.join(''));
  assert.equal(variants.length, 25);
  assert.ok(variants.includes('/a -b') && variants.includes('\u2013a \u2015b'));
});

test('base64 and base64offset match the pySigma reference values', () => {
  assert.deepEqual(base64(literal('http://')).parts, ['aHR0cDovLw==']);
  assert.deepEqual(base64offset(literal('/bin/bash')).map((s) => s.parts.join('')), ['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
  assert.deepEqual(base64offset(literal('sh')).map((s) => s.parts.join('')), ['c2', 'No', 'za']);
  assert.throws(() => base64(parseSigmaString('a*')), /wildcards/);
});

test('utf16 variants', () => {
  assert.deepEqual(utf16(literal('cmd'), 'le').parts, ['c\0m\0d\0']);
  assert.deepEqual(utf16(literal('cmd'), 'be').parts, ['\0c\0m\0d']);
  assert.deepEqual(utf16(literal('cmd'), 'bom').parts, ['\xff\xfec\0m\0d\0']);
  assert.deepEqual(base64(utf16(literal('cmd'), 'le')).parts, ['YwBtAGQA']);
});

test('expand: placeholders, escaped percent, missing values', () => {
  assert.deepEqual(expandPlaceholders('%a%-%b%', { a: ['1', '2'], b: ['x'] }), ['1-x', '2-x']);
  assert.deepEqual(expandPlaceholders('\\%plain%a%', { a: ['v'] }), ['%plainv']);
  assert.throws(() => expandPlaceholders('%missing%', {}), /placeholder %missing% has no configured value/);
  assert.throws(() => expandPlaceholders('%open', { open: ['x'] }), /unterminated/);
  assert.deepEqual(expandPlaceholders('*%empty%', { empty: [] }), [], 'a configured but empty list expands to nothing');
});

test('a rule whose indicator list is empty loads and matches nothing', () => {
  const text = `title: TI
logsource: { category: proxy }
detection:
  selection:
    url.domain|expand: '%intel%'
  condition: selection
`;
  const loaded = loadRuleText(text, 'ti.yml', { placeholders: { intel: [] } });
  assert.deepEqual(loaded.rejected, []);
  const event = { timestamp: 0, raw: '', fields: { '@timestamp': '1970-01-01T00:00:00.000Z', 'event.dataset': 'squid.access', 'url.domain': 'evil.example' } };
  assert.equal(matchRule(loaded.rules[0]!, event).matched, false);
  const filled = loadRuleText(text, 'ti.yml', { placeholders: { intel: ['evil.example'] } });
  assert.equal(matchRule(filled.rules[0]!, event).matched, true);
});
