// Tests for analyzeFile: full reports on fixtures, zips of samples, limits, hostile inputs, content-addressed storage.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { analyzeFile, storeSample } from './analyze-file.ts';
import { loadYaraRules, type YaraScanner } from './yara.ts';

const FIXTURES = new URL('../../../test/fixtures/pe/', import.meta.url).pathname;
let work = '';
let yara: YaraScanner;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'wf-analyze-'));
  writeFileSync(join(work, 'fixture.yar'), 'rule wf_fixture : test { meta: kind = "fixture" strings: $a = "watchfloor fixture" condition: $a }\n');
  yara = await loadYaraRules(join(work, 'fixture.yar'));
});
after(async () => {
  await yara.close();
  rmSync(work, { recursive: true, force: true });
});

async function zipOf(items: [string, Uint8Array][], password?: string): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), password ? { password } : {});
  for (const [name, data] of items) await writer.add(name, new Uint8ArrayReader(data));
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

describe('analyzeFile', () => {
  it('signed PE by path: type, hashes, PE, Authenticode, YARA in one report', async () => {
    const r = await analyzeFile(join(FIXTURES, 'signed-x64.exe'), { yara });
    assert.equal(r.name, 'signed-x64.exe');
    assert.equal(r.size, 6128);
    assert.equal(r.type.kind, 'pe-exe');
    assert.equal(r.hashes.sha256, '291b689e55fbfed5eb1c2d3102910e9b72a5cfb84e8640b7f6647252e7d73680');
    assert.equal(r.pe?.imphash, '86c1ba53b92cfc96cf9d2770b0ec0b36');
    assert.equal(r.authenticode?.valid, true);
    assert.deepEqual(r.yara.map((m) => [m.rule, m.tags, m.meta]), [['wf_fixture', ['test'], { kind: 'fixture' }]]);
    assert.equal(r.archive, null);
  });

  it('tampered PE: Authenticode digest mismatch and a checksum anomaly', async () => {
    const r = await analyzeFile(readFileSync(join(FIXTURES, 'tampered-x64.exe')));
    assert.equal(r.authenticode?.digestMatches, false);
    assert.ok(r.warnings.includes('1 PE anomalies'));
  });

  it('zip with password "infected": members analysed by the same pipeline', async () => {
    const zip = await zipOf([['a/hello.exe', readFileSync(join(FIXTURES, 'hello-x64.exe'))], ['note.txt', Buffer.from('hi')]], 'infected');
    const r = await analyzeFile(zip, { yara, name: 'sample.zip' });
    assert.equal(r.type.kind, 'zip');
    const [exe, note] = r.archive?.members ?? [];
    assert.equal(exe?.password, 'infected');
    assert.equal(exe?.analysis?.pe?.machineName, 'amd64');
    assert.deepEqual(exe?.analysis?.yara.map((m) => m.rule), ['wf_fixture']);
    assert.equal(note?.analysis?.type.kind, 'text');
  });

  it('zip with a wrong password: clear per-member status, no exception', async () => {
    const zip = await zipOf([['x.exe', Buffer.from('MZ')]], 'other');
    const r = await analyzeFile(zip, { password: 'nope' });
    assert.equal(r.archive?.members[0]?.status, 'wrong-password');
    assert.deepEqual(r.warnings, ['archive: 1 member(s) not extracted: wrong-password']);
  });

  it('zip bomb inside a zip: bounded', async () => {
    const bomb = await zipOf([['zeros', new Uint8Array(32 << 20)]]);
    const outer = await zipOf([['bomb.zip', bomb]]);
    const start = Date.now();
    const r = await analyzeFile(outer);
    assert.ok(Date.now() - start < 10_000);
    const inner = r.archive?.members[0]?.analysis?.archive?.members[0];
    assert.equal(inner?.status, 'ratio-exceeded');
  });

  it('hostile inputs: empty, random, truncated PE, e_lfanew outside — warnings, never an exception', async () => {
    const empty = await analyzeFile(new Uint8Array(0));
    assert.equal(empty.type.kind, 'empty');
    assert.deepEqual(empty.warnings, ['empty file']);
    const random = await analyzeFile(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff));
    assert.equal(random.pe, null);
    const truncated = await analyzeFile(readFileSync(join(FIXTURES, 'signed-x64.exe')).subarray(0, 3000));
    assert.ok(truncated.pe);
    assert.ok(truncated.warnings.some((w) => w.startsWith('Authenticode:')));
    const lfanew = Buffer.from(readFileSync(join(FIXTURES, 'hello-x86.exe')));
    lfanew.writeUInt32LE(0x7fffffff, 0x3c);
    const bad = await analyzeFile(lfanew);
    assert.equal(bad.type.kind, 'mz');
    assert.equal(bad.pe, null);
  });

  it('size limit: over-limit files are hashed only; time budget: stages skipped with a warning', async () => {
    const big = await analyzeFile(join(FIXTURES, 'signed-x64.exe'), { maxSize: 1000 });
    assert.equal(big.pe, null);
    assert.equal(big.hashes.sha256, '291b689e55fbfed5eb1c2d3102910e9b72a5cfb84e8640b7f6647252e7d73680');
    assert.match(big.warnings[0] ?? '', /over the 1000-byte analysis limit/);
    const late = await analyzeFile(readFileSync(join(FIXTURES, 'signed-x64.exe')), { timeBudgetMs: -1, yara });
    assert.equal(late.authenticode, null);
    assert.deepEqual(late.warnings, ['time budget exhausted before Authenticode']);
  });

  it('storeSample: content-addressed, read-only, idempotent; analyzeFile stores with dataDir', async () => {
    const dataDir = join(work, 'data');
    const bytes = Buffer.from('not executable');
    const first = await storeSample(dataDir, bytes);
    assert.equal(first.path, join(dataDir, 'samples', first.sha256.slice(0, 2), first.sha256));
    assert.equal(first.created, true);
    assert.equal(statSync(first.path).mode & 0o777, 0o444);
    assert.deepEqual(readFileSync(first.path), bytes);
    assert.equal((await storeSample(dataDir, bytes)).created, false);
    const r = await analyzeFile(join(FIXTURES, 'hello-x86.exe'), { dataDir });
    assert.equal(r.storedAt, join(dataDir, 'samples', r.hashes.sha256.slice(0, 2), r.hashes.sha256));
    assert.equal(statSync(r.storedAt).mode & 0o111, 0);
  });
});
