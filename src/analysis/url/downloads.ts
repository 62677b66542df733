// Downloads of a sandbox run: waited for within the budget, size-capped, stored with storeSample and analysed by analyzeFile — never opened or executed.
import { readFile, stat } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { analyzeFile, storeSample } from '../file/analyze-file.ts';
import { hashBytes } from '../file/hashes.ts';
import { within } from './deadline.ts';
import type { AnalyzeUrlOptions, DownloadRecord } from './url-report.ts';

export interface CutStream {
  /** Exact URL (plain HTTP), `https://host:port` (tunnel) or `*` (the run's total byte budget cut everything). */
  what: string;
  bytes: number;
}

interface Pending {
  download: Download;
  record: DownloadRecord;
  finished: boolean;
  work: Promise<void>;
}

function sameStream(cut: string, url: string): boolean {
  if (cut === url || cut === '*') return true;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && cut === `https://${u.hostname}:${u.port || '443'}`;
  } catch {
    return false;
  }
}

export class DownloadCollector {
  readonly records: DownloadRecord[] = [];
  private readonly pending: Pending[] = [];

  constructor(
    private readonly options: Pick<AnalyzeUrlOptions, 'dataDir' | 'fileOptions'> & { maxBytes: number },
    private readonly cuts: CutStream[],
  ) {}

  get count(): number {
    return this.pending.length;
  }

  get active(): number {
    return this.pending.filter((p) => !p.finished).length;
  }

  handle(download: Download): void {
    const record: DownloadRecord = {
      url: download.url(), suggestedFilename: download.suggestedFilename(), status: 'incomplete', size: null, sha256: null, storedAt: null, file: null,
    };
    this.records.push(record);
    const entry: Pending = { download, record, finished: false, work: Promise.resolve() };
    entry.work = this.process(entry).catch((err: unknown) => {
      record.status = 'failed';
      record.error = err instanceof Error ? err.message : String(err);
    }).finally(() => {
      entry.finished = true;
    });
    this.pending.push(entry);
  }

  private async process({ download, record }: Pending): Promise<void> {
    const failure = await download.failure();
    if (failure) {
      const cut = this.cuts.find((c) => sameStream(c.what, record.url));
      record.status = cut ? 'too_large' : 'failed';
      record.error = cut ? `cut at ${cut.bytes} bytes (limit ${this.options.maxBytes})` : failure;
      if (cut) record.size = cut.bytes;
      return;
    }
    const path = await download.path();
    const size = (await stat(path)).size;
    record.size = size;
    if (size > this.options.maxBytes) {
      record.status = 'too_large';
      record.error = `${size} bytes is over the ${this.options.maxBytes}-byte limit`;
      await download.delete();
      return;
    }
    const bytes = await readFile(path);
    await download.delete();
    record.sha256 = hashBytes(bytes).sha256;
    if (this.options.dataDir) record.storedAt = (await storeSample(this.options.dataDir, bytes)).path;
    const file = await analyzeFile(bytes, { ...this.options.fileOptions, name: record.suggestedFilename, maxSize: this.options.maxBytes });
    if (record.storedAt) file.storedAt = record.storedAt;
    record.file = file;
    record.status = 'ok';
  }

  /** Waits for every download up to `ms`; the ones still running are cancelled and reported incomplete. */
  async finish(ms: number): Promise<void> {
    const all = Promise.allSettled(this.pending.map((p) => p.work));
    await within(all, ms);
    for (const p of this.pending) {
      if (p.finished) continue;
      p.record.error = 'still running when the time budget ran out; cancelled';
      await p.download.cancel().catch(() => undefined);
    }
  }
}
