// Opens a connection to the store's SQLite file with the settings every connection shares.
import BetterSqlite3 from 'better-sqlite3';

/** `cacheMb`: SQLite's page cache for this connection (searches like a large one; appending rows needs little). */
export function openConnection(file: string, cacheMb = 96): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${cacheMb * 1024}`);
  return sqlite;
}
