// Import table (DLLs and functions by name/ordinal) and the imphash, walked the way YARA's pe module walks it, with caps.
import { createHash } from 'node:crypto';
import { rvaToOffset, type PeHeaders } from './headers.ts';
import { ordinalName } from './ordinals.ts';
import type { ByteReader } from './reader.ts';
import type { PeAnomaly, PeImport, PeImportedFunction, PeLimits } from './types.ts';

const DLL_NAME_CHARS = /^[A-Za-z0-9_.-]+$/;

export function parseImports(r: ByteReader, h: PeHeaders, limits: PeLimits, anomalies: PeAnomaly[]): PeImport[] {
  const dir = h.dataDirectories[1];
  if (!dir || dir.rva === 0) return [];
  let descriptor = rvaToOffset(h, r.length, dir.rva);
  if (descriptor < 0) {
    anomalies.push({ code: 'import-directory-unmapped', message: `import directory RVA 0x${dir.rva.toString(16)} maps to no file offset` });
    return [];
  }
  const imports: PeImport[] = [];
  const seenThunkTables = new Set<number>();
  const budget = { functions: 0 };
  let descriptors = 0;
  // Descriptor array: 20-byte entries terminated by one whose Name is 0 (YARA's loop condition).
  while (r.fits(descriptor, 20) && r.u32(descriptor + 12) !== 0) {
    if (descriptors >= limits.maxImportDlls) {
      anomalies.push({ code: 'import-dll-cap', message: `more than ${limits.maxImportDlls} import descriptors; the rest are ignored` });
      break;
    }
    descriptors++;
    const nameOffset = rvaToOffset(h, r.length, r.u32(descriptor + 12));
    if (nameOffset >= 0) {
      const dllName = r.cstring(nameOffset, limits.maxNameLength);
      if (!dllName.terminated || !DLL_NAME_CHARS.test(dllName.value)) {
        anomalies.push({ code: 'import-bad-dll-name', message: `import descriptor ${descriptors - 1} has an invalid DLL name; import parsing stops` });
        break;
      }
      const functions = parseThunks(r, h, descriptor, dllName.value, limits, budget, seenThunkTables, anomalies);
      if (functions.length > 0) imports.push({ dll: dllName.value, functions });
    }
    descriptor += 20;
    if (budget.functions >= limits.maxImportFunctions) break;
  }
  return imports;
}

function parseThunks(
  r: ByteReader, h: PeHeaders, descriptor: number, dll: string, limits: PeLimits,
  budget: { functions: number }, seen: Set<number>, anomalies: PeAnomaly[],
): PeImportedFunction[] {
  let offset = rvaToOffset(h, r.length, r.u32(descriptor));
  if (offset <= 0) offset = rvaToOffset(h, r.length, r.u32(descriptor + 16));
  if (offset < 0) return [];
  if (seen.has(offset) && !anomalies.some((a) => a.code === 'import-thunk-table-reused')) {
    anomalies.push({ code: 'import-thunk-table-reused', message: `${dll}: its thunk table at 0x${offset.toString(16)} was already walked for another descriptor` });
  }
  seen.add(offset);
  const size = h.is64 ? 8 : 4;
  const functions: PeImportedFunction[] = [];
  for (;;) {
    if (!r.fits(offset, size)) {
      anomalies.push({ code: 'import-thunks-unterminated', message: `${dll}: the thunk table runs to the end of the file` });
      break;
    }
    const thunk = h.is64 ? r.u64(offset) : BigInt(r.u32(offset));
    if (thunk === 0n) break;
    if (budget.functions >= limits.maxImportFunctions) {
      anomalies.push({ code: 'import-function-cap', message: `more than ${limits.maxImportFunctions} imported functions; the rest are ignored` });
      break;
    }
    budget.functions++;
    const byOrdinal = h.is64 ? (thunk & 0x8000000000000000n) !== 0n : (thunk & 0x80000000n) !== 0n;
    if (byOrdinal) {
      const ordinal = Number(thunk & 0xffffn);
      functions.push({ name: ordinalName(dll, ordinal), ordinal, byOrdinal: true });
    } else {
      const rva = h.is64 ? thunk : thunk & 0x7fffffffn;
      const nameOffset = rva > 0xffffffffn ? -1 : rvaToOffset(h, r.length, Number(rva));
      if (nameOffset >= 0 && r.fits(nameOffset, 3)) {
        const name = r.cstring(nameOffset + 2, limits.maxNameLength).value;
        functions.push({ name, hint: r.u16(nameOffset), byOrdinal: false });
      }
    }
    offset += size;
  }
  return functions;
}

/**
 * The imphash as YARA's `pe.imphash()` computes it: for every import, the DLL name cut at its first '.' when that
 * starts ".dll"/".ocx"/".sys" (case-insensitive), '.', the function name (ordinals resolved by `ordinalName`),
 * lower-cased (ASCII), joined by ',', MD5 over the bytes. pefile cuts at the last '.' instead; they differ only
 * for DLL names with several dots.
 */
export function imphash(imports: PeImport[]): string {
  const parts: string[] = [];
  for (const imp of imports) {
    const dot = imp.dll.indexOf('.');
    const ext = dot >= 0 ? imp.dll.slice(dot, dot + 4).toLowerCase() : '';
    const base = ext === '.dll' || ext === '.ocx' || ext === '.sys' ? imp.dll.slice(0, dot) : imp.dll;
    for (const fn of imp.functions) parts.push(asciiLower(`${base}.${fn.name}`));
  }
  if (parts.length === 0) return '';
  return createHash('md5').update(Buffer.from(parts.join(','), 'latin1')).digest('hex');
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
