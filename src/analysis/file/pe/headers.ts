// DOS/NT/optional headers, data directories and the section table of a PE image, read defensively.
import { ByteReader, latin1 } from './reader.ts';
import { DATA_DIRECTORY_NAMES, isKnownMachine } from './names.ts';
import type { PeAnomaly, PeDataDirectory, PeLimits } from './types.ts';

export interface RawSection {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  rawAddress: number;
  rawSize: number;
  characteristics: number;
}

export interface PeHeaders {
  peOffset: number;
  machine: number;
  numberOfSections: number;
  timestamp: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
  optionalHeaderOffset: number;
  is64: boolean;
  entryPoint: number;
  imageBase: bigint;
  sectionAlignment: number;
  fileAlignment: number;
  sizeOfImage: number;
  sizeOfHeaders: number;
  checksum: number;
  checksumOffset: number;
  subsystem: number;
  dllCharacteristics: number;
  numberOfRvaAndSizes: number;
  dataDirectories: PeDataDirectory[];
  securityEntryOffset: number;
  sections: RawSection[];
}

export type HeaderResult = { ok: true; headers: PeHeaders } | { ok: false; reason: string };

const PE32_MAGIC = 0x10b;
const PE32_PLUS_MAGIC = 0x20b;

/** Parses the headers; `ok: false` when this is not a PE image we can describe at all. */
export function parseHeaders(r: ByteReader, limits: PeLimits, anomalies: PeAnomaly[]): HeaderResult {
  if (r.length < 64 || r.u16(0) !== 0x5a4d) return { ok: false, reason: 'no MZ header' };
  const peOffset = r.u32(0x3c);
  if (!r.fits(peOffset, 24)) {
    anomalies.push({ code: 'e-lfanew-outside-file', message: `e_lfanew 0x${peOffset.toString(16)} points outside the file (${r.length} bytes)` });
    return { ok: false, reason: 'e_lfanew points outside the file' };
  }
  if (r.u32(peOffset) !== 0x00004550) return { ok: false, reason: 'no PE signature at e_lfanew' };

  const fh = peOffset + 4;
  const machine = r.u16(fh);
  const numberOfSections = r.u16(fh + 2);
  const timestamp = r.u32(fh + 4);
  const sizeOfOptionalHeader = r.u16(fh + 16);
  const characteristics = r.u16(fh + 18);
  const oh = fh + 20;
  if (!isKnownMachine(machine)) anomalies.push({ code: 'unknown-machine', message: `unknown machine type 0x${machine.toString(16)}` });

  const magic = r.u16(oh);
  if (magic !== PE32_MAGIC && magic !== PE32_PLUS_MAGIC) {
    anomalies.push({ code: 'bad-optional-magic', message: `optional header magic 0x${magic.toString(16)} is neither PE32 nor PE32+` });
  }
  const is64 = magic === PE32_PLUS_MAGIC;
  const minOptional = is64 ? 112 : 96;
  if (!r.fits(oh, minOptional)) {
    anomalies.push({ code: 'optional-header-truncated', message: 'the optional header is cut off by the end of the file' });
  }
  if (sizeOfOptionalHeader < minOptional) {
    anomalies.push({ code: 'small-optional-header', message: `SizeOfOptionalHeader ${sizeOfOptionalHeader} is smaller than the fixed part (${minOptional})` });
  }

  const numberOfRvaAndSizes = r.u32(oh + (is64 ? 108 : 92));
  const ddBase = oh + (is64 ? 112 : 96);
  const dataDirectories: PeDataDirectory[] = [];
  // Like YARA: trust SizeOfOptionalHeader rather than NumberOfRvaAndSizes, which can lie.
  for (let i = 0; i < 16; i++) {
    const off = ddBase + i * 8;
    if (off + 8 > oh + sizeOfOptionalHeader || !r.fits(off, 8)) break;
    dataDirectories.push({ index: i, name: DATA_DIRECTORY_NAMES[i] ?? String(i), rva: r.u32(off), size: r.u32(off + 4) });
  }
  if (numberOfRvaAndSizes > 16) {
    anomalies.push({ code: 'many-data-directories', message: `NumberOfRvaAndSizes is ${numberOfRvaAndSizes} (max 16)` });
  }
  const securityEntry = ddBase + 4 * 8;
  const securityEntryOffset = securityEntry + 8 <= oh + sizeOfOptionalHeader && r.fits(securityEntry, 8) ? securityEntry : -1;

  const fileAlignment = r.u32(oh + 36);
  const sectionAlignment = r.u32(oh + 32);
  if (fileAlignment !== 0 && (fileAlignment & (fileAlignment - 1)) !== 0) {
    anomalies.push({ code: 'bad-file-alignment', message: `FileAlignment 0x${fileAlignment.toString(16)} is not a power of two` });
  }

  const headers: PeHeaders = {
    peOffset, machine, numberOfSections, timestamp, sizeOfOptionalHeader, characteristics,
    optionalHeaderOffset: oh, is64,
    entryPoint: r.u32(oh + 16),
    imageBase: is64 ? r.u64(oh + 24) : BigInt(r.u32(oh + 28)),
    sectionAlignment, fileAlignment,
    sizeOfImage: r.u32(oh + 56),
    sizeOfHeaders: r.u32(oh + 60),
    checksum: r.u32(oh + 64),
    checksumOffset: oh + 64,
    subsystem: r.u16(oh + 68),
    dllCharacteristics: r.u16(oh + 70),
    numberOfRvaAndSizes, dataDirectories, securityEntryOffset,
    sections: readSections(r, oh + sizeOfOptionalHeader, numberOfSections, limits, anomalies),
  };
  return { ok: true, headers };
}

