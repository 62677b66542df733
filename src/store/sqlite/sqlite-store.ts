// The embedded store: one SQLite file (WAL) under the data folder, migrated on open; bulk writes use prepared statements.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { WatchEvent } from '../../events/event.ts';
import { eventToRow, type EventRow } from '../event-rows.ts';
import type { Database } from '../schema.ts';
import type { AlertWriteResult, EventStore, IngestBatch, SourceRow } from '../store.ts';
import { createAlertWriter } from './alert-writer.ts';
import { recoverIndexes, restoreIndexes, shouldBulkLoad, suspendIndexes } from './event-indexes.ts';
import { sqliteMigrations } from './migrations.ts';
import { containsPhrase } from './text-tokens.ts';

const ROW_COLUMNS: (keyof EventRow)[] = [
  'ts', 'dataset', 'source_ip', 'source_ip_key', 'source_port', 'destination_ip', 'destination_ip_key',
  'destination_port', 'url_domain', 'url_original', 'http_method', 'status_code', 'user_agent', 'user_name',
  'host_name', 'event_action', 'mime_type', 'url_extension', 'response_bytes', 'fields', 'raw', 'source_id', 'line_no',
];

/** Rejected lines are kept up to this many characters (the reason says when one was cut). */
const MAX_REJECT_RAW = 65_536;

export async function openSqliteStore(file: string): Promise<EventStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -98304');
  sqlite.function('wf_phrase', { deterministic: true }, (raw: unknown, phrase: unknown, prefix: unknown) =>
    typeof raw === 'string' && typeof phrase === 'string'
      ? Number(containsPhrase(raw, JSON.parse(phrase) as string[], prefix === 1))
      : 0,
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: sqliteMigrations }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }

  recoverIndexes(sqlite);

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
  /** Keeps the per-minute counts (inside the caller's transaction). */
  const countMinutes = (timestamps: number[]): void => {
    const perMinute = new Map<number, number>();
    for (const ts of timestamps) {
      const minute = Math.floor(ts / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    for (const [minute, n] of perMinute) addMinute.run(minute, n);
  };
  const updateSource = sqlite.prepare(
    'UPDATE sources SET lines_done = ?, events = events + ?, rejected = rejected + ? WHERE id = ?',
  );

  function writeRow(row: EventRow): number {
    const id = Number(insertEvent.run(...ROW_COLUMNS.map((c) => row[c])).lastInsertRowid);
    insertText.run(id, row.raw);
    if (row.url_original !== null) insertUrl.run(id, row.url_original);
    return id;
  }

  const writeAlerts = createAlertWriter(sqlite);

  const commit = sqlite.transaction((batch: IngestBatch): AlertWriteResult => {
    const ids = batch.events.map(({ event, lineNo }) => writeRow(eventToRow(event, batch.sourceId, lineNo)));
    countMinutes(batch.events.map((e) => e.event.timestamp));
    const now = new Date().toISOString();
    for (const r of batch.rejects) {
      const cut = r.raw.length > MAX_REJECT_RAW;
      const reason = cut ? `${r.reason} (line kept to its first ${MAX_REJECT_RAW} characters)` : r.reason;
      insertReject.run(batch.sourceId, batch.path, r.lineNo, reason, cut ? r.raw.slice(0, MAX_REJECT_RAW) : r.raw, now);
    }
    updateSource.run(batch.linesDone, batch.events.length, batch.rejects.length, batch.sourceId);
    const alerts = (batch.alerts ?? []).map(({ eventIndexes, ...a }) => ({ ...a, eventIds: eventIndexes.map((i) => ids[i]!) }));
    return writeAlerts(alerts);
  });
  const insertMany = sqlite.transaction((events: WatchEvent[]) => {
    countMinutes(events.map((e) => e.timestamp));
    return events.map((e) => writeRow(eventToRow(e, null, null)));
  });

  return {
    kind: 'sqlite',
    db,
    async openSource(identity, path, format): Promise<SourceRow> {
      const existing = await db.selectFrom('sources').selectAll().where('identity', '=', identity).executeTakeFirst();
      if (existing) return existing;
      return db
        .insertInto('sources')
        .values({ identity, path, format, lines_done: 0, events: 0, rejected: 0, started_at: new Date().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    commitBatch(batch) {
      return Promise.resolve(commit(batch));
    },
    writeAlerts(alerts) {
      return Promise.resolve(sqlite.transaction(writeAlerts)(alerts));
    },
    beginBulkLoad(expectedRows, force = false) {
      const existing = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM events').get() as { n: number }).n;
      if (!force && !shouldBulkLoad(expectedRows, existing)) return Promise.resolve(undefined);
      suspendIndexes(sqlite);
      return Promise.resolve({
        end() {
          restoreIndexes(sqlite);
          return Promise.resolve();
        },
      });
    },
    async finishSource(sourceId) {
      await db.updateTable('sources').set({ finished_at: new Date().toISOString() }).where('id', '=', sourceId).execute();
    },
    insertEvents(events) {
      return Promise.resolve(insertMany(events));
    },
    async close() {
      await db.destroy();
    },
  };
}
