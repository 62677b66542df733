// Finds the files.log and pe.log beside a Zeek http.log and indexes them by fuid, so downloads get their hashes and PE facts.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FieldValue } from '../event.ts';
import { createZeekParser } from './zeek.ts';

/** What files.log and pe.log say about one file (fuid). `pe` holds the ECS `pe.*` fields of its pe.log record. */
export interface ZeekFileFacts {
  md5?: string;
  sha1?: string;
  sha256?: string;
  mime_type?: string;
  filename?: string;
  total_bytes?: number;
  pe?: Record<string, FieldValue>;
}

export interface ZeekSidecars {
  /** fuid → facts. Only files whose `source` is HTTP (or unknown) are indexed: no other kind is joined to http.log. */
  readonly files: ReadonlyMap<string, ZeekFileFacts>;
  /** The sidecar files read. */
  readonly sources: readonly string[];
  /** True when the fuid cap was reached: later files are not indexed and their downloads get no hashes. */
  readonly truncated: boolean;
  /** Things the reader should tell the user (cap reached, unreadable file). */
  readonly notes: readonly string[];
}

/** Beyond this many fuids (a few hundred MB of facts) indexing stops. */
export const MAX_SIDECAR_FUIDS = 2_000_000;

/** The ECS fields of a files.log event that become facts (file.size, total or else seen bytes, is read apart). */
const FILE_FACTS = [
  ['file.hash.md5', 'md5'],
  ['file.hash.sha1', 'sha1'],
  ['file.hash.sha256', 'sha256'],
  ['file.mime_type', 'mime_type'],
  ['file.name', 'filename'],
] as const;

const HTTP_TOKEN = /(^|[._-])http(?=[._-])/g;

/** The names a sibling log (`files`, `pe`) of an http log would have: same prefix/suffix, plain or gzip. */
export function siblingLogNames(httpLogName: string, log: 'files' | 'pe'): string[] {
  let at = -1;
  for (const match of httpLogName.matchAll(HTTP_TOKEN)) at = match.index + (match[1] ?? '').length;
  if (at === -1) return [];
  const name = httpLogName.slice(0, at) + log + httpLogName.slice(at + 4);
  return name.endsWith('.gz') ? [name, name.slice(0, -3)] : [name, `${name}.gz`];
}

async function firstExisting(dir: string, names: string[]): Promise<string | undefined> {
  for (const name of names) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // not there: try the next name
    }
  }
  return undefined;
}

function lines(path: string): AsyncIterable<string> {
  const file = createReadStream(path);
  const input: Readable = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  if (input !== file) file.on('error', (error) => input.destroy(error));
  return createInterface({ input, crlfDelay: Infinity });
}

class SidecarIndex implements ZeekSidecars {
  readonly files = new Map<string, ZeekFileFacts>();
  readonly sources: string[] = [];
  readonly notes: string[] = [];
  truncated = false;

  constructor(private readonly maxFuids: number) {}

  /** The facts entry for a fuid, created unless the cap is reached. */
  entry(fuid: string): ZeekFileFacts | undefined {
    const known = this.files.get(fuid);
    if (known || this.truncated) return known;
    if (this.files.size >= this.maxFuids) {
      this.truncated = true;
      this.notes.push(`Zeek sidecars: indexed the first ${this.maxFuids} files; later downloads are not joined to hashes`);
      return undefined;
    }
    const created: ZeekFileFacts = {};
    this.files.set(fuid, created);
    return created;
  }

  async read(path: string, log: 'files' | 'pe'): Promise<void> {
    this.sources.push(path);
    const parser = createZeekParser();
    let lineNo = 0;
    try {
      for await (const line of lines(path)) {
        const outcome = parser.parseLine(line, ++lineNo);
        if (outcome.kind !== 'event') continue;
        const fields = outcome.event.fields;
        if (log === 'files') this.addFile(fields);
        else this.addPe(fields);
      }
    } catch (error) {
      this.notes.push(`Zeek sidecars: stopped reading ${path} at line ${lineNo}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private addFile(fields: Record<string, FieldValue | undefined>): void {
    const fuid = fields['zeek.files.fuid'];
    const source = fields['zeek.files.source'];
    if (typeof fuid !== 'string' || (source !== undefined && source !== 'HTTP')) return;
    const facts = this.entry(fuid);
    if (!facts) return;
    for (const [field, fact] of FILE_FACTS) {
      const value = fields[field];
      if (typeof value === 'string' && value !== '') facts[fact] = value;
    }
    const size = fields['file.size'];
    if (typeof size === 'number') facts.total_bytes = size;
  }

  private addPe(fields: Record<string, FieldValue | undefined>): void {
    const fuid = fields['zeek.pe.id'];
    if (typeof fuid !== 'string') return;
    const facts = this.entry(fuid);
    if (!facts) return;
    const pe: Record<string, FieldValue> = {};
    for (const key in fields) {
      const value = fields[key];
      if (key.startsWith('pe.') && value !== undefined) pe[key] = value;
    }
    facts.pe = pe;
  }
}

/**
 * The files.log/pe.log facts for the http log at `httpLogPath`, read from its siblings (`files.log` beside `http.log`,
 * `X_files.log` beside `X_http.log`, gzip or not; TSV or JSON). Undefined when the path is no http log or has no sibling.
 */
export async function loadZeekSidecars(httpLogPath: string, maxFuids = MAX_SIDECAR_FUIDS): Promise<ZeekSidecars | undefined> {
  const dir = dirname(httpLogPath);
  const name = basename(httpLogPath);
  const filesLog = await firstExisting(dir, siblingLogNames(name, 'files'));
  const peLog = await firstExisting(dir, siblingLogNames(name, 'pe'));
  if (!filesLog && !peLog) return undefined;
  const index = new SidecarIndex(maxFuids);
  if (filesLog) await index.read(filesLog, 'files');
  if (peLog) await index.read(peLog, 'pe');
  return index;
}
