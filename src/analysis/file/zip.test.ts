// Tests for zip inspection: passwords (infected, caller, wrong), ZipCrypto and AES, bombs, nesting, member caps, garbage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import { inspectZip } from './zip.ts';

interface Item {
  name: string;
  data?: Uint8Array | string;
  directory?: boolean;
}

async function makeZip(items: Item[], options: { password?: string; zipCrypto?: boolean } = {}): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), { ...options, level: 6 });
  for (const item of items) {
    if (item.directory) await writer.add(item.name, undefined, { directory: true });
    else await writer.add(item.name, new Uint8ArrayReader(typeof item.data === 'string' ? Buffer.from(item.data) : (item.data ?? new Uint8Array(0))));
  }
  return new Uint8Array(await (await writer.close()).arrayBuffer());
}

const sizeOf = (b: Uint8Array): Promise<number> => Promise.resolve(b.length);

describe('inspectZip', () => {
  it('lists members, skips directories, hands members to the callback', async () => {
    const zip = await makeZip([{ name: 'dir/', directory: true }, { name: 'dir/a.txt', data: 'hello' }, { name: 'b.bin', data: new Uint8Array(1000) }]);
    const r = await inspectZip(zip, { analyzeMember: sizeOf });
    assert.equal(r.totalMembers, 3);
    assert.deepEqual(r.members.map((m) => [m.name, m.status, m.analysis]), [['dir/', 'directory', undefined], ['dir/a.txt', 'ok', 5], ['b.bin', 'ok', 1000]]);
    assert.equal(r.extractedBytes, 1005);
    assert.deepEqual(r.warnings, []);
  });

  for (const zipCrypto of [false, true]) {
    const scheme = zipCrypto ? 'zipcrypto' : 'aes';
    it(`${scheme}: "infected" is tried; a caller password works; a wrong one gives a per-member status`, async () => {
      const infected = await makeZip([{ name: 'mal.exe', data: 'MZ payload' }], { password: 'infected', zipCrypto });
      const r1 = await inspectZip(infected, { analyzeMember: sizeOf });
      assert.deepEqual(r1.members.map((m) => [m.status, m.encryption, m.password, m.analysis]), [['ok', scheme, 'infected', 10]]);

      const secret = await makeZip([{ name: 'a.txt', data: 'secret text' }, { name: 'b.txt', data: 'more secret text' }], { password: 'S3cret!', zipCrypto });
      const r2 = await inspectZip(secret, { password: 'S3cret!', analyzeMember: sizeOf });
      assert.deepEqual(r2.members.map((m) => [m.status, m.password]), [['ok', 'caller'], ['ok', 'caller']]);

      const r3 = await inspectZip(secret, { password: 'wrong', analyzeMember: sizeOf });
      assert.deepEqual(r3.members.map((m) => m.status), ['wrong-password', 'wrong-password']);
      assert.match(r3.members[0]?.error ?? '', /none of the passwords/);
      assert.deepEqual(r3.warnings, ['2 member(s) not extracted: wrong-password']);
    });
  }

  it('zip bomb: ratio and total-size bounds stop extraction, however sizes are declared', async () => {
    const bomb = await makeZip([{ name: 'zeros-1.bin', data: new Uint8Array(8 << 20) }, { name: 'zeros-2.bin', data: new Uint8Array(8 << 20) }]);
    assert.ok(bomb.length < 64 << 10);
    const start = performance.now();
    const r = await inspectZip(bomb, { analyzeMember: sizeOf });
    assert.deepEqual(r.members.map((m) => m.status), ['ratio-exceeded', 'ratio-exceeded']);
    const budget = await inspectZip(bomb, { limits: { maxRatio: 1e9, maxTotalUncompressed: 10 << 20 }, analyzeMember: sizeOf });
    assert.deepEqual(budget.members.map((m) => m.status), ['ok', 'budget-exceeded']);
    const member = await inspectZip(bomb, { limits: { maxRatio: 1e9, maxMemberSize: 1 << 20 } });
    assert.deepEqual(member.members.map((m) => m.status), ['too-large', 'too-large']);
    assert.ok(performance.now() - start < 5000);
  });

  it('nesting depth is bounded; nested archives share the budget', async () => {
    let inner = await makeZip([{ name: 'core.txt', data: 'deepest' }]);
    for (let i = 0; i < 4; i++) inner = await makeZip([{ name: `level-${i}.zip`, data: inner }]);
    const seen: number[] = [];
    const analyze = async (bytes: Uint8Array, _name: string, depth: number): Promise<unknown> => {
      seen.push(depth);
      return bytes[0] === 0x50 ? inspectZip(bytes, { depth, analyzeMember: analyze, limits: { maxDepth: 3 } }) : 'leaf';
    };
    const r = await inspectZip(inner, { analyzeMember: analyze, limits: { maxDepth: 3 } });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(r.members[0]?.status, 'ok');
  });

  it('member count cap, garbage and empty input: warnings, no exception', async () => {
    const many = await makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
    const r = await inspectZip(many, { limits: { maxMembers: 10 } });
    assert.equal(r.totalMembers, 30);
    assert.equal(r.members.length, 10);
    assert.deepEqual(r.warnings, ['30 members; only the first 10 are looked at']);
    const garbage = await inspectZip(Buffer.from('PK\x03\x04 this is not really a zip'));
    assert.equal(garbage.members.length, 0);
    assert.match(garbage.warnings[0] ?? '', /^not a readable zip archive/);
    assert.match((await inspectZip(new Uint8Array(0))).warnings[0] ?? '', /^not a readable zip archive/);
  });
});
