// Versioned schema migrations of the SQLite store, applied in order by Kysely's Migrator. One module per migration.
import type { Migration, MigrationProvider } from 'kysely';
import { eventsMigration } from './migrations/0001-events.ts';

const migrations: Record<string, Migration> = {
  '0001-events': eventsMigration,
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
