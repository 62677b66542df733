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

/** One batch of an ingest: its events, its rejected lines, and how far into the file it reaches. */
export interface IngestBatch {
  sourceId: number;
  path: string;
  events: ParsedLine[];
  rejects: RejectedLine[];
  /** Every line up to and including this one has been handled once the batch commits. */
  linesDone: number;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Typed query access for search, API and the SOC modules. */
  readonly db: Kysely<Database>;
  /** The source recorded for a file's identity, or a new one. */
  openSource(identity: string, path: string, format: string): Promise<SourceRow>;
  /** Writes a batch's events, rejects and progress in one transaction: all of it lands, or none. */
  commitBatch(batch: IngestBatch): Promise<void>;
  finishSource(sourceId: number): Promise<void>;
  /** Adds events that came from no file (API, scenario declarations). Returns their ids. */
  insertEvents(events: WatchEvent[]): Promise<number[]>;
  close(): Promise<void>;
}
