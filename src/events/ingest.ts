// The ingest pipeline: read → detect format → parse → store in batched transactions, resumable and free of duplicates.
import type { AlertWriteResult, BatchAlert, EventStore, IngestBatch, ParsedLine, RejectedLine } from '../store/store.ts';
import type { WatchEvent } from './event.ts';
import { openLineSource, type LineSource } from './line-reader.ts';
import { createParser, detectFormat } from './parsers/index.ts';
import type { FormatName, LineOutcome, LineParser } from './parsers/types.ts';
import { loadZeekSidecars } from './parsers/zeek-sidecars.ts';

export interface IngestOptions {
  format?: FormatName | 'auto';
  squidLogformat?: string;
  /** Lines handled per transaction. */
  batchSize?: number;
  /** Suspend index maintenance for this load: true, false, or (undefined) when the file is large for the store. */
  bulk?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Detection: the alerts a batch's events raise (indexes into the list), written in the same transaction as the events. */
  detect?: (events: readonly WatchEvent[]) => BatchAlert[];
  /**
   * Called as each batch is handed to the store, after its detection; what it returns runs once that batch has
   * committed (batches commit in order). Lets a caller keep detection state in step with what the store holds.
   */
  checkpoint?: () => () => void;
}

export interface IngestProgress {
  path: string;
  lines: number;
  bytesRead: number;
  totalBytes: number;
}

export interface IngestSummary {
  path: string;
  format: FormatName;
  read: number;
  ingested: number;
  rejected: number;
  /** Lines skipped because an earlier ingest of the same file already stored them. */
  duplicates: number;
  /** Alerts created by detection, and matches folded into existing alerts by suppression. */
  alerts: number;
  suppressed: number;
  seconds: number;
  /** Set when reading stopped early (a truncated gzip, an I/O error): what came before it is stored. */
  error?: string;
  /** What the user should know about how the file was read (e.g. which Zeek files.log was joined). */
  notes: string[];
}

/** A batch ends at this many characters of lines even when it has fewer lines than the batch size. */
const BATCH_CHARS = 16 << 20;

