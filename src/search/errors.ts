// The errors search raises: a malformed query (with the character offset of the problem) and bad search options.

/** A query the language cannot read; `position` is the 0-based character offset the message refers to. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
  readonly position: number;
  readonly reason: string;

  constructor(reason: string, position: number) {
    super(`${reason} at ${position}`);
    this.reason = reason;
    this.position = position;
  }
}

export type SearchErrorCode = 'bad_cursor' | 'bad_time' | 'bad_option';

/** Search options that cannot be used (a tampered or foreign cursor, an unreadable time, a limit out of range). */
export class SearchError extends Error {
  override readonly name = 'SearchError';
  readonly code: SearchErrorCode;

  constructor(code: SearchErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
