// Authentication and authorization errors with stable codes, and the boundary that turns them into responses.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type AuthErrorCode = 'unauthorized' | 'forbidden' | 'csrf' | 'rate_limited' | 'conflict';

export class AuthError extends Error {
  /** Read by Fastify's default handling too, so the status is right even where this boundary is not installed. */
  readonly statusCode: number;

  constructor(
    readonly status: 401 | 403 | 409 | 429,
    readonly code: AuthErrorCode,
    message: string,
    /** For `rate_limited`: seconds until a retry can succeed (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
    this.statusCode = status;
  }
}

export const unauthorized = (): AuthError => new AuthError(401, 'unauthorized', 'authentication required');
export const forbidden = (): AuthError => new AuthError(403, 'forbidden', 'your role does not allow this');

/** Sends an AuthError as `{ error: { code, message } }` with its status (and Retry-After when throttled). */
export function sendAuthError(reply: FastifyReply, error: AuthError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
}

/** For the API's error boundary: answers and returns true when the error is an AuthError, else returns false. */
export function authErrorHandler(error: unknown, _request: FastifyRequest, reply: FastifyReply): boolean {
  if (!(error instanceof AuthError)) return false;
  void sendAuthError(reply, error);
  return true;
}