export class IngestError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/** Runs one line through a parser; a parser that throws is a bug, but the line is rejected, not the file. */
export function parseSafely(parser: LineParser, text: string, lineNo: number): LineOutcome {
  try {
    return parser.parseLine(text, lineNo);
  } catch (error) {
    return { kind: 'reject', reason: `parser error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function resolveParser(
  source: LineSource,
  format: FormatName | 'auto',
  squidLogformat: string | undefined,
): Promise<{ format: FormatName; parser: LineParser; notes: string[] }> {
  let chosen: FormatName;
  if (format === 'auto') {
    if (squidLogformat) chosen = 'squid-logformat';
    else {
      const detected = detectFormat(source.sample);
      if (!detected) {
        const what = source.sample.every((l) => l.trim() === '') ? 'the file is empty' : 'no known log format matches its first lines';
        throw new IngestError(source.path, `cannot detect the format: ${what} (pass --format)`);
      }
      chosen = detected;
    }
  } else chosen = format;
  const zeekSidecars = chosen === 'zeek' ? await loadZeekSidecars(source.path) : undefined;
  try {
    const notes = zeekSidecars ? [...zeekSidecars.sources.map((s) => `joined ${s}`), ...zeekSidecars.notes] : [];
    return { format: chosen, parser: createParser(chosen, { squidLogformat, zeekSidecars }), notes };
  } catch (error) {
    throw new IngestError(source.path, error instanceof Error ? error.message : String(error));
  }
}

export async function ingestFile(store: EventStore, path: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  let source: LineSource;
  try {
    source = await openLineSource(path);
  } catch (error) {
    throw new IngestError(path, error instanceof Error ? error.message.replace(/^.*?: /, '') : String(error));
  }
  const { format, parser, notes } = await resolveParser(source, options.format ?? 'auto', options.squidLogformat);
  const record = await store.openSource(source.identity, path, format);
  const summary: IngestSummary = {
    path, format, read: 0, ingested: 0, rejected: 0, duplicates: 0, alerts: 0, suppressed: 0, seconds: 0, notes,
  };
  let events: ParsedLine[] = [];
  let rejects: RejectedLine[] = [];
  let lastLine = record.lines_done;
  /** The last line handed to a commit, and the commit still being written (a bulk load writes on another thread). */
  let queuedLine = record.lines_done;
  let inFlight: Promise<void> | undefined;
  let commitError: unknown;
  /** Characters of the lines in the batch being built: long lines end a batch early (memory stays bounded). */
  let batchChars = 0;

  const bulk =
    options.bulk === false ? undefined : await store.beginBulkLoad(source.estimatedLines - record.lines_done, options.bulk === true);
  const commit = (batch: IngestBatch): Promise<AlertWriteResult> => (bulk ?? store).commitBatch(batch);
  const batchSize = options.batchSize ?? bulk?.batchSize ?? 25_000;

  /** Waits for the commit in flight; rethrows the first commit error (that batch left nothing behind). */
  const settle = async (): Promise<void> => {
    await inFlight;
    inFlight = undefined;
    if (commitError !== undefined) throw commitError;
  };

  /** Starts a commit; its outcome lands in the summary or in commitError, so no rejection is ever left unobserved. */
  const startCommit = (batch: IngestBatch, whenCommitted: (() => void) | undefined): Promise<void> => {
    const counts = { events: batch.events.length, rejects: batch.rejects.length };
    let written: Promise<AlertWriteResult>;
    try {
      written = commit(batch);
    } catch (error) {
      written = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return written.then(
      (result) => {
        summary.ingested += counts.events;
        summary.rejected += counts.rejects;
        summary.alerts += result.created.length;
        summary.suppressed += result.suppressed;
        whenCommitted?.();
      },
      (error: unknown) => {
        commitError ??= error;
      },
    );
  };

  const flush = async (): Promise<void> => {
    if (commitError !== undefined) throw commitError;
    if (lastLine <= queuedLine && events.length === 0 && rejects.length === 0) return;
    const alerts = options.detect && events.length > 0 ? options.detect(events.map((e) => e.event)) : [];
    const batch: IngestBatch = { sourceId: record.id, path, events, rejects, alerts, linesDone: lastLine };
    queuedLine = lastLine;
    events = [];
    rejects = [];
    batchChars = 0;
    // Handed over before the previous commit is awaited: a writer thread takes it as soon as it is free. A batch after
    // a failed one is refused by the store, so a commit never skips lines.
    const committed = startCommit(batch, options.checkpoint?.());
    await settle();
    inFlight = committed;
  };

  try {
    for await (const lines of source.batches()) {
      for (const line of lines) {
        summary.read++;
        if (line.no <= record.lines_done) {
          // stateful parsers (headers) still see what came before the resume point
          parseSafely(parser, line.text, line.no);
          summary.duplicates++;
          continue;
        }
        lastLine = line.no;
        batchChars += line.text.length;
        if (line.truncated) {
          rejects.push({ lineNo: line.no, reason: 'line longer than 2 MiB', raw: line.text });
          continue;
        }
        const outcome = parseSafely(parser, line.text, line.no);
        if (outcome.kind === 'event') events.push({ event: outcome.event, lineNo: line.no });
        else if (outcome.kind === 'reject') rejects.push({ lineNo: line.no, reason: outcome.reason, raw: line.text });
      }
      if (events.length + rejects.length >= batchSize || batchChars >= BATCH_CHARS) await flush();
      options.onProgress?.({ path, lines: summary.read, bytesRead: source.bytesRead(), totalBytes: source.size });
    }
  } catch (error) {
    summary.error = error instanceof Error ? error.message : String(error);
  }
  try {
    await flush();
    await settle();
  } finally {
    await bulk?.end();
  }
  if (!summary.error) await store.finishSource(record.id);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
