// Resource tree walk (types counted, loops and depth bounded) and VS_VERSIONINFO string extraction.
import { rvaToOffset, type PeHeaders } from './headers.ts';
import { resourceTypeName } from './names.ts';
import type { ByteReader } from './reader.ts';
import type { PeAnomaly, PeLimits, PeResourceSummary, PeVersionInfo } from './types.ts';

interface ResourceLeaf {
  type: string;
  rva: number;
  size: number;
}

export function parseResources(
  r: ByteReader, h: PeHeaders, limits: PeLimits, anomalies: PeAnomaly[],
): { summary: PeResourceSummary | null; versionInfo: PeVersionInfo | null } {
  const dir = h.dataDirectories[2];
  if (!dir || dir.rva === 0) return { summary: null, versionInfo: null };
  const root = rvaToOffset(h, r.length, dir.rva);
  if (root < 0) {
    anomalies.push({ code: 'resource-directory-unmapped', message: `resource directory RVA 0x${dir.rva.toString(16)} is outside the file` });
    return { summary: null, versionInfo: null };
  }
  const leaves: ResourceLeaf[] = [];
  const visited = new Set<number>();
  let budget = limits.maxResourceEntries;
  const walk = (offset: number, depth: number, type: string): void => {
    if (visited.has(offset)) {
      anomalies.push({ code: 'resource-loop', message: `resource directory at 0x${offset.toString(16)} is referenced twice (loop)` });
      return;
    }
    visited.add(offset);
    if (!r.fits(offset, 16)) return;
    const count = r.u16(offset + 12) + r.u16(offset + 14);
    for (let i = 0; i < count; i++) {
      if (budget-- <= 0) {
        if (budget === -1) anomalies.push({ code: 'resource-cap', message: `more than ${limits.maxResourceEntries} resource entries; the rest are ignored` });
        return;
      }
      const e = offset + 16 + i * 8;
      if (!r.fits(e, 8)) return;
      const nameField = r.u32(e);
      const target = r.u32(e + 4);
      const entryType = depth === 0 ? entryName(r, root, nameField) : type;
      if ((target & 0x80000000) !== 0) {
        if (depth < 2) walk(root + (target & 0x7fffffff), depth + 1, entryType);
      } else if (r.fits(root + target, 16)) {
        leaves.push({ type: entryType, rva: r.u32(root + target), size: r.u32(root + target + 4) });
      }
    }
  };
  walk(root, 0, '');
  const types: Record<string, number> = {};
  for (const leaf of leaves) types[leaf.type] = (types[leaf.type] ?? 0) + 1;
  const version = leaves.find((l) => l.type === 'RT_VERSION');
  let versionInfo: PeVersionInfo | null = null;
  if (version) {
    const off = rvaToOffset(h, r.length, version.rva);
    if (off >= 0) versionInfo = parseVersionInfo(r, off, Math.min(version.size, r.length - off));
  }
  return { summary: { types, total: leaves.length }, versionInfo };
}

function entryName(r: ByteReader, root: number, field: number): string {
  if ((field & 0x80000000) === 0) return resourceTypeName(field & 0xffff);
  const off = root + (field & 0x7fffffff);
  return r.utf16(off + 2, Math.min(r.u16(off), 256));
}

interface VersionNode {
  key: string;
  valueOffset: number;
  valueLength: number;
  type: number;
  childrenOffset: number;
  end: number;
}

/** One VS_VERSIONINFO-style node: wLength, wValueLength, wType, szKey (UTF-16, NUL), padding, Value, padding, children. */
function readNode(r: ByteReader, offset: number, limit: number): VersionNode | null {
  if (offset + 6 > limit) return null;
  const length = r.u16(offset);
  if (length < 6) return null;
  const end = Math.min(offset + length, limit);
  let p = offset + 6;
  const chars: number[] = [];
  while (p + 1 < end && chars.length < 256) {
    const c = r.u16(p);
    p += 2;
    if (c === 0) break;
    chars.push(c);
  }
  p = (p + 3) & ~3;
  const valueLength = r.u16(offset + 2);
  const type = r.u16(offset + 4);
  const valueBytes = type === 1 ? valueLength * 2 : valueLength;
  const childrenOffset = (p + valueBytes + 3) & ~3;
  return { key: String.fromCharCode(...chars), valueOffset: p, valueLength, type, childrenOffset, end };
}

function children(r: ByteReader, node: VersionNode, max: number): VersionNode[] {
  const out: VersionNode[] = [];
  let p = node.childrenOffset;
  while (p < node.end && out.length < max) {
    const child = readNode(r, p, node.end);
    if (!child) break;
    out.push(child);
    p = (child.end + 3) & ~3;
  }
  return out;
}

export function parseVersionInfo(r: ByteReader, offset: number, size: number): PeVersionInfo | null {
  const root = readNode(r, offset, offset + size);
  if (!root || root.key !== 'VS_VERSION_INFO') return null;
  const info: PeVersionInfo = { strings: {} };
  const fixed = root.valueOffset;
  if (root.valueLength >= 52 && r.u32(fixed) === 0xfeef04bd) {
    const ver = (hi: number, lo: number): string => `${hi >>> 16}.${hi & 0xffff}.${lo >>> 16}.${lo & 0xffff}`;
    info.fixedFileVersion = ver(r.u32(fixed + 8), r.u32(fixed + 12));
    info.fixedProductVersion = ver(r.u32(fixed + 16), r.u32(fixed + 20));
  }
  for (const block of children(r, root, 16)) {
    if (block.key !== 'StringFileInfo') continue;
    for (const table of children(r, block, 16)) {
      for (const str of children(r, table, 256)) {
        const chars = Math.min(str.valueLength, (str.end - str.valueOffset) >> 1);
        const value = r.utf16(str.valueOffset, chars).replace(/\0+$/, '');
        if (str.key && !(str.key in info.strings)) info.strings[str.key] = value;
      }
    }
  }
  return info;
}
