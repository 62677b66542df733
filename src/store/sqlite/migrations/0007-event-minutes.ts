// Migration 0007: events per minute, kept by the store as batches commit, so the whole-store histogram reads a few rows.
import { sql, type Kysely, type Migration } from 'kysely';

export const eventMinutesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE event_minutes (minute INTEGER PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID`.execute(db);
    await sql`INSERT INTO event_minutes (minute, count) SELECT ts / 60000, count(*) FROM events GROUP BY ts / 60000`.execute(db);
  },
};
