// The embedded store: one SQLite file (WAL) under the data folder, migrated on open; bulk writes use prepared statements.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { eventToRow } from '../event-rows.ts';
import type { Database } from '../schema.ts';
import type { EventStore, IngestBatch, SourceRow } from '../store.ts';
import { createBatchWriter, toColumns, type RowBatch } from './batch-writer.ts';
import { openConnection } from './connection.ts';
import { recoverIndexes, restoreIndexes, shouldBulkLoad, suspendIndexes } from './event-indexes.ts';
import { sqliteMigrations } from './migrations.ts';
import { containsPhrase } from './text-tokens.ts';
import { startWriterThread } from './writer-thread.ts';

/** Lines per batch of a bulk load through the writer thread: as fast as 25,000 and a third of the memory. */
const WRITER_THREAD_BATCH = 10_000;

export async function openSqliteStore(file: string): Promise<EventStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = openConnection(file);
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

  const writer = createBatchWriter(sqlite);
  const rowsOf = (batch: IngestBatch): RowBatch => ({
    sourceId: batch.sourceId,
    path: batch.path,
    rows: toColumns(batch.events.map(({ event, lineNo }) => eventToRow(event, batch.sourceId, lineNo))),
    rejects: batch.rejects,
    alerts: batch.alerts ?? [],
    linesDone: batch.linesDone,
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
      return Promise.resolve(writer.commit(rowsOf(batch)));
    },
    writeAlerts(alerts) {
      return Promise.resolve(writer.alerts(alerts));
    },
    async beginBulkLoad(expectedRows, force = false) {
      const existing = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM events').get() as { n: number }).n;
      if (!force && !shouldBulkLoad(expectedRows, existing)) return undefined;
      // A file store commits through a writer thread, so the next batch is parsed while this one is written.
      const thread = file === ':memory:' ? undefined : await startWriterThread(file);
      suspendIndexes(sqlite);
      return {
        // Smaller batches than in process: one is parsed, one travels and one is written at any time (peak memory).
        batchSize: thread ? WRITER_THREAD_BATCH : undefined,
        commitBatch: (batch) => (thread ? thread.commit(rowsOf(batch)) : Promise.resolve(writer.commit(rowsOf(batch)))),
        async end() {
          await thread?.close();
          restoreIndexes(sqlite);
        },
      };
    },
    async finishSource(sourceId) {
      await db.updateTable('sources').set({ finished_at: new Date().toISOString() }).where('id', '=', sourceId).execute();
    },
    insertEvents(events) {
      return Promise.resolve(writer.insert(toColumns(events.map((e) => eventToRow(e, null, null)))));
    },
    async close() {
      await db.destroy();
    },
  };
}
