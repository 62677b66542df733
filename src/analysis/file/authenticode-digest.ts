// The Authenticode PE image hash: the file minus the checksum field, the security directory entry and the certificate table.
import { createHash } from 'node:crypto';
import type { PeInfo } from './pe/types.ts';

/**
 * Hashes [0, checksum) + [checksum+4, securityEntry) + [securityEntry+8, certTable) + [certTable end, EOF).
 * Signers hash the file before the table is appended; when a file is not signed yet and its length is not a multiple
 * of 8, the hash covers the zero padding the signer will add (osslsigncode/signtool behaviour).
 */
export function authenticodeDigest(bytes: Uint8Array, pe: Pick<PeInfo, 'layout' | 'certificateTable'>, algorithm: string): string {
  const hash = createHash(algorithm);
  const { checksumOffset, securityEntryOffset } = pe.layout;
  const n = bytes.length;
  const cert = pe.certificateTable && pe.certificateTable.offset < n ? pe.certificateTable : null;
  const certStart = cert ? cert.offset : n;
  const certEnd = cert ? Math.min(n, cert.offset + cert.size) : n;
  const cuts: [number, number][] = [[checksumOffset, 4]];
  if (securityEntryOffset >= 0) cuts.push([securityEntryOffset, 8]);
  cuts.push([certStart, certEnd - certStart]);
  cuts.sort((a, b) => a[0] - b[0]);
  let pos = 0;
  for (const [start, len] of cuts) {
    if (start > pos) hash.update(bytes.subarray(pos, Math.min(start, n)));
    pos = Math.max(pos, start + len);
  }
  if (pos < n) hash.update(bytes.subarray(pos, n));
  if (!cert && n % 8 !== 0) hash.update(new Uint8Array(8 - (n % 8)));
  return hash.digest('hex');
}
