// The events table's secondary and FTS indexes: defined once, created by the migration, suspended and rebuilt around bulk loads.
import { availableParallelism } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';

/** Address keys, domain, user and host, each with time; partial, since most events lack some of these fields. */
export const SECONDARY_INDEX_COLUMNS = ['source_ip_key', 'destination_ip_key', 'url_domain', 'user_name', 'host_name'] as const;

export function secondaryIndexSql(column: (typeof SECONDARY_INDEX_COLUMNS)[number]): string {
  return `CREATE INDEX IF NOT EXISTS events_${column} ON events (${column}, ts) WHERE ${column} IS NOT NULL`;
}

/** Below this many expected rows an ingest keeps the indexes up to date row by row. */
export const BULK_MIN_ROWS = 1_000_000;

/**
 * Keeping B-tree indexes on random keys up to date costs more per row than the row itself (each batch dirties pages all
 * over every index). A load at least as large as the table is faster without them, with one sorted build at the end.
 */
export function shouldBulkLoad(expectedRows: number, existingRows: number): boolean {
  return expectedRows >= BULK_MIN_ROWS && expectedRows >= existingRows;
}

/** Page cache while indexes are built (negative: KiB), so each sorter thread sorts runs of about this size. */
const SORT_CACHE_SIZE = -16_384;

const FTS_TABLES = ['events_text', 'events_url'] as const;
/** FTS5's defaults: merge index segments as soon as 4 of a size exist, and must merge when 16 do. */
const FTS_AUTOMERGE = 4;
const FTS_CRISISMERGE = 16;
/**
 * During a bulk load FTS5 still merges a level's segments when it holds `crisismerge` of them. At the default 16, each
 * posting of a 10 M-event load is rewritten about 2.5 times before the final merge rewrites it once more; at 64 about
 * once (3 M events: 5.2 -> 4.5 µs per event and index, the final merge unchanged). The end's optimize merges the rest.
 */
const BULK_CRISISMERGE = 64;

function setFtsMerging(sqlite: BetterSqlite3.Database, automerge: number, crisismerge: number): void {
  for (const table of FTS_TABLES) {
    sqlite.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', ${automerge})`);
    sqlite.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('crisismerge', ${crisismerge})`);
  }
}

/** Suspends index maintenance: secondary indexes dropped, FTS segment merging deferred (one sorted merge at the end instead). */
export function suspendIndexes(sqlite: BetterSqlite3.Database): void {
  for (const column of SECONDARY_INDEX_COLUMNS) sqlite.exec(`DROP INDEX IF EXISTS events_${column}`);
  setFtsMerging(sqlite, 0, BULK_CRISISMERGE);
}

/** Ends a bulk load: the missing indexes built, each FTS index merged into one segment, merging back on. */
export function restoreIndexes(sqlite: BetterSqlite3.Database): void {
  ensureSecondaryIndexes(sqlite);
  for (const table of FTS_TABLES) sqlite.exec(`INSERT INTO ${table} (${table}) VALUES ('optimize')`);
  setFtsMerging(sqlite, FTS_AUTOMERGE, FTS_CRISISMERGE);
}

/** On open: whatever a process that died in a bulk load left behind (indexes missing, merging off) is put right. */
export function recoverIndexes(sqlite: BetterSqlite3.Database): void {
  ensureSecondaryIndexes(sqlite);
  setFtsMerging(sqlite, FTS_AUTOMERGE, FTS_CRISISMERGE);
}

/** Creates the indexes that are missing (all after a bulk load; some after a process died in one). Returns how many. */
function ensureSecondaryIndexes(sqlite: BetterSqlite3.Database): number {
  const present = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as { name: string }[]).map((r) => r.name),
  );
  const missing = SECONDARY_INDEX_COLUMNS.filter((column) => !present.has(`events_${column}`));
  if (missing.length === 0) return 0;
  // CREATE INDEX sorts the whole table: sorter threads on every core, each sorting runs the size of a small cache, are
  // twice as fast as one thread with the usual cache (10 M events: 12.7 s -> 6.1 s per index) and use less memory.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`threads = ${Math.min(4, availableParallelism())}`);
  sqlite.pragma(`cache_size = ${SORT_CACHE_SIZE}`);
  try {
    for (const column of missing) sqlite.exec(secondaryIndexSql(column));
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma('threads = 0');
  }
  return missing.length;
}
