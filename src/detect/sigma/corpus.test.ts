// Loads the SigmaHQ corpus (read in place from /work/shared/data/sigma): ≥ 99% of rules/ must load, every rejection explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listRuleFiles, loadRuleDirectory } from './loader.ts';

const CORPUS = fileURLToPath(new URL('../../../../shared/data/sigma/', import.meta.url));

function topReasons(reasons: readonly string[], n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const key = r.replace(/%[^%\s]+%/g, '%…%').replace(/'[^']*'/g, "'…'").slice(0, 100);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n);
}

test('SigmaHQ rules/: at least 99% load and every rejection has a position and a reason', () => {
  const dir = CORPUS + 'rules';
  const files = listRuleFiles(dir).length;
  const started = performance.now();
  const { rules, rejected } = loadRuleDirectory(dir);
  const ms = performance.now() - started;
  const documents = rules.length + rejected.length;
  console.log(`rules/: ${files} files, ${documents} documents, ${rules.length} loaded, ${rejected.length} rejected, ${ms.toFixed(0)} ms`);
  console.log('rules/ top rejection reasons:', topReasons(rejected.map((r) => r.reason), 10));
  assert.ok(rules.length / documents >= 0.99, `only ${rules.length}/${documents} loaded`);
  for (const r of rejected) {
    assert.ok(r.reason.length > 0 && r.file.length > 0 && r.line >= 1 && r.column >= 1, JSON.stringify(r));
  }
});

for (const sub of ['rules-emerging-threats', 'rules-threat-hunting', 'deprecated', 'rules-placeholder']) {
  test(`SigmaHQ ${sub}/: loads without throwing, rejections explained`, () => {
    const { rules, rejected } = loadRuleDirectory(CORPUS + sub);
    console.log(`${sub}/: ${rules.length} loaded, ${rejected.length} rejected; top reasons:`, topReasons(rejected.map((r) => r.reason), 5));
    for (const r of rejected) assert.ok(r.reason.length > 0 && r.line >= 1, JSON.stringify(r));
    assert.ok(rules.length > 0 || sub === 'rules-placeholder');
  });
}

test('SigmaHQ rules-placeholder/: loads once placeholders have values', () => {
  const everything = new Proxy<Record<string, string[]>>({}, { get: (_t, name) => (typeof name === 'string' ? [`${name.toLowerCase()}-value`] : undefined) });
  const { rules, rejected } = loadRuleDirectory(CORPUS + 'rules-placeholder', { placeholders: everything });
  console.log(`rules-placeholder/ with placeholder values: ${rules.length} loaded, ${rejected.length} rejected`);
  assert.equal(rejected.length, 0, JSON.stringify(rejected.slice(0, 3)));
});
