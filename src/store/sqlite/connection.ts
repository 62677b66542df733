// Opens a connection to the store's SQLite file with the settings every connection shares.
import BetterSqlite3 from 'better-sqlite3';

export function openConnection(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -98304');
  return sqlite;
}
