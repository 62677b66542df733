// The contract every log parser implements: a stateful reader of one file's lines that never throws.
import type { WatchEvent } from '../event.ts';

export type FormatName =
  | 'squid'
  | 'squid-common'
  | 'squid-combined'
  | 'squid-logformat'
  | 'zeek'
  | 'elff'
  | 'ndjson'
  | 'kv';

/** What a parser makes of one line. `skip` is for headers, comments and blank lines; `reject` carries a reason. */
export type LineOutcome =
  | { kind: 'event'; event: WatchEvent }
  | { kind: 'skip' }
  | { kind: 'reject'; reason: string };

/**
 * A parser for one input stream. It is created per file (header-driven formats keep state such as Zeek's `#fields`
 * or W3C's `#Fields`) and fed lines in order. `parseLine` must never throw: the pipeline still guards it, but an
 * exception is a parser bug, and the fuzz tests fail on one.
 */
export interface LineParser {
  readonly format: FormatName;
  parseLine(line: string, lineNo: number): LineOutcome;
}

export interface ParserOptions {
  /** A Squid `logformat` definition (the part after the format name), for `squid-logformat`. */
  squidLogformat?: string;
  /** The path of the file being read: lets Zeek's http.log find files.log and pe.log beside it. */
  path?: string;
}
