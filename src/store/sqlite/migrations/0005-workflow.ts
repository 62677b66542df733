// Migration 0005: the SOC workflow — investigations of alerts, cases with their playbook runs, answer keys and
// loaded scenarios, endpoint hosts and mailboxes.
import { sql, type Kysely, type Migration } from 'kysely';

export const workflowMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of [
      sql`CREATE TABLE investigations (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        owner TEXT NOT NULL,
        owned_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        verdict TEXT CHECK (verdict IN ('True Positive', 'False Positive')),
        note TEXT,
        closed_at INTEGER,
        closed_by TEXT,
        reinvestigated INTEGER NOT NULL DEFAULT 0,
        score TEXT
      )`,
      // at most one open investigation per alert: the database itself refuses a second owner
      sql`CREATE UNIQUE INDEX investigations_open ON investigations (alert_id) WHERE status = 'open'`,
      sql`CREATE INDEX investigations_closed ON investigations (status, closed_at)`,
      sql`CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        investigation_id INTEGER NOT NULL UNIQUE REFERENCES investigations(id),
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        type TEXT NOT NULL,
        playbook TEXT NOT NULL,
        run TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      )`,
      sql`CREATE TABLE scenarios (
        name TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        difficulty TEXT NOT NULL,
        tags TEXT NOT NULL,
        dir TEXT NOT NULL,
        intel TEXT,
        loaded_at INTEGER NOT NULL
      )`,
      sql`CREATE TABLE answer_keys (
        alert_id INTEGER PRIMARY KEY REFERENCES alerts(id),
        scenario TEXT NOT NULL REFERENCES scenarios(name),
        declared_event_id INTEGER NOT NULL,
        key TEXT NOT NULL
      )`,
      sql`CREATE TABLE hosts (
        hostname TEXT PRIMARY KEY COLLATE NOCASE,
        scenario TEXT,
        ip TEXT NOT NULL,
        agent TEXT NOT NULL CHECK (agent IN ('running', 'down', 'none')),
        contained INTEGER NOT NULL DEFAULT 0,
        info TEXT NOT NULL,
        processes TEXT NOT NULL,
        network TEXT NOT NULL,
        terminal TEXT NOT NULL,
        browser TEXT NOT NULL
      )`,
      sql`CREATE TABLE emails (
        id INTEGER PRIMARY KEY,
        scenario TEXT,
        mailbox TEXT NOT NULL,
        message_id TEXT,
        sent_at INTEGER NOT NULL,
        sender TEXT NOT NULL,
        recipients TEXT NOT NULL,
        subject TEXT NOT NULL,
        sender_ip TEXT,
        action TEXT NOT NULL,
        attachments TEXT NOT NULL,
        body_text TEXT NOT NULL,
        raw BLOB NOT NULL,
        deleted_at INTEGER,
        deleted_by TEXT
      )`,
      sql`CREATE INDEX emails_sent ON emails (sent_at)`,
    ]) {
      await statement.execute(db);
    }
  },
};
