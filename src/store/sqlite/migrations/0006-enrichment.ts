// Migration 0006: threat-intel results attached to a case's artifacts ("enrich all artifacts").
import { sql, type Kysely, type Migration } from 'kysely';

export const enrichmentMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE artifact_enrichments (
      case_id INTEGER NOT NULL REFERENCES cases(id),
      type TEXT NOT NULL,
      value TEXT NOT NULL,
      verdict TEXT,
      results TEXT NOT NULL,
      enriched_at INTEGER NOT NULL,
      PRIMARY KEY (case_id, type, value)
    )`.execute(db);
  },
};
