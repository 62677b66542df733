// Migration 0001: sources, events (hot columns + JSON + raw) with their indexes, the two FTS indexes, rejects.
import { sql, type Kysely, type Migration } from 'kysely';
import { SECONDARY_INDEX_COLUMNS, secondaryIndexSql } from '../event-indexes.ts';

export const eventsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sources')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('identity', 'text', (c) => c.notNull().unique())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('lines_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('ts', 'integer', (c) => c.notNull())
      .addColumn('dataset', 'text', (c) => c.notNull())
      .addColumn('source_ip', 'text')
      .addColumn('source_ip_key', 'text')
      .addColumn('source_port', 'integer')
      .addColumn('destination_ip', 'text')
      .addColumn('destination_ip_key', 'text')
      .addColumn('destination_port', 'integer')
      .addColumn('url_domain', 'text')
      .addColumn('url_original', 'text')
      .addColumn('http_method', 'text')
      .addColumn('status_code', 'integer')
      .addColumn('user_agent', 'text')
      .addColumn('user_name', 'text')
      .addColumn('host_name', 'text')
      .addColumn('event_action', 'text')
      .addColumn('mime_type', 'text')
      .addColumn('url_extension', 'text')
      .addColumn('response_bytes', 'integer')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
      .addColumn('line_no', 'integer')
      .execute();
    await db.schema.createIndex('events_ts').on('events').column('ts').execute();
    for (const column of SECONDARY_INDEX_COLUMNS) await sql.raw(secondaryIndexSql(column)).execute(db);
    // Free text over the raw line (words) and substring search over URLs (trigrams), both external-content indexes
    // over the events table, filled by the store in the same transaction as the rows. Neither keeps word positions
    // (detail=none: a third of the size and the insert time); phrases are checked by wf_phrase() on the candidates.
    await sql`CREATE VIRTUAL TABLE events_text USING fts5(raw, content='events', content_rowid='id', detail='none', columnsize=0)`.execute(db);
    await sql`CREATE VIRTUAL TABLE events_url USING fts5(url_original, content='events', content_rowid='id', tokenize='trigram', detail='none', columnsize=0)`.execute(db);
    await db.schema
      .createTable('rejects')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rejects_source').on('rejects').columns(['source_id', 'line_no']).execute();
  },
};
