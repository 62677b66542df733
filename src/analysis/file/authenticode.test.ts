// Tests for Authenticode: signer details, image digest (checked against osslsigncode), tampering, signature, hostile tables.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAuthenticode, type AuthenticodeReport } from './authenticode.ts';
import { authenticodeDigest } from './authenticode-digest.ts';
import { parsePe } from './pe/parse-pe.ts';
import type { PeInfo } from './pe/types.ts';

const FIXTURES = new URL('../../../test/fixtures/pe/', import.meta.url).pathname;

function load(name: string): { bytes: Buffer; pe: PeInfo } {
  const bytes = readFileSync(join(FIXTURES, name));
  const r = parsePe(bytes);
  assert.ok(r.ok);
  return { bytes, pe: r.pe };
}

function report(name: string): AuthenticodeReport {
  const { bytes, pe } = load(name);
  const r = analyzeAuthenticode(bytes, pe);
  assert.ok(r);
  return r;
}

/** osslsigncode's "Calculated message digest" for a file, or null when the tool is missing. */
function osslsigncodeDigest(name: string): string | null {
  try {
    execFileSync('osslsigncode', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  let out: string;
  try {
    out = execFileSync('osslsigncode', ['verify', '-in', join(FIXTURES, name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return /Calculated message digest\s*:\s*([0-9A-F]+)/.exec(out)?.[1]?.toLowerCase() ?? null;
}

const SIGNER = {
  subject: 'C=XX, O=Watchfloor Test, CN=Watchfloor Test Code Signing',
  issuer: 'C=XX, O=Watchfloor Test, CN=Watchfloor Test Root CA',
  serialNumber: '5EC0DE01',
  notBefore: '2026-11-26T03:39:26.000Z',
  notAfter: '2046-11-21T03:39:26.000Z',
};

describe('analyzeAuthenticode', () => {
  it('signed fixture: signer, chain as given, digest matches, signature verifies', () => {
    const r = report('signed-x64.exe');
    assert.equal(r.entries, 1);
    assert.equal(r.contentType, '1.3.6.1.4.1.311.2.1.4');
    assert.equal(r.digestAlgorithm, 'sha256');
    assert.equal(r.embeddedDigest, '08bed530b30f9a92d948c97826a1a4842e7a56ab4815b7a91c007401906aa327');
    assert.equal(r.computedDigest, r.embeddedDigest);
    assert.equal(r.digestMatches, true);
    assert.equal(r.messageDigestMatches, true);
    assert.equal(r.signatureVerifies, true);
    assert.equal(r.valid, true);
    assert.equal(r.signingTime, '2023-11-14T22:13:20.000Z');
    assert.deepEqual({ ...r.signer, sha256Fingerprint: undefined, selfSigned: undefined }, { ...SIGNER, sha256Fingerprint: undefined, selfSigned: undefined });
    assert.deepEqual(r.chain.map((c) => [c.subject, c.selfSigned]), [
      [SIGNER.subject, false], ['C=XX, O=Watchfloor Test, CN=Watchfloor Test Root CA', true],
    ]);
    assert.equal(r.chainStatus, 'untrusted-root');
    assert.deepEqual(r.warnings.filter((w) => !w.includes('validity')), []);
  });

  it('tampered fixture: digest mismatch, signature itself still verifies', () => {
    const r = report('tampered-x64.exe');
    assert.equal(r.digestMatches, false);
    assert.equal(r.computedDigest, '6bdc417aa47bab603ed949278d8b48dd7461a00ef515b69fd5d236351bd6b425');
    assert.equal(r.signatureVerifies, true);
    assert.equal(r.messageDigestMatches, true);
    assert.equal(r.valid, false);
  });

  for (const name of ['signed-x64.exe', 'tampered-x64.exe']) {
    const expected = osslsigncodeDigest(name);
    it(`image digest of ${name} equals osslsigncode's`, { skip: expected === null ? 'osslsigncode is not installed' : false }, () => {
      assert.equal(report(name).computedDigest, expected);
    });
  }

  it('signer details equal openssl x509 on the committed certificate', () => {
    let out: string;
    try {
      out = execFileSync('openssl', ['x509', '-in', join(FIXTURES, 'test-signer.crt'), '-noout', '-serial', '-dates'], { encoding: 'utf8' });
    } catch {
      return;
    }
    assert.match(out, new RegExp(`serial=${SIGNER.serialNumber}`));
    assert.equal(new Date(/notAfter=(.*)/.exec(out)?.[1] ?? '').toISOString(), SIGNER.notAfter);
  });

  it('unsigned PE: null; digest of the unsigned original equals the signed embedded one', () => {
    const { bytes, pe } = load('versioned-x64.exe');
    assert.equal(analyzeAuthenticode(bytes, pe), null);
    // osslsigncode signed exactly this file (3584 bytes, already 8-aligned): the hash must be the same.
    assert.equal(authenticodeDigest(bytes, pe, 'sha256'), report('signed-x64.exe').embeddedDigest);
  });

  it('hostile certificate tables: garbage, bad lengths, past the end — warnings, never an exception', () => {
    const { bytes, pe } = load('signed-x64.exe');
    const table = pe.certificateTable;
    assert.ok(table);
    const garbage = Buffer.from(bytes);
    for (let i = table.offset + 8; i < garbage.length; i++) garbage[i] = (i * 31) & 0xff;
    const g = analyzeAuthenticode(garbage, pe);
    assert.equal(g?.valid, false);
    assert.ok(g?.warnings.some((w) => w.startsWith('malformed PKCS#7')));
    const badLength = Buffer.from(bytes);
    badLength.writeUInt32LE(3, table.offset);
    assert.match(analyzeAuthenticode(badLength, pe)?.warnings[0] ?? '', /bad length/);
    const past = analyzeAuthenticode(bytes.subarray(0, table.offset + 100), pe);
    assert.ok(past?.warnings.includes('certificate table extends past the end of the file'));
    assert.equal(past?.valid, false);
  });
});
