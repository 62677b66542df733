// Tests for the one-pass MD5/SHA-1/SHA-256 hasher.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashBytes, hashFile, hashStream } from './hashes.ts';

const ABC = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
};

describe('hashes', () => {
  it('known vectors for "abc" and the empty input', () => {
    assert.deepEqual(hashBytes(Buffer.from('abc')), ABC);
    assert.equal(hashBytes(new Uint8Array(0)).sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a chunked stream gives the same digests as the whole buffer', async () => {
    const data = Buffer.alloc(300_000, 7);
    const chunks = [data.subarray(0, 1), data.subarray(1, 65_537), data.subarray(65_537)];
    const streamed = await hashStream(Readable.from(chunks));
    assert.deepEqual(streamed, { ...hashBytes(data), size: data.length });
  });

  it('hashFile reads a file in one pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-hash-'));
    try {
      writeFileSync(join(dir, 'abc'), 'abc');
      assert.deepEqual(await hashFile(join(dir, 'abc')), { ...ABC, size: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
