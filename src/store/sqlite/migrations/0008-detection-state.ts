// Migration 0008: state detection keeps between runs (the open correlation windows), one JSON document per name.
import { sql, type Kysely, type Migration } from 'kysely';

export const detectionStateMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE detection_state (name TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at INTEGER NOT NULL)`.execute(db);
  },
};
