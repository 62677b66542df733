// Export directory: DLL name, ordinals, names and forwarders, capped.
import { rvaToOffset, type PeHeaders } from './headers.ts';
import type { ByteReader } from './reader.ts';
import type { PeAnomaly, PeExport, PeExports, PeLimits } from './types.ts';

export function parseExports(r: ByteReader, h: PeHeaders, limits: PeLimits, anomalies: PeAnomaly[]): PeExports | null {
  const dir = h.dataDirectories[0];
  if (!dir || dir.rva === 0) return null;
  const base = rvaToOffset(h, r.length, dir.rva);
  if (base < 0 || !r.fits(base, 40)) {
    anomalies.push({ code: 'export-directory-unmapped', message: `export directory RVA 0x${dir.rva.toString(16)} is outside the file` });
    return null;
  }
  const str = (rva: number): string => {
    const off = rvaToOffset(h, r.length, rva);
    return off < 0 ? '' : r.cstring(off, limits.maxNameLength).value;
  };
  const ordinalBase = r.u32(base + 16);
  let numberOfFunctions = r.u32(base + 20);
  let numberOfNames = r.u32(base + 24);
  if (numberOfFunctions > limits.maxExports || numberOfNames > limits.maxExports) {
    anomalies.push({ code: 'export-cap', message: `export directory declares ${numberOfFunctions} functions / ${numberOfNames} names; capped at ${limits.maxExports}` });
    numberOfFunctions = Math.min(numberOfFunctions, limits.maxExports);
    numberOfNames = Math.min(numberOfNames, limits.maxExports);
  }
  const functionsOff = rvaToOffset(h, r.length, r.u32(base + 28));
  const namesOff = rvaToOffset(h, r.length, r.u32(base + 32));
  const ordinalsOff = rvaToOffset(h, r.length, r.u32(base + 36));

  const names = new Map<number, string>();
  if (namesOff >= 0 && ordinalsOff >= 0) {
    for (let i = 0; i < numberOfNames; i++) {
      if (!r.fits(namesOff + i * 4, 4) || !r.fits(ordinalsOff + i * 2, 2)) break;
      const index = r.u16(ordinalsOff + i * 2);
      if (!names.has(index)) names.set(index, str(r.u32(namesOff + i * 4)));
    }
  }
  const functions: PeExport[] = [];
  if (functionsOff >= 0) {
    for (let i = 0; i < numberOfFunctions; i++) {
      if (!r.fits(functionsOff + i * 4, 4)) {
        anomalies.push({ code: 'export-table-truncated', message: 'the export address table runs past the end of the file' });
        break;
      }
      const rva = r.u32(functionsOff + i * 4);
      if (rva === 0) continue;
      const entry: PeExport = { ordinal: ordinalBase + i, rva };
      const name = names.get(i);
      if (name !== undefined) entry.name = name;
      if (rva >= dir.rva && rva < dir.rva + dir.size) entry.forwarder = str(rva);
      functions.push(entry);
    }
  }
  return { dllName: str(r.u32(base + 12)), timestamp: r.u32(base + 4), ordinalBase, functions };
}
