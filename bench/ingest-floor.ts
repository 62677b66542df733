// What bounds ingest on this machine: the store's own work per event, each part timed alone on events of the benchmark's
// log, and the best rates those costs allow (one writer thread; every core busy). Optimistic by construction: each part
// runs alone on a fresh store of a sample, so no part waits for another and the B-trees stay small.
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { WatchEvent } from '../src/events/event.ts';
import { eventToRow, type EventRow } from '../src/store/event-rows.ts';
import { ROW_COLUMNS } from '../src/store/sqlite/batch-writer.ts';
import { openConnection } from '../src/store/sqlite/connection.ts';
import { restoreIndexes, suspendIndexes } from '../src/store/sqlite/event-indexes.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { SectionFigure } from './measure.ts';

/** Rows per transaction, as the writer thread commits them. */
const BATCH = 10_000;

function microsPerEvent(events: number, run: () => void): number {
  const t = performance.now();
  run();
  return ((performance.now() - t) * 1000) / events;
}

/** Runs `write` over every row, `BATCH` rows per transaction, and returns its cost per row in µs. */
function timedInserts(sqlite: BetterSqlite3.Database, rows: EventRow[], write: (row: EventRow, id: number) => void): number {
  const tx = sqlite.transaction((from: number) => {
    for (let i = from; i < Math.min(from + BATCH, rows.length); i++) write(rows[i]!, i + 1);
  });
  return microsPerEvent(rows.length, () => {
    for (let from = 0; from < rows.length; from += BATCH) tx(from);
  });
}

/** A freshly migrated store file with index maintenance suspended, as a bulk load has it, on a writer's connection. */
async function freshStore(file: string): Promise<BetterSqlite3.Database> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  await (await openSqliteStore(file)).close();
  const sqlite = openConnection(file, 16);
  suspendIndexes(sqlite);
  return sqlite;
}

export async function benchIngestFloor(sample: WatchEvent[], parseRate: number, file: string): Promise<SectionFigure[]> {
  let rows: EventRow[] = [];
  const rowMicros = microsPerEvent(sample.length, () => {
    rows = sample.map((event) => eventToRow(event, null, null));
  });
  const sqlite = await freshStore(file);
  const insertRow = sqlite.prepare(`INSERT INTO events (id, ${ROW_COLUMNS.join(', ')}) VALUES (?, ${ROW_COLUMNS.map(() => '?').join(', ')})`);
  const rowStore = timedInserts(sqlite, rows, (row, id) => insertRow.run(id, ...ROW_COLUMNS.map((c) => row[c])));
  const insertWords = sqlite.prepare('INSERT INTO events_text (rowid, raw) VALUES (?, ?)');
  const words = timedInserts(sqlite, rows, (row, id) => insertWords.run(id, row.raw));
  const insertUrl = sqlite.prepare('INSERT INTO events_url (rowid, url_original) VALUES (?, ?)');
  const urls = timedInserts(sqlite, rows, (row, id) => {
    if (row.url_original !== null) insertUrl.run(id, row.url_original);
  });
  const end = microsPerEvent(rows.length, () => restoreIndexes(sqlite));
  sqlite.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

  const parse = 1e6 / parseRate;
  const store = rowStore + words + urls + end;
  const cores = availableParallelism();
  const halfParseBudget = (cores * 1e6) / (parseRate / 2);
  const us = (name: string, value: number, note?: string): SectionFigure => ({ name, value, unit: 'µs/event', note });
  return [
    us('read + parse (the parse-only pass)', parse),
    us('event → row (hot columns, JSON rest)', rowMicros),
    us('store the row (hot columns + JSON + raw)', rowStore),
    us('word index over the raw line (FTS5)', words),
    us('URL trigram index (FTS5)', urls),
    us('index builds and FTS merges after the load', end),
    us('the store’s indexes alone (word, URL, builds and merges)', words + urls + end, 'what the search targets need, whatever the row layout'),
    us('the store’s work in all', store, 'SQLite writes a file from one thread at a time'),
    {
      name: 'best rate of one writer thread',
      value: Math.round(1e6 / store),
      unit: 'events/s',
      note: 'the store’s work alone, nothing else on its core',
    },
    {
      name: `best rate with ${cores} cores all busy`,
      value: Math.round((cores * 1e6) / (parse + rowMicros + store)),
      unit: 'events/s',
      note: 'parse, rows and store split perfectly over the cores',
    },
    us('CPU per event the ≥ 50 % of parse-only target allows', halfParseBudget, `${cores} cores at half the parse-only rate`),
  ];
}
