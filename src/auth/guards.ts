// What routes use of authentication: the request's user and credentials, role gates, the shared auth context.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, sendAuthError, unauthorized } from './auth-errors.ts';
import { roleAtLeast, type AuthStore, type AuthUser, type Role } from './auth-tables.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { SessionPolicy } from './sessions.ts';

export const SESSION_COOKIE = 'wf_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Credentials =
  | { via: 'session'; sessionId: string; idHash: string; expiresAt: number }
  | { via: 'token'; tokenId: number };

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user; null only on public routes. */
    user: AuthUser | null;
    credentials: Credentials | null;
  }
}

export interface AuthContext {
  store: AuthStore;
  sessionPolicy: SessionPolicy;
  throttle: LoginThrottle;
  loginRequestsPerMinute: number;
  now: () => number;
}

/** A route hook (`onRequest: requireRole('lead')`) letting through users with this role or above (analyst < lead < admin). */
export function requireRole(role: Role) {
  return async function requireRoleHook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!request.user) return sendAuthError(reply, unauthorized());
    if (!roleAtLeast(request.user.role, role)) return sendAuthError(reply, forbidden());
    return undefined;
  };
}

/** The authenticated user of a request on a protected route (throws `unauthorized` on a public one). */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}
