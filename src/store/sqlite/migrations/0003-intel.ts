// Migration 0003: threat intel — local indicators with their tags, and the cache of external lookups (intel_cache).
import { sql, type Kysely, type Migration } from 'kysely';

export const intelMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('indicators')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('description', 'text')
      .addColumn('tlp', 'text')
      .addColumn('first_seen', 'integer', (c) => c.notNull())
      .addColumn('last_seen', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addUniqueConstraint('indicators_identity', ['type', 'value', 'source'])
      .execute();
    await db.schema.createIndex('indicators_value').on('indicators').columns(['value', 'type']).execute();
    await db.schema.createIndex('indicators_last_seen').on('indicators').columns(['last_seen', 'id']).execute();
    await db.schema.createIndex('indicators_type_last_seen').on('indicators').columns(['type', 'last_seen', 'id']).execute();
    await db.schema.createIndex('indicators_source').on('indicators').column('source').execute();
    // One row per (tag, indicator): tag filters are an index range, not a LIKE over JSON.
    await db.schema
      .createTable('indicator_tags')
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('indicator_tags_pk', ['tag', 'indicator_id'])
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
    await db.schema.createIndex('indicator_tags_indicator').on('indicator_tags').column('indicator_id').execute();
    await db.schema
      .createTable('intel_cache')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('obs_type', 'text', (c) => c.notNull())
      .addColumn('obs_value', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('fetched_at', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('intel_cache_observable').on('intel_cache').columns(['obs_value', 'obs_type']).execute();
    await db.schema.createIndex('intel_cache_expires').on('intel_cache').column('expires_at').execute();
  },
};
