// Tests for the PE parser: exact values on the committed fixtures (imphash checked against Debian's yara) and hostile inputs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePe } from './parse-pe.ts';
import type { PeInfo } from './types.ts';

const FIXTURES = new URL('../../../../test/fixtures/pe/', import.meta.url).pathname;
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

function pe(bytes: Uint8Array): PeInfo {
  const r = parsePe(bytes);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.pe;
}

function hasYara(): boolean {
  try {
    execFileSync('yara', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs Debian's yara with a one-condition rule over a fixture; true when the rule matches. */
function yaraAgrees(condition: string, file: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'wf-yara-'));
  try {
    writeFileSync(join(dir, 'r.yar'), `import "pe"\nrule r { condition: ${condition} }\n`);
    return execFileSync('yara', [join(dir, 'r.yar'), file], { encoding: 'utf8' }).startsWith('r ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const KERNEL32 = ['ExitProcess', 'GetStdHandle', 'GetTickCount', 'WriteFile', 'lstrlenA'];

describe('parsePe on the fixtures', () => {
  it('x86 exe: headers, sections, imports by name and by ordinal', () => {
    const p = pe(fixture('hello-x86.exe'));
    assert.equal(p.format, 'PE32');
    assert.equal(p.machineName, 'i386');
    assert.equal(p.machine, 0x14c);
    assert.equal(p.subsystemName, 'windows-cui');
    assert.equal(p.isDll, false);
    assert.equal(p.timestamp, 0);
    assert.equal(p.imageBase, '0x400000');
    assert.equal(p.entryPoint, 0x1000);
    assert.equal(p.entryPointSection, '.text');
    assert.deepEqual(p.sections.map((s) => [s.name, s.virtualAddress, s.rawAddress, s.rawSize]), [
      ['.text', 0x1000, 0x400, 0x200], ['.rdata', 0x2000, 0x600, 0x200], ['.idata', 0x3000, 0x800, 0x200], ['.reloc', 0x4000, 0xa00, 0x200],
    ]);
    assert.deepEqual(p.sections[0]?.flags, ['code', 'execute', 'read']);
    assert.deepEqual(p.imports.map((i) => i.dll), ['oleaut32.dll', 'ws2_32.dll', 'KERNEL32.dll', 'USER32.dll']);
    assert.deepEqual(p.imports[1]?.functions, [
      { name: 'WSACleanup', ordinal: 116, byOrdinal: true }, { name: 'WSAStartup', ordinal: 115, byOrdinal: true },
    ]);
    assert.deepEqual(p.imports[0]?.functions, [{ name: 'SysAllocString', ordinal: 2, byOrdinal: true }]);
    assert.deepEqual(p.imports[2]?.functions.map((f) => f.name), KERNEL32);
    assert.equal(p.imphash, '86c1ba53b92cfc96cf9d2770b0ec0b36');
    assert.equal(p.checksum.matches, true);
    assert.equal(p.overlay, null);
    assert.equal(p.richHeader, null);
    assert.deepEqual(p.anomalies, []);
  });

  it('x64 exe: PE32+, amd64, same imports', () => {
    const p = pe(fixture('hello-x64.exe'));
    assert.equal(p.format, 'PE32+');
    assert.equal(p.machineName, 'amd64');
    assert.equal(p.imageBase, '0x140000000');
    assert.deepEqual(p.sections.map((s) => s.name), ['.text', '.rdata', '.idata']);
    assert.deepEqual(p.imports.flatMap((i) => i.functions.map((f) => `${i.dll}!${f.name}`)), [
      'oleaut32.dll!SysAllocString', 'ws2_32.dll!WSACleanup', 'ws2_32.dll!WSAStartup',
      ...KERNEL32.map((f) => `KERNEL32.dll!${f}`), 'USER32.dll!wsprintfA',
    ]);
    assert.equal(p.imphash, '86c1ba53b92cfc96cf9d2770b0ec0b36');
  });

  it('x64 dll: DLL flag and exports', () => {
    const p = pe(fixture('exports-x64.dll'));
    assert.equal(p.isDll, true);
    assert.ok(p.characteristicFlags.includes('dll'));
    assert.equal(p.exports?.dllName, 'exports-x64.dll');
    assert.deepEqual(p.exports?.functions.map((f) => [f.ordinal, f.name]), [[1, 'wf_add'], [2, 'wf_mul'], [3, 'wf_name'], [4, 'wf_pid']]);
    assert.deepEqual(p.imports.map((i) => [i.dll, i.functions.map((f) => f.name)]), [['KERNEL32.dll', ['GetCurrentProcessId', 'lstrlenA']]]);
    assert.equal(p.imphash, '2c8150483c4ea5a165e958bc3241704f');
  });

  it('VERSIONINFO strings', () => {
    const p = pe(fixture('versioned-x64.exe'));
    assert.equal(p.subsystemName, 'windows-gui');
    assert.deepEqual(p.resources, { types: { RT_VERSION: 1 }, total: 1 });
    assert.equal(p.versionInfo?.fixedFileVersion, '1.2.3.4');
    assert.deepEqual(p.versionInfo?.strings, {
      CompanyName: 'Watchfloor Test Fixtures', FileDescription: 'Watchfloor versioned fixture', FileVersion: '1.2.3.4',
      InternalName: 'versioned', LegalCopyright: 'Copyright (C) Watchfloor contributors', OriginalFilename: 'versioned.exe',
      ProductName: 'Watchfloor', ProductVersion: '1.2',
    });
  });

  it('signed exe: certificate table in the overlay; tampered exe: checksum mismatch', () => {
    const p = pe(fixture('signed-x64.exe'));
    assert.deepEqual(p.certificateTable, { offset: 3584, size: 2544 });
    assert.equal(p.overlay?.offset, 3584);
    assert.equal(p.overlay?.containsCertificate, true);
    const t = pe(fixture('tampered-x64.exe'));
    assert.equal(t.checksum.matches, false);
    assert.ok(t.anomalies.some((a) => a.code === 'checksum-mismatch'));
  });

  const yara = hasYara();
  for (const name of ['hello-x86.exe', 'hello-x64.exe', 'exports-x64.dll', 'versioned-x64.exe', 'signed-x64.exe']) {
    it(`imphash and checksum of ${name} equal Debian yara's pe.imphash() / pe.calculate_checksum()`, { skip: yara ? false : 'Debian `yara` is not installed (apt-get install -y yara): cannot compare with pe.imphash()' }, () => {
      const p = pe(fixture(name));
      assert.ok(yaraAgrees(`pe.imphash() == "${p.imphash}"`, join(FIXTURES, name)), `yara disagrees with imphash ${p.imphash}`);
      assert.ok(yaraAgrees(`pe.calculate_checksum() == ${p.checksum.computed ?? -1}`, join(FIXTURES, name)));
    });
  }
});

/** Runs parsePe and checks it came back quickly (bounded work). */
function timed(bytes: Uint8Array): ReturnType<typeof parsePe> {
  const start = performance.now();
  const r = parsePe(bytes);
  assert.ok(performance.now() - start < 2000, 'parsePe took more than 2 s');
  return r;
}

const codes = (r: ReturnType<typeof parsePe>): string[] => (r.ok ? r.pe.anomalies : r.anomalies).map((a) => a.code);

describe('parsePe on hostile input', () => {
  it('empty file and random bytes: not a PE, no exception', () => {
    assert.deepEqual(timed(new Uint8Array(0)), { ok: false, reason: 'no MZ header', anomalies: [] });
    const random = new Uint8Array(1 << 16).map((_, i) => (i * 2654435761) >>> 24);
    assert.equal(timed(random).ok, false);
    random[0] = 0x4d;
    random[1] = 0x5a;
    assert.equal(timed(random).ok, false);
  });

  it('e_lfanew pointing outside the file', () => {
    const b = Buffer.from(fixture('hello-x64.exe'));
    b.writeUInt32LE(0xfffffff0, 0x3c);
    const r = timed(b);
    assert.equal(r.ok, false);
    assert.deepEqual(codes(r), ['e-lfanew-outside-file']);
  });

  it('truncated PE: inside the optional header and inside a section', () => {
    const full = fixture('hello-x64.exe');
    const r1 = timed(full.subarray(0, 200));
    assert.ok(codes(r1).includes('optional-header-truncated'));
    assert.ok(codes(r1).includes('section-table-truncated'));
    const r2 = timed(full.subarray(0, 1100));
    assert.ok(r2.ok);
    assert.ok(codes(r2).includes('raw-data-beyond-eof'));
  });

  it('section table past the end and huge NumberOfSections', () => {
    const b = Buffer.from(fixture('hello-x64.exe'));
    b.writeUInt16LE(0xffff, 0x80 + 6);
    const r = timed(b);
    assert.ok(r.ok);
    assert.ok(codes(r).includes('huge-section-count'));
    assert.equal(r.pe.sections.length, Math.floor((b.length - (0x80 + 24 + 240)) / 40));
    assert.ok(codes(r).includes('section-table-truncated'));
    const cut = timed(b.subarray(0, 0x80 + 24 + 240 + 40 * 5));
    assert.ok(cut.ok);
    assert.equal(cut.pe.sections.length, 5);
    assert.ok(codes(cut).includes('section-table-truncated'));
  });

  /** hello-x64.exe with .idata grown by 4 MB holding 40,000 descriptors that all share one thunk table. */
  function importBomb(thunksPerTable: number | 'unterminated'): Buffer {
    const base = fixture('hello-x64.exe');
    const extra = 4 << 20;
    const b = Buffer.alloc(base.length + extra);
    base.copy(b);
    const idata = 0x80 + 24 + 240 + 2 * 40; // third section header (.idata: RVA 0x3000, raw 0x800)
    b.writeUInt32LE(0x200 + extra, idata + 8); // VirtualSize
    b.writeUInt32LE(0x200 + extra, idata + 16); // SizeOfRawData
    const rvaOf = (off: number): number => 0x3000 + off - 0x800;
    const nameOff = base.length;
    b.write('evil.dll\0', nameOff, 'latin1');
    const hintName = nameOff + 16;
    b.write('\0\0Boom\0', hintName, 'latin1');
    const descriptors = nameOff + 64;
    const thunks = descriptors + 40000 * 20 + 20;
    for (let i = 0; i < 40000; i++) {
      const d = descriptors + i * 20;
      b.writeUInt32LE(rvaOf(thunks), d);
      b.writeUInt32LE(rvaOf(nameOff), d + 12);
      b.writeUInt32LE(rvaOf(thunks), d + 16);
    }
    const end = thunksPerTable === 'unterminated' ? b.length : thunks + thunksPerTable * 8;
    for (let t = thunks; t + 8 <= end; t += 8) b.writeBigUInt64LE(BigInt(rvaOf(hintName)), t);
    b.writeUInt32LE(rvaOf(descriptors), 0x98 + 112 + 8); // import directory entry
    return b;
  }

  it('import thunk table shared by 40,000 descriptors: capped at 1,024 DLLs, reuse reported once', () => {
    const r = timed(importBomb(3));
    assert.ok(r.ok);
    assert.equal(r.pe.imports.length, 1024);
    assert.equal(r.pe.imports.reduce((n, i) => n + i.functions.length, 0), 3072);
    assert.deepEqual(codes(r).filter((c) => c.startsWith('import-')), ['import-thunk-table-reused', 'import-dll-cap']);
  });

  it('unterminated thunk table running to the end of a 4 MB file: capped', () => {
    const r = timed(importBomb('unterminated'));
    assert.ok(r.ok);
    assert.equal(r.pe.imports.length, 1);
    assert.equal(r.pe.imports[0]?.functions.length, 16384);
    assert.ok(codes(r).includes('import-function-cap'));
  });
});
