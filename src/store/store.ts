// The storage interface the rest of Watchfloor uses, whichever database is behind it.
import type { Kysely } from 'kysely';
import type { WatchEvent } from '../events/event.ts';
import type { Database, SourcesTable } from './schema.ts';

export type SourceRow = Omit<SourcesTable, 'id'> & { id: number };

export interface ParsedLine {
  event: WatchEvent;
  lineNo: number;
}

export interface RejectedLine {
  lineNo: number;
  reason: string;
  raw: string;
}

/** An alert to record. The store gives it its EventID, folds it into a recent one when suppression says so, and links its events. */
export interface AlertWrite {
  ruleKey: string;
  ruleCode: string | null;
  ruleName: string;
  type: string;
  family: string;
  playbook: string | null;
  severity: string;
  tier: string;
  eventTime: number;
  fields: [string, string | null][];
  mitre: string[];
  hint: string | null;
  trigger: string;
  suppressKey: string | null;
  suppressWindowMs: number | null;
  eventIds: number[];
}

/** An alert raised by events of the same batch, which have no ids yet: `eventIndexes` point into `IngestBatch.events`. */
export type BatchAlert = Omit<AlertWrite, 'eventIds'> & { eventIndexes: number[] };

export interface AlertWriteResult {
  /** EventIDs of the alerts created. */
  created: number[];
  /** Drafts folded into an existing alert by suppression. */
  suppressed: number;
  /** Drafts skipped because the same rule had already alerted on the same events (a re-run of detection). */
  duplicates: number;
}

/** One batch of an ingest: its events, its rejected lines, the alerts they raised, and how far into the file it reaches. */
export interface IngestBatch {
  sourceId: number;
  path: string;
  events: ParsedLine[];
  rejects: RejectedLine[];
  alerts?: BatchAlert[];
  /** Every line up to and including this one has been handled once the batch commits. */
  linesDone: number;
}

/** A large load in progress. */
export interface BulkLoad {
  /** Lines per batch this load works best with, when the store has a preference (the caller's choice wins). */
  readonly batchSize?: number;
  /**
   * As EventStore.commitBatch; the store may still be writing when the caller prepares the next batch. Batches commit
   * in the order given.
   */
  commitBatch(batch: IngestBatch): Promise<AlertWriteResult>;
  /** Waits for the batches given, then restores index maintenance. */
  end(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Typed query access for search, API and the SOC modules. */
  readonly db: Kysely<Database>;
  /** The source recorded for a file's identity, or a new one. */
  openSource(identity: string, path: string, format: string): Promise<SourceRow>;
  /** Writes a batch's events, rejects, alerts and progress in one transaction: all of it lands, or none. */
  commitBatch(batch: IngestBatch): Promise<AlertWriteResult>;
  /** Records alerts about stored events, in one transaction. */
  writeAlerts(alerts: AlertWrite[]): Promise<AlertWriteResult>;
  finishSource(sourceId: number): Promise<void>;
  /**
   * Prepares for a load of about `expectedRows` events. A store may suspend index maintenance for a large load and
   * take its batches through `BulkLoad.commitBatch`; `end` restores it (a store reopened after a crash in between
   * restores it on open). Undefined when nothing changed.
   */
  beginBulkLoad(expectedRows: number, force?: boolean): Promise<BulkLoad | undefined>;
  /** Adds events that came from no file (API, scenario declarations). Returns their ids. */
  insertEvents(events: WatchEvent[]): Promise<number[]>;
  close(): Promise<void>;
}
