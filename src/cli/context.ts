// What every command shares: the data folder, the store in it, and how results are printed (JSON or text).
import { join, resolve } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';

export const OUTPUT_VERSION = 1;

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

export function dataDir(options: GlobalOptions): string {
  return resolve(options.data ?? process.env.WATCHFLOOR_DATA ?? './data');
}

export function storePath(options: GlobalOptions): string {
  return join(dataDir(options), 'watchfloor.db');
}

export function openStore(options: GlobalOptions): Promise<EventStore> {
  return openSqliteStore(storePath(options));
}

/** Errors a command throws for its user: printed without a stack, with a meaningful exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Machine output is a contract: one JSON document on stdout with a version field. */
export function printJson(kind: string, payload: unknown): void {
  process.stdout.write(`${JSON.stringify({ version: OUTPUT_VERSION, kind, ...(payload as object) })}\n`);
}

export function useColor(): boolean {
  return process.stderr.isTTY === true && process.env.NO_COLOR === undefined;
}
