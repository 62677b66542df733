// parsePe: the PE parser's entry point; never throws, bounds all work, reports anomalies instead of failing.
import { parseExports } from './exports.ts';
import { parseHeaders, type PeHeaders, type RawSection } from './headers.ts';
import { imphash, parseImports } from './imports.ts';
import { characteristicFlags, machineName, sectionFlags, subsystemName } from './names.ts';
import { ByteReader, entropy, hex } from './reader.ts';
import { parseResources } from './resources.ts';
import { DEFAULT_PE_LIMITS, type PeAnomaly, type PeInfo, type PeLimits, type PeOverlay, type PeRichHeader, type PeSection } from './types.ts';

export type PeParseResult = { ok: true; pe: PeInfo } | { ok: false; reason: string; anomalies: PeAnomaly[] };

export function parsePe(bytes: Uint8Array, limits: Partial<PeLimits> = {}): PeParseResult {
  const anomalies: PeAnomaly[] = [];
  try {
    const lim = { ...DEFAULT_PE_LIMITS, ...limits };
    const r = new ByteReader(bytes);
    const parsed = parseHeaders(r, lim, anomalies);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, anomalies };
    return { ok: true, pe: describe(r, parsed.headers, lim, anomalies) };
  } catch (err) {
    // Defence in depth: a parser bug must not take the analysis down.
    const reason = `PE parser error: ${err instanceof Error ? err.message : String(err)}`;
    anomalies.push({ code: 'parser-error', message: reason });
    return { ok: false, reason, anomalies };
  }
}

