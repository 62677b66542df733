// The events table's secondary indexes: defined once, created by the migration, dropped and rebuilt around bulk loads.
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

export function dropSecondaryIndexes(sqlite: BetterSqlite3.Database): void {
  for (const column of SECONDARY_INDEX_COLUMNS) sqlite.exec(`DROP INDEX IF EXISTS events_${column}`);
}

/** Creates the indexes that are missing (all after a bulk load; some after a process died in one). Returns how many. */
export function ensureSecondaryIndexes(sqlite: BetterSqlite3.Database): number {
  const present = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as { name: string }[]).map((r) => r.name),
  );
  let created = 0;
  for (const column of SECONDARY_INDEX_COLUMNS) {
    if (present.has(`events_${column}`)) continue;
    sqlite.exec(secondaryIndexSql(column));
    created++;
  }
  return created;
}
