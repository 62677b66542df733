// Zip archives: list and extract members (password "infected" or the caller's), bounded against bombs, members handed to a callback.
import {
  configure, ERR_ENCRYPTED, ERR_INVALID_COMPRESSED_DATA, ERR_INVALID_CRC32, ERR_INVALID_PASSWORD, ERR_INVALID_UNCOMPRESSED_SIZE,
  Uint8ArrayReader, ZipReader, type Entry, type FileEntry,
} from '@zip.js/zip.js';

configure({ useWebWorkers: false });

export interface ZipLimits {
  /** Members listed (and extracted) at most. */
  maxMembers: number;
  /** Bytes extracted across all members (and nested archives) at most. */
  maxTotalUncompressed: number;
  /** Bytes extracted from one member at most. */
  maxMemberSize: number;
  /** Uncompressed/compressed ratio above which a member is treated as a bomb. */
  maxRatio: number;
  /** Archive nesting depth analysed (1 = members of the top archive only). */
  maxDepth: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxMembers: 1000, maxTotalUncompressed: 256 << 20, maxMemberSize: 64 << 20, maxRatio: 250, maxDepth: 3,
};

export type ZipMemberStatus =
  | 'ok' | 'directory' | 'wrong-password' | 'password-required' | 'too-large' | 'ratio-exceeded' | 'budget-exceeded'
  | 'depth-exceeded' | 'time-budget-exceeded' | 'unsupported' | 'corrupt';

export interface ZipMember<T> {
  name: string;
  size: number;
  compressedSize: number;
  encrypted: boolean;
  encryption: 'zipcrypto' | 'aes' | null;
  status: ZipMemberStatus;
  /** Which password opened the member. */
  password?: 'caller' | 'infected';
  error?: string;
  /** The callback's result for the extracted bytes. */
  analysis?: T;
}

export interface ZipReport<T> {
  totalMembers: number;
  members: ZipMember<T>[];
  /** Bytes extracted (this archive and its nested ones share one budget). */
  extractedBytes: number;
  warnings: string[];
}

export interface ZipOptions<T> {
  /** Tried before "infected". */
  password?: string;
  limits?: Partial<ZipLimits>;
  /** Nesting depth of this archive (0 for a top-level file). */
  depth?: number;
  /** Shared extraction budget across nested archives; created when absent. */
  budget?: { remaining: number };
  /** Epoch ms after which extraction stops. */
  deadline?: number;
  analyzeMember?: (bytes: Uint8Array, name: string, depth: number) => Promise<T>;
}

/** Thrown by the bounded writer; recognised by identity. */
class LimitReached extends Error {
  constructor(readonly status: 'too-large' | 'ratio-exceeded' | 'budget-exceeded') {
    super(status);
  }
}

const WRONG_PASSWORD = new Set([ERR_INVALID_PASSWORD, ERR_INVALID_CRC32, ERR_INVALID_COMPRESSED_DATA, ERR_INVALID_UNCOMPRESSED_SIZE]);

export async function inspectZip<T>(bytes: Uint8Array, options: ZipOptions<T> = {}): Promise<ZipReport<T>> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const depth = options.depth ?? 0;
  const budget = options.budget ?? { remaining: limits.maxTotalUncompressed };
  const report: ZipReport<T> = { totalMembers: 0, members: [], extractedBytes: 0, warnings: [] };
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (err) {
    report.warnings.push(`not a readable zip archive: ${message(err)}`);
    return report;
  }
  report.totalMembers = entries.length;
  if (entries.length > limits.maxMembers) {
    report.warnings.push(`${entries.length} members; only the first ${limits.maxMembers} are looked at`);
  }
  const passwords: [string, 'caller' | 'infected'][] = [];
  if (options.password) passwords.push([options.password, 'caller']);
  if (options.password !== 'infected') passwords.push(['infected', 'infected']);

  for (const entry of entries.slice(0, limits.maxMembers)) {
    const member: ZipMember<T> = {
      name: entry.filename, size: entry.uncompressedSize, compressedSize: entry.compressedSize, encrypted: entry.encrypted,
      encryption: entry.encrypted ? (entry.zipCrypto ? 'zipcrypto' : 'aes') : null, status: 'ok',
    };
    report.members.push(member);
    if (entry.directory) {
      member.status = 'directory';
      continue;
    }
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      member.status = 'time-budget-exceeded';
      continue;
    }
    if (depth + 1 > limits.maxDepth) {
      member.status = 'depth-exceeded';
      continue;
    }
    // Declared sizes can lie, so they only short-cut the obvious cases; the writer enforces the real bounds.
    const declaredRatio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
    if (entry.uncompressedSize > limits.maxMemberSize) member.status = 'too-large';
    else if (declaredRatio > limits.maxRatio) member.status = 'ratio-exceeded';
    else if (entry.uncompressedSize > budget.remaining) member.status = 'budget-exceeded';
    if (member.status !== 'ok') continue;

    const data = await extract(entry as FileEntry, member, passwords, limits, budget);
    if (!data) continue;
    report.extractedBytes += data.length;
    if (options.analyzeMember) {
      try {
        member.analysis = await options.analyzeMember(data, entry.filename, depth + 1);
      } catch (err) {
        member.error = `analysis failed: ${message(err)}`;
      }
    }
  }
  await reader.close().catch(() => undefined);
  const bad = report.members.filter((m) => !['ok', 'directory'].includes(m.status));
  if (bad.length > 0) report.warnings.push(`${bad.length} member(s) not extracted: ${[...new Set(bad.map((m) => m.status))].join(', ')}`);
  return report;
}

async function extract<T>(
  entry: FileEntry, member: ZipMember<T>, passwords: [string, 'caller' | 'infected'][], limits: ZipLimits, budget: { remaining: number },
): Promise<Uint8Array | null> {
  const attempts: ([string, 'caller' | 'infected'] | null)[] = entry.encrypted ? passwords : [null];
  for (const attempt of attempts) {
    const chunks: Uint8Array[] = [];
    let written = 0;
    const cap = Math.min(limits.maxMemberSize, budget.remaining);
    const ratioCap = Math.max(entry.compressedSize, 1) * limits.maxRatio;
    let limit: LimitReached | null = null;
    const sink = new WritableStream<Uint8Array>({
      write(chunk) {
        written += chunk.length;
        if (written > cap) limit = new LimitReached(cap === budget.remaining && cap < limits.maxMemberSize ? 'budget-exceeded' : 'too-large');
        else if (written > ratioCap && written > 1 << 20) limit = new LimitReached('ratio-exceeded');
        if (limit) throw limit;
        chunks.push(chunk);
      },
    });
    try {
      await entry.getData(sink, { ...(attempt ? { password: attempt[0] } : {}), checkCrc32: true });
      budget.remaining -= written;
      if (attempt) member.password = attempt[1];
      member.status = 'ok';
      return Buffer.concat(chunks);
    } catch (err) {
      const reached = limit as LimitReached | null;
      if (reached) {
        member.status = reached.status;
        budget.remaining -= Math.min(written, budget.remaining);
        return null;
      }
      const text = message(err);
      if (attempt && WRONG_PASSWORD.has(text)) {
        member.status = 'wrong-password';
        member.error = 'none of the passwords (caller-supplied, "infected") opens this member';
        continue;
      }
      if (text === ERR_ENCRYPTED) member.status = 'password-required';
      else if (/unsupported/i.test(text)) member.status = 'unsupported';
      else member.status = 'corrupt';
      member.error = text;
      return null;
    }
  }
  return null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
