// analyzeFile: one report per file (type, hashes, PE, Authenticode, YARA, archive members), bounded in size and time; storeSample.
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { analyzeAuthenticode, type AuthenticodeReport } from './authenticode.ts';
import { detectFileType, type FileType } from './file-type.ts';
import { hashBytes, hashFile, type FileHashes } from './hashes.ts';
import { parsePe } from './pe/parse-pe.ts';
import type { PeInfo, PeLimits } from './pe/types.ts';
import type { YaraMatch, YaraScanner } from './yara.ts';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits, type ZipReport } from './zip.ts';

export interface AnalyzeFileOptions {
  /** Files larger than this are hashed but not analysed (default 64 MB). */
  maxSize?: number;
  /** Wall-clock budget for the whole analysis incl. archive members (default 30 s). */
  timeBudgetMs?: number;
  /** A compiled rule set (see loadYaraRules); no YARA scan without it. */
  yara?: YaraScanner | null;
  /** Zip password tried before "infected". */
  password?: string;
  zipLimits?: Partial<ZipLimits>;
  peLimits?: Partial<PeLimits>;
  /** Display name (defaults to the path's base name). */
  name?: string;
  /** When set, the top-level sample is stored content-addressed under this data folder. */
  dataDir?: string;
}

export interface FileReport {
  name: string | null;
  size: number;
  type: FileType;
  hashes: FileHashes;
  pe: PeInfo | null;
  authenticode: AuthenticodeReport | null;
  yara: YaraMatch[];
  archive: ZipReport<FileReport> | null;
  warnings: string[];
  /** Where the sample was stored (top level only, with `dataDir`). */
  storedAt?: string;
  elapsedMs: number;
}

export const DEFAULT_MAX_SIZE = 64 << 20;

interface Context {
  options: AnalyzeFileOptions;
  deadline: number;
  zipLimits: ZipLimits;
  budget: { remaining: number };
}

/** Analyses bytes or a file path. Hostile content yields warnings, never an exception; an unreadable path throws. */
export async function analyzeFile(input: Uint8Array | string, options: AnalyzeFileOptions = {}): Promise<FileReport> {
  const start = Date.now();
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const name = options.name ?? (typeof input === 'string' ? basename(input) : null);
  if (typeof input === 'string') {
    const info = await stat(input);
    if (info.size > maxSize) {
      const { size, ...hashes } = await hashFile(input);
      return oversized(name, size, hashes, maxSize, start);
    }
    input = await readFile(input);
  }
  if (input.length > maxSize) return oversized(name, input.length, hashBytes(input), maxSize, start);
  const zipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.zipLimits };
  const ctx: Context = { options, deadline: start + (options.timeBudgetMs ?? 30_000), zipLimits, budget: { remaining: zipLimits.maxTotalUncompressed } };
  const report = await analyzeBytes(input, name, 0, ctx);
  if (options.dataDir) {
    try {
      report.storedAt = (await storeSample(options.dataDir, input)).path;
    } catch (err) {
      report.warnings.push(`sample not stored: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  report.elapsedMs = Date.now() - start;
  return report;
}

function oversized(name: string | null, size: number, hashes: FileHashes, maxSize: number, start: number): FileReport {
  return {
    name, size, type: { kind: 'unknown', description: 'not inspected (too large)', mime: 'application/octet-stream', extension: '' },
    hashes, pe: null, authenticode: null, yara: [], archive: null,
    warnings: [`file is ${size} bytes, over the ${maxSize}-byte analysis limit: hashed only`], elapsedMs: Date.now() - start,
  };
}

async function analyzeBytes(bytes: Uint8Array, name: string | null, depth: number, ctx: Context): Promise<FileReport> {
  const started = Date.now();
  const warnings: string[] = [];
  const report: FileReport = {
    name, size: bytes.length, type: detectFileType(bytes), hashes: hashBytes(bytes), pe: null, authenticode: null,
    yara: [], archive: null, warnings, elapsedMs: 0,
  };
  if (bytes.length === 0) warnings.push('empty file');
  const overTime = (stage: string): boolean => {
    if (Date.now() <= ctx.deadline) return false;
    if (!warnings.some((w) => w.startsWith('time budget'))) warnings.push(`time budget exhausted before ${stage}`);
    return true;
  };

  if (report.type.kind.startsWith('pe-') || report.type.kind === 'mz') {
    const parsed = parsePe(bytes, ctx.options.peLimits);
    if (parsed.ok) {
      report.pe = parsed.pe;
      if (parsed.pe.anomalies.length > 0) warnings.push(`${parsed.pe.anomalies.length} PE anomalies`);
      if (parsed.pe.certificateTable && !overTime('Authenticode')) {
        report.authenticode = safe(() => analyzeAuthenticode(bytes, parsed.pe), warnings, 'Authenticode') ?? null;
        for (const w of report.authenticode?.warnings ?? []) warnings.push(`Authenticode: ${w}`);
      }
    } else if (report.type.kind !== 'mz') {
      warnings.push(`PE not parsed: ${parsed.reason}`);
    }
  }

  if (ctx.options.yara && !overTime('YARA')) {
    try {
      report.yara = await ctx.options.yara.scan(bytes);
    } catch (err) {
      warnings.push(`YARA scan failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  if (isZip(report.type) && !overTime('archive members')) {
    report.archive = await inspectZip<FileReport>(bytes, {
      ...(ctx.options.password ? { password: ctx.options.password } : {}),
      limits: ctx.zipLimits,
      depth,
      budget: ctx.budget,
      deadline: ctx.deadline,
      analyzeMember: (member, memberName, memberDepth) => analyzeBytes(member, memberName, memberDepth, ctx),
    });
    for (const w of report.archive.warnings) warnings.push(`archive: ${w}`);
  }
  report.elapsedMs = Date.now() - started;
  return report;
}

function isZip(type: FileType): boolean {
  return ['zip', 'jar', 'apk', 'epub', 'odf'].includes(type.kind) || type.kind.startsWith('ooxml');
}

function safe<T>(fn: () => T, warnings: string[], stage: string): T | undefined {
  try {
    return fn();
  } catch (err) {
    warnings.push(`${stage} failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/**
 * Stores a sample content-addressed at `<dataDir>/samples/<sha256[0..2]>/<sha256>`, read-only (0o444): never
 * executable, and nothing here ever executes it. Idempotent: an existing copy is kept.
 */
export async function storeSample(dataDir: string, bytes: Uint8Array): Promise<{ sha256: string; path: string; created: boolean }> {
  const { sha256 } = hashBytes(bytes);
  const folder = join(dataDir, 'samples', sha256.slice(0, 2));
  const path = join(folder, sha256);
  await mkdir(folder, { recursive: true });
  try {
    await stat(path);
    return { sha256, path, created: false };
  } catch {
    // not stored yet
  }
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
  await chmod(tmp, 0o444);
  await rename(tmp, path);
  return { sha256, path, created: true };
}
