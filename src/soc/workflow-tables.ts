// The workflow's tables as Kysely sees them (migration 0005), reached through `workflowDb(store)`.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

export type WorkflowTables = {
  investigations: {
    id: Generated<number>;
    alert_id: number;
    owner: string;
    owned_at: number;
    status: 'open' | 'closed';
    verdict: 'True Positive' | 'False Positive' | null;
    note: string | null;
    closed_at: number | null;
    closed_by: string | null;
    reinvestigated: number;
    /** JSON ClosedAlertScore, when the alert has an answer key. */
    score: string | null;
  };
  cases: {
    id: Generated<number>;
    investigation_id: number;
    alert_id: number;
    name: string;
    description: string;
    type: string;
    playbook: string;
    /** JSON RunRecord. */
    run: string;
    status: 'open' | 'closed';
    created_at: number;
    created_by: string;
  };
  scenarios: {
    name: string;
    title: string;
    description: string;
    difficulty: string;
    tags: string;
    dir: string;
    intel: string | null;
    loaded_at: number;
  };
  answer_keys: { alert_id: number; scenario: string; declared_event_id: number; key: string };
  artifact_enrichments: { case_id: number; type: string; value: string; verdict: string | null; results: string; enriched_at: number };
  hosts: {
    hostname: string;
    scenario: string | null;
    ip: string;
    agent: 'running' | 'down' | 'none';
    contained: number;
    info: string;
    processes: string;
    network: string;
    terminal: string;
    browser: string;
  };
  emails: {
    id: Generated<number>;
    scenario: string | null;
    mailbox: string;
    message_id: string | null;
    sent_at: number;
    sender: string;
    recipients: string;
    subject: string;
    sender_ip: string | null;
    action: string;
    attachments: string;
    body_text: string;
    raw: Buffer;
    deleted_at: number | null;
    deleted_by: string | null;
  };
};

export type WorkflowDatabase = Database & WorkflowTables;
export type WorkflowDb = Kysely<WorkflowDatabase> | Transaction<WorkflowDatabase>;

export const workflowDb = (store: { db: Kysely<Database> }): Kysely<WorkflowDatabase> => store.db.withTables<WorkflowTables>();
