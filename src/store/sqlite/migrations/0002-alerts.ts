// Migration 0002: alerts (the EventID is the row id, never reused) and their links to the events that raised them.
import { sql, type Kysely, type Migration } from 'kysely';

export const alertsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE alerts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      rule_key TEXT NOT NULL,
      rule_code TEXT,
      rule_name TEXT NOT NULL,
      type TEXT NOT NULL,
      family TEXT NOT NULL,
      playbook TEXT,
      severity TEXT NOT NULL,
      tier TEXT NOT NULL,
      event_time INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      count INTEGER NOT NULL DEFAULT 1,
      suppress_key TEXT,
      channel TEXT NOT NULL DEFAULT 'main',
      owner TEXT,
      fields TEXT NOT NULL,
      mitre TEXT NOT NULL,
      hint TEXT,
      trigger TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX alerts_channel ON alerts (channel, event_time)`.execute(db);
    await sql`CREATE INDEX alerts_suppress ON alerts (rule_key, suppress_key, last_seen) WHERE suppress_key IS NOT NULL`.execute(db);
    await sql`CREATE TABLE alert_events (
      alert_id INTEGER NOT NULL REFERENCES alerts(id),
      event_id INTEGER NOT NULL REFERENCES events(id),
      PRIMARY KEY (alert_id, event_id)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE INDEX alert_events_event ON alert_events (event_id)`.execute(db);
  },
};