function readSections(r: ByteReader, tableOffset: number, declared: number, limits: PeLimits, anomalies: PeAnomaly[]): RawSection[] {
  if (declared === 0) anomalies.push({ code: 'no-sections', message: 'NumberOfSections is 0' });
  if (declared > limits.maxSections) {
    anomalies.push({ code: 'huge-section-count', message: `NumberOfSections is ${declared}; only the first ${limits.maxSections} are read` });
  }
  const wanted = Math.min(declared, limits.maxSections);
  const available = Math.max(0, Math.floor((r.length - tableOffset) / 40));
  if (wanted > available) {
    anomalies.push({
      code: 'section-table-truncated',
      message: `the section table (${declared} entries at 0x${tableOffset.toString(16)}) runs past the end of the file; ${available} complete entries read`,
    });
  }
  const sections: RawSection[] = [];
  for (let i = 0; i < Math.min(wanted, available); i++) {
    const s = tableOffset + i * 40;
    const nameBytes = r.slice(s, 8);
    const nul = nameBytes.indexOf(0);
    sections.push({
      name: latin1(nul >= 0 ? nameBytes.subarray(0, nul) : nameBytes),
      virtualSize: r.u32(s + 8),
      virtualAddress: r.u32(s + 12),
      rawSize: r.u32(s + 16),
      rawAddress: r.u32(s + 20),
      characteristics: r.u32(s + 36),
    });
  }
  return sections;
}

/**
 * RVA → file offset, following YARA's `pe_rva_to_offset` (raw pointers rounded down to FileAlignment when it is
 * below 0x200; RVAs below the first section map 1:1), so imports resolve exactly as YARA resolves them. -1 if unmapped.
 */
export function rvaToOffset(h: PeHeaders, fileSize: number, rva: number): number {
  let lowest = 0xffffffff;
  let sectionRva = 0;
  let sectionOffset = 0;
  let sectionRawSize = 0;
  const alignment = Math.min(h.fileAlignment, 0x200);
  for (const s of h.sections) {
    if (lowest > s.virtualAddress) lowest = s.virtualAddress;
    if (rva >= s.virtualAddress && rva - s.virtualAddress < s.virtualSize && sectionRva <= s.virtualAddress) {
      sectionRva = s.virtualAddress;
      sectionOffset = s.rawAddress;
      sectionRawSize = s.rawSize;
      if (alignment) sectionOffset -= sectionOffset % alignment;
    }
  }
  if (rva < lowest) {
    sectionRva = 0;
    sectionOffset = 0;
    sectionRawSize = fileSize;
  }
  if (rva - sectionRva >= sectionRawSize) return -1;
  const result = sectionOffset + (rva - sectionRva);
  return result >= fileSize || result < 0 ? -1 : result;
}
