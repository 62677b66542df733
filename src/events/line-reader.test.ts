import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MAX_LINE_BYTES, openLineSource, type Line } from './line-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'wf-lines-'));

async function readAll(path: string): Promise<Line[]> {
  const source = await openLineSource(path);
  const lines: Line[] = [];
  for await (const batch of source.batches()) lines.push(...batch);
  return lines;
}

test('lines are numbered from 1, CRLF is stripped, a last line without newline is kept', async () => {
  const path = join(dir, 'crlf.log');
  writeFileSync(path, 'a\r\nb\n\nc');
  const lines = await readAll(path);
  assert.deepEqual(
    lines.map((l) => [l.no, l.text, l.truncated]),
    [
      [1, 'a', false],
      [2, 'b', false],
      [3, '', false],
      [4, 'c', false],
    ],
  );
});

test('gzip is recognised by its magic bytes and read transparently, whatever the name', async () => {
  const text = Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const plain = join(dir, 'plain.log');
  const gz = join(dir, 'compressed.log');
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(text));
  const [a, b] = await Promise.all([readAll(plain), readAll(gz)]);
  assert.equal(b.length, 50_000);
  assert.deepEqual(b, a);
  const [sa, sb] = await Promise.all([openLineSource(plain), openLineSource(gz)]);
  assert.equal(sb.gzip, true);
  assert.equal(sa.identity, sb.identity, 'the identity is of the content, not of its compression');
  assert.equal(sb.sample[0], 'line 0');
});

test('a truncated gzip yields the lines before the damage, then an error', async () => {
  const text = Array.from({ length: 200_000 }, (_, i) => `row ${i} ${'x'.repeat(i % 50)}`).join('\n');
  const full = gzipSync(text);
  const path = join(dir, 'truncated.gz');
  writeFileSync(path, full.subarray(0, Math.floor(full.length / 2)));
  const source = await openLineSource(path);
  const lines: Line[] = [];
  await assert.rejects(async () => {
    for await (const batch of source.batches()) lines.push(...batch);
  }, /unexpected end of file/);
  assert.ok(lines.length > 1000, `read ${lines.length} lines before the damage`);
  assert.equal(lines[1000]!.text, `row 1000 ${'x'.repeat(1000 % 50)}`);
});

test('a line longer than the cap is cut and flagged; the lines around it are intact', async () => {
  const path = join(dir, 'long.log');
  writeFileSync(path, `before\n${'A'.repeat(MAX_LINE_BYTES + 12_345)}\nafter\n`);
  const lines = await readAll(path);
  assert.equal(lines.length, 3);
  assert.equal(lines[0]!.text, 'before');
  assert.equal(lines[1]!.truncated, true);
  assert.equal(lines[1]!.text.length, MAX_LINE_BYTES);
  assert.deepEqual([lines[2]!.no, lines[2]!.text, lines[2]!.truncated], [3, 'after', false]);
});

test('a 1 MB line is read whole; invalid UTF-8 becomes replacement characters', async () => {
  const path = join(dir, 'mb.log');
  const big = 'B'.repeat(1024 * 1024);
  writeFileSync(path, Buffer.concat([Buffer.from(`${big}\n`), Buffer.from([0x66, 0xff, 0xfe, 0x6f, 0x0a])]));
  const lines = await readAll(path);
  assert.equal(lines[0]!.text, big);
  assert.equal(lines[0]!.truncated, false);
  assert.equal(lines[1]!.text, 'f\uFFFD\uFFFDo');
});

test('an empty file has no lines and an empty sample', async () => {
  const path = join(dir, 'empty.log');
  writeFileSync(path, '');
  const source = await openLineSource(path);
  assert.deepEqual(await readAll(path), []);
  assert.deepEqual(source.sample, ['']);
});

test('a directory or a missing file is a clear error', async () => {
  await assert.rejects(openLineSource(dir), /not a regular file/);
  await assert.rejects(openLineSource(join(dir, 'missing.log')), /ENOENT/);
});
