// Opaque keyset cursors: the (ts, id) of the last event of a page, bound to the search it came from by a check value.
import { createHash } from 'node:crypto';
import { SearchError } from './errors.ts';

export interface CursorPosition {
  ts: number;
  id: number;
}

/** What a cursor is only valid for: the same query, order and time range. */
export function searchFingerprint(parts: readonly unknown[]): string {
  return JSON.stringify(parts);
}

function check(fingerprint: string, ts: number, id: number): string {
  return createHash('sha256').update(`${fingerprint}\n${ts}\n${id}`).digest('base64url').slice(0, 16);
}

export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const body = `1.${position.ts}.${position.id}.${check(fingerprint, position.ts, position.id)}`;
  return Buffer.from(body, 'utf8').toString('base64url');
}

/** The position a cursor holds; throws SearchError('bad_cursor') when it is malformed, edited, or from another search. */
export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  const bad = (why: string): SearchError => new SearchError('bad_cursor', `invalid cursor: ${why}`);
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('not a cursor this server issued');
  const match = /^1\.(-?\d{1,16})\.(\d{1,16})\.([A-Za-z0-9_-]{16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw bad('not a cursor this server issued');
  const ts = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(ts) || !Number.isSafeInteger(id)) throw bad('position out of range');
  if (match[3] !== check(fingerprint, ts, id)) throw bad('it was altered, or belongs to another query, order or time range');
  return { ts, id };
}
