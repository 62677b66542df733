// Puts the whole API behind authentication: session cookie or bearer token on every /api route but the public ones, CSRF on cookie writes.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken } from './api-tokens.ts';
import { auditRoutes } from './audit-routes.ts';
import { AuthError, sendAuthError, unauthorized } from './auth-errors.ts';
import type { AuthStore } from './auth-tables.ts';
import { prepareCredentialChecks } from './credentials.ts';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleLimits } from './login-throttle.ts';
import { CSRF_HEADER, SESSION_COOKIE, type AuthContext } from './guards.ts';
import { authRoutes } from './routes.ts';
import { checkCsrfToken, DEFAULT_SESSION_POLICY, resolveSession, type SessionPolicy } from './sessions.ts';

/**
 * Routes anyone may call, as `METHOD /url-pattern`. Everything else under /api needs credentials, including routes
 * added later and unknown /api paths (so anonymous callers cannot map the API by 404s).
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['POST /api/auth/login', 'GET /api/health', 'HEAD /api/health']);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  store: AuthStore;
  sessionPolicy?: SessionPolicy;
  loginLimits?: ThrottleLimits;
  /** Login requests per client address per minute, failed or not (a ceiling on password-hashing work). Default 30. */
  loginRequestsPerMinute?: number;
  /** Clock for session expiry and throttling (tests). */
  now?: () => number;
}

const isPublic = (request: FastifyRequest, path: string): boolean => PUBLIC_ROUTES.has(`${request.method} ${path}`);

/**
 * Installs authentication on `app` (the root instance): its hooks apply to every route, registered before or after.
 * Registers the routes under /api/auth and /api/audit. Calling it again on the same instance does nothing.
 */
export async function installAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  if (app.hasDecorator('watchfloorAuth')) return;
  const now = options.now ?? Date.now;
  const context: AuthContext = {
    store: options.store,
    sessionPolicy: options.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    throttle: new LoginThrottle(options.loginLimits ?? DEFAULT_THROTTLE, now),
    loginRequestsPerMinute: options.loginRequestsPerMinute ?? 30,
    now,
  };
  app.decorate('watchfloorAuth', context);
  if (!app.hasDecorator('parseCookie')) await app.register(cookie);
  if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
  app.decorateRequest('user', null);
  app.decorateRequest('credentials', null);
  await prepareCredentialChecks();

  app.addHook('onRequest', async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    request.user = null;
    request.credentials = null;
    const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '/';
    if ((path !== '/api' && !path.startsWith('/api/')) || isPublic(request, path)) return;

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // a bearer header is never set by a browser on its own, so it needs no CSRF token; a bad one is not retried as a cookie
      const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
      const resolved = token === undefined ? null : await resolveApiToken(context.store, token, now());
      if (!resolved) return sendAuthError(reply, unauthorized());
      request.user = resolved.user;
      request.credentials = { via: 'token', tokenId: resolved.tokenId };
      return;
    }

    const sessionId = request.cookies[SESSION_COOKIE];
    const session = sessionId ? await resolveSession(context.store, sessionId, context.sessionPolicy, now()) : null;
    if (!sessionId || !session) {
      if (sessionId) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return sendAuthError(reply, unauthorized());
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!checkCsrfToken(sessionId, typeof header === 'string' ? header : undefined)) {
        return sendAuthError(reply, new AuthError(403, 'csrf', `missing or wrong ${CSRF_HEADER} header (GET /api/auth/me returns it)`));
      }
    }
    request.user = session.user;
    request.credentials = { via: 'session', sessionId, idHash: session.idHash, expiresAt: session.expiresAt };
  });

  await app.register(authRoutes, { prefix: '/api/auth', auth: context });
  await app.register(auditRoutes, { prefix: '/api/audit', auth: context });
}
