// The write side of the events table, on one SQLite connection: a batch's rows, FTS entries, per-minute counts, rejects,
// source progress and alerts in one transaction. The store runs it in process, and a bulk load runs it on a writer thread.
import type BetterSqlite3 from 'better-sqlite3';
import type { EventRow } from '../event-rows.ts';
import type { AlertWrite, AlertWriteResult, BatchAlert, RejectedLine } from '../store.ts';
import { createAlertWriter } from './alert-writer.ts';

/** The events table's columns, in insert order. */
export const ROW_COLUMNS = [
  'ts', 'dataset', 'source_ip', 'source_ip_key', 'source_port', 'destination_ip', 'destination_ip_key',
  'destination_port', 'url_domain', 'url_original', 'http_method', 'status_code', 'user_agent', 'user_name',
  'host_name', 'event_action', 'mime_type', 'url_extension', 'response_bytes', 'fields', 'raw', 'source_id', 'line_no',
] as const satisfies readonly (keyof EventRow)[];

/**
 * Rows as one array per column: what a batch is while it travels to a writer thread (a few large arrays of primitives
 * cost a fraction of what as many small objects cost to copy between threads).
 */
export type EventColumns = { [K in keyof EventRow]: EventRow[K][] };

export function toColumns(rows: readonly EventRow[]): EventColumns {
  const columns = {} as Record<keyof EventRow, unknown[]>;
  for (const c of ROW_COLUMNS) columns[c] = rows.map((row) => row[c]);
  return columns as EventColumns;
}

/** A batch of an ingest with its events already turned into rows (see IngestBatch). */
export interface RowBatch {
  sourceId: number;
  path: string;
  rows: EventColumns;
  rejects: RejectedLine[];
  alerts: BatchAlert[];
  linesDone: number;
}

export interface BatchWriter {
  /** One transaction: all of the batch lands, or none. */
  commit(batch: RowBatch): AlertWriteResult;
  /** Rows that came from no file, in one transaction. Returns their ids. */
  insert(rows: EventColumns): number[];
  /** Alerts about stored events, in one transaction. */
  alerts(alerts: readonly AlertWrite[]): AlertWriteResult;
}

/** Rejected lines are kept up to this many characters (the reason says when one was cut). */
const MAX_REJECT_RAW = 65_536;

export function createBatchWriter(sqlite: BetterSqlite3.Database): BatchWriter {
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertText = sqlite.prepare('INSERT INTO events_text (rowid, raw) VALUES (?, ?)');
  const insertUrl = sqlite.prepare('INSERT INTO events_url (rowid, url_original) VALUES (?, ?)');
  const insertReject = sqlite.prepare(
    'INSERT INTO rejects (source_id, path, line_no, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addMinute = sqlite.prepare(
    'INSERT INTO event_minutes (minute, count) VALUES (?, ?) ON CONFLICT (minute) DO UPDATE SET count = count + excluded.count',
  );
  const updateSource = sqlite.prepare(
    'UPDATE sources SET lines_done = ?, events = events + ?, rejected = rejected + ? WHERE id = ?',
  );
  const writeAlerts = createAlertWriter(sqlite);

  /** Inserts the rows with their FTS entries and per-minute counts (inside the caller's transaction). */
  function writeRows(rows: EventColumns): number[] {
    const columns = ROW_COLUMNS.map((c) => rows[c]);
    const { ts, raw, url_original: urls } = rows;
    const ids = new Array<number>(ts.length);
    const perMinute = new Map<number, number>();
    for (let i = 0; i < ts.length; i++) {
      const id = Number(insertEvent.run(...columns.map((column) => column[i])).lastInsertRowid);
      ids[i] = id;
      insertText.run(id, raw[i]);
      const url = urls[i];
      if (url !== null && url !== undefined) insertUrl.run(id, url);
      const minute = Math.floor(ts[i]! / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    for (const [minute, n] of perMinute) addMinute.run(minute, n);
    return ids;
  }

  const commit = sqlite.transaction((batch: RowBatch): AlertWriteResult => {
    const ids = writeRows(batch.rows);
    const now = new Date().toISOString();
    for (const r of batch.rejects) {
      const cut = r.raw.length > MAX_REJECT_RAW;
      const reason = cut ? `${r.reason} (line kept to its first ${MAX_REJECT_RAW} characters)` : r.reason;
      insertReject.run(batch.sourceId, batch.path, r.lineNo, reason, cut ? r.raw.slice(0, MAX_REJECT_RAW) : r.raw, now);
    }
    updateSource.run(batch.linesDone, batch.rows.ts.length, batch.rejects.length, batch.sourceId);
    return writeAlerts(batch.alerts.map(({ eventIndexes, ...a }) => ({ ...a, eventIds: eventIndexes.map((i) => ids[i]!) })));
  });

  return { commit, insert: sqlite.transaction(writeRows), alerts: sqlite.transaction(writeAlerts) };
}
