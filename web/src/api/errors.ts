// Typed API errors: every failed call becomes an ApiError with the server's stable code, or `network` when the server is unreachable.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Where a query-syntax error is, when the server says. */
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; position?: unknown };
}

/** Builds the ApiError for a response whose body failed to parse or has the `{ error: { code, message } }` shape. */
export function toApiError(status: number, body: unknown): ApiError {
  const inner = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  const code = typeof inner?.code === 'string' ? inner.code : status >= 500 ? 'internal' : 'http_error';
  const message = typeof inner?.message === 'string' ? inner.message : status >= 500 ? `the server failed (HTTP ${status})` : `request failed (HTTP ${status})`;
  const position = typeof inner?.position === 'number' ? inner.position : undefined;
  return new ApiError(status, code, message, position);
}

export const networkError = (): ApiError => new ApiError(0, 'network', 'The Watchfloor server cannot be reached. Is it running?');

/** A short text for any error a hook or page can show. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return 'something went wrong';
}