function describe(r: ByteReader, h: PeHeaders, lim: PeLimits, anomalies: PeAnomaly[]): PeInfo {
  const sections = h.sections.map((s) => describeSection(r, s));
  for (const s of sections) for (const a of s.anomalies) anomalies.push({ code: a, message: `section ${JSON.stringify(s.name)}: ${a}` });
  const imports = parseImports(r, h, lim, anomalies);
  const exports = parseExports(r, h, lim, anomalies);
  const { summary, versionInfo } = parseResources(r, h, lim, anomalies);
  const sec = h.dataDirectories[4];
  const certificateTable = sec && sec.rva !== 0 && sec.size !== 0 ? { offset: sec.rva, size: sec.size } : null;
  if (certificateTable && !r.fits(certificateTable.offset, certificateTable.size)) {
    anomalies.push({ code: 'certificate-table-outside-file', message: 'the security directory points past the end of the file' });
  }
  const entrySection = h.sections.find((s) => h.entryPoint >= s.virtualAddress && h.entryPoint < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
  const isDll = (h.characteristics & 0x2000) !== 0;
  if (h.entryPoint !== 0 && !entrySection && h.entryPoint >= h.sizeOfHeaders) {
    anomalies.push({ code: 'entry-point-outside-sections', message: `entry point 0x${h.entryPoint.toString(16)} is in no section` });
  } else if (entrySection && (entrySection.characteristics & 0x20000000) === 0) {
    anomalies.push({ code: 'entry-point-not-executable', message: `entry point is in non-executable section ${JSON.stringify(entrySection.name)}` });
  }
  if (h.sizeOfHeaders > r.length) anomalies.push({ code: 'headers-past-eof', message: `SizeOfHeaders ${h.sizeOfHeaders} exceeds the file size` });
  const now = Date.now() / 1000;
  if (h.timestamp > now + 86400) anomalies.push({ code: 'future-timestamp', message: `link timestamp ${h.timestamp} is in the future` });
  const computed = h.checksum !== 0 ? peChecksum(r.bytes, h.checksumOffset) : null;
  if (computed !== null && computed !== h.checksum) {
    anomalies.push({ code: 'checksum-mismatch', message: `stored checksum 0x${h.checksum.toString(16)} != computed 0x${computed.toString(16)}` });
  }
  return {
    format: h.is64 ? 'PE32+' : 'PE32',
    is64: h.is64,
    machine: h.machine,
    machineName: machineName(h.machine),
    timestamp: h.timestamp,
    timestampIso: new Date(h.timestamp * 1000).toISOString(),
    characteristics: h.characteristics,
    characteristicFlags: characteristicFlags(h.characteristics),
    isDll,
    subsystem: h.subsystem,
    subsystemName: subsystemName(h.subsystem),
    dllCharacteristics: h.dllCharacteristics,
    entryPoint: h.entryPoint,
    entryPointSection: entrySection?.name ?? null,
    imageBase: hex(h.imageBase),
    sectionAlignment: h.sectionAlignment,
    fileAlignment: h.fileAlignment,
    sizeOfImage: h.sizeOfImage,
    sizeOfHeaders: h.sizeOfHeaders,
    checksum: { stored: h.checksum, computed, matches: computed === null ? null : computed === h.checksum },
    numberOfSections: h.numberOfSections,
    sections,
    dataDirectories: h.dataDirectories.filter((d) => d.rva !== 0 || d.size !== 0),
    imports,
    imphash: imphash(imports),
    exports,
    resources: summary,
    versionInfo,
    overlay: overlay(r, h, certificateTable),
    richHeader: richHeader(r, h.peOffset),
    certificateTable,
    layout: {
      optionalHeaderOffset: h.optionalHeaderOffset,
      checksumOffset: h.checksumOffset,
      securityEntryOffset: h.securityEntryOffset,
      sizeOfHeaders: h.sizeOfHeaders,
    },
    anomalies,
  };
}

function describeSection(r: ByteReader, s: RawSection): PeSection {
  const flags = sectionFlags(s.characteristics);
  const issues: string[] = [];
  if (flags.includes('write') && flags.includes('execute')) issues.push('rwx');
  if (s.rawSize > 0 && s.rawAddress + s.rawSize > r.length) issues.push('raw-data-beyond-eof');
  if (s.rawSize === 0 && s.virtualSize >= 0x100000) issues.push('zero-raw-size-large-virtual-size');
  if (!/^[\x20-\x7e]*$/.test(s.name)) issues.push('non-printable-name');
  const e = entropy(r.slice(s.rawAddress, s.rawSize));
  if (e > 7.2) issues.push('high-entropy');
  return { ...s, flags, entropy: e, anomalies: issues };
}

function overlay(r: ByteReader, h: PeHeaders, cert: { offset: number; size: number } | null): PeOverlay | null {
  let end = 0;
  for (const s of h.sections) if (s.rawSize > 0) end = Math.max(end, s.rawAddress + s.rawSize);
  if (end === 0 || end >= r.length) return null;
  const size = r.length - end;
  return {
    offset: end,
    size,
    entropy: entropy(r.slice(end, size)),
    containsCertificate: cert !== null && cert.offset >= end && cert.offset < r.length,
  };
}

/** The "Rich" header between the DOS stub and the PE header: `DanS` … `Rich` key, XOR-masked with key. */
function richHeader(r: ByteReader, peOffset: number): PeRichHeader | null {
  const limit = Math.min(peOffset, r.length, 0x1000);
  for (let p = 0x80; p + 8 <= limit; p += 4) {
    if (r.u32(p) !== 0x68636952) continue;
    const key = r.u32(p + 4);
    for (let q = p - 4; q >= 0x40; q -= 4) {
      if ((r.u32(q) ^ key) >>> 0 === 0x536e6144) return { offset: q, xorKey: key, entries: Math.max(0, (p - (q + 16)) >> 3) };
    }
    return null;
  }
  return null;
}

/** The PE checksum (imagehlp's CheckSumMappedFile): 16-bit one's-complement sum skipping the checksum field, plus the file length. */
export function peChecksum(bytes: Uint8Array, checksumOffset: number): number {
  const n = bytes.length;
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Uint16Array(aligned.buffer, aligned.byteOffset, n >> 1);
  let sum = 0;
  const skip = checksumOffset >> 1;
  for (let i = 0; i < words.length; i++) {
    if (i === skip || i === skip + 1) continue;
    sum += words[i] as number;
    if (sum > 0xfffffffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  }
  if (n % 2 === 1) sum += bytes[n - 1] as number;
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return (sum + n) >>> 0;
}
