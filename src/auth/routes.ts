// /api/auth: login, logout, me, own password, API tokens, and (admins) users. Handlers: rate limit → auth → validate → command → present.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError } from '../api/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { writeAudit } from './audit.ts';
import { AuthError, authErrorHandler } from './auth-errors.ts';
import type { AuditContext } from './auth-tables.ts';
import { checkCredentials } from './credentials.ts';
import { currentUser, requireRole, SESSION_COOKIE, type AuthContext } from './guards.ts';
import { generatePassword } from './password-hash.ts';
import * as s from './schema.ts';
import { createSession, csrfTokenFor, deleteSession, purgeExpiredSessions } from './sessions.ts';
import { createUser, disableUser, enableUser, getUser, InvalidInputError, listUsers, setPassword, setRole, UserNotFoundError } from './users.ts';

const GENERIC_LOGIN_FAILURE = 'wrong user name or password';
const auditCtx = (request: FastifyRequest): AuditContext => ({ actor: currentUser(request).name, ip: request.ip });

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthContext }> = async (app, { auth }) => {
  const { store, throttle } = auth;
  const parentErrorHandler = app.errorHandler;
  app.setErrorHandler(function authRouteErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (authErrorHandler(error, request, reply)) return;
    const mapped =
      error instanceof UserNotFoundError ? new ApiError(404, 'not_found', error.message)
      : error instanceof InvalidInputError ? new ApiError(400, 'bad_request', error.message)
      : error;
    return parentErrorHandler.call(this, mapped as FastifyError, request, reply);
  });

  app.post(
    '/login',
    {
      config: {
        rateLimit: {
          max: auth.loginRequestsPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_req, ctx) => new AuthError(429, 'rate_limited', 'too many login requests; retry later', Math.ceil(ctx.ttl / 1000)),
        },
      },
      schema: {
        summary: 'Log in with a name and password: sets the wf_session cookie and returns the CSRF token',
        tags: ['auth'],
        body: s.loginBody,
        response: { 200: s.sessionResponse, 401: s.errorResponse, 429: s.errorResponse },
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const ip = request.ip;
      const wait = throttle.retryAfter(ip, name);
      if (wait !== null) throw new AuthError(429, 'rate_limited', 'too many failed logins; retry later', wait);
      const check = await checkCredentials(store, name, password);
      if (!check.ok) {
        throttle.fail(ip, name);
        await writeAudit(store, { actor: 'anonymous', action: 'session.login_failed', targetType: 'user', detail: { name, reason: check.reason }, ip });
        throw new AuthError(401, 'unauthorized', GENERIC_LOGIN_FAILURE);
      }
      throttle.succeed(name);
      await purgeExpiredSessions(store, auth.sessionPolicy, auth.now());
      const session = await createSession(store, check.user.id, { ip, userAgent: request.headers['user-agent'] }, auth.sessionPolicy, auth.now());
      await writeAudit(store, { actor: check.user.name, action: 'session.login', targetType: 'user', targetId: check.user.id, ip });
      void reply.setCookie(SESSION_COOKIE, session.id, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: Math.floor(auth.sessionPolicy.absoluteMs / 1000),
      });
      return { user: s.presentAuthUser(check.user), via: 'session' as const, csrfToken: csrfTokenFor(session.id), expiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  app.post(
    '/logout',
    { schema: { summary: 'End this session and clear its cookie', tags: ['auth'], response: { 204: s.emptyResponse } } },
    async (request, reply) => {
      const credentials = request.credentials;
      if (credentials?.via === 'session') {
        await deleteSession(store, credentials.idHash);
        await writeAudit(store, { ...auditCtx(request), action: 'session.logout', targetType: 'user', targetId: currentUser(request).id });
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { summary: 'Who is signed in, and the CSRF token for cookie-authenticated writes', tags: ['auth'], response: { 200: s.sessionResponse } } },
    async (request) => {
      const user = currentUser(request);
      const credentials = request.credentials;
      if (credentials?.via !== 'session') return { user: s.presentAuthUser(user), via: 'token' as const, csrfToken: null, expiresAt: null };
      return { user: s.presentAuthUser(user), via: 'session' as const, csrfToken: csrfTokenFor(credentials.sessionId), expiresAt: new Date(credentials.expiresAt).toISOString() };
    },
  );

  app.put(
    '/me/password',
    { schema: { summary: 'Change your own password (your other sessions end)', tags: ['auth'], body: s.changeOwnPasswordBody, response: { 204: s.emptyResponse } } },
    async (request, reply) => {
      const user = currentUser(request);
      const wait = throttle.retryAfter(request.ip, user.name);
      if (wait !== null) throw new AuthError(429, 'rate_limited', 'too many failed attempts; retry later', wait);
      const check = await checkCredentials(store, user.name, request.body.currentPassword);
      if (!check.ok) {
        throttle.fail(request.ip, user.name);
        throw new AuthError(403, 'forbidden', 'the current password is wrong');
      }
      const keep = request.credentials?.via === 'session' ? request.credentials.idHash : undefined;
      await setPassword(store, user.id, request.body.newPassword, auditCtx(request), keep);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/tokens',
    { schema: { summary: 'Your API tokens (never their secrets)', tags: ['auth'], response: { 200: s.apiTokenListResponse } } },
    async (request) => ({ tokens: (await listApiTokens(store, currentUser(request).id)).map(s.presentToken) }),
  );

  app.post(
    '/tokens',
    { schema: { summary: 'Create an API token for scripts (Authorization: Bearer wf_…); the secret is shown once', tags: ['auth'], body: s.createTokenBody, response: { 201: s.createdTokenResponse } } },
    async (request, reply) => {
      // a stolen token must not be able to mint itself successors: new tokens come from an interactive login
      if (request.credentials?.via !== 'session') throw new AuthError(403, 'forbidden', 'API tokens are created from a signed-in session');
      const now = auth.now();
      const expiresAt = request.body.expiresInDays === undefined ? null : now + request.body.expiresInDays * 86_400_000;
      const created = await createApiToken(store, currentUser(request), { name: request.body.name, expiresAt }, auditCtx(request), now);
      return reply.status(201).send({ token: created.token, info: s.presentToken(created.info) });
    },
  );

  app.delete(
    '/tokens/:id',
    { schema: { summary: 'Revoke an API token (yours; admins: anyone’s)', tags: ['auth'], params: s.idParams, response: { 204: s.emptyResponse } } },
    async (request, reply) => {
      if (!(await revokeApiToken(store, request.params.id, currentUser(request), auditCtx(request), auth.now()))) {
        throw new ApiError(404, 'not_found', `no token ${request.params.id}`);
      }
      return reply.status(204).send(null);
    },
  );

  const admin = { onRequest: requireRole('admin') };

  app.get(
    '/users',
    { ...admin, schema: { summary: 'List users (admin)', tags: ['auth'], response: { 200: s.userListResponse } } },
    async () => ({ users: (await listUsers(store)).map(s.presentUser) }),
  );

  app.post(
    '/users',
    { ...admin, schema: { summary: 'Create a user (admin); without a password, a random one is returned once', tags: ['auth'], body: s.createUserBody, response: { 201: s.userWithPasswordResponse } } },
    async (request, reply) => {
      const generated = request.body.password === undefined ? generatePassword() : undefined;
      const user = await createUser(store, { name: request.body.name, role: request.body.role, password: request.body.password ?? generated! }, auditCtx(request));
      return reply.status(201).send({ user: s.presentUser(user), ...(generated === undefined ? {} : { password: generated }) });
    },
  );

  app.put(
    '/users/:id/role',
    { ...admin, schema: { summary: "Change a user's role (admin)", tags: ['auth'], params: s.idParams, body: s.roleBody, response: { 200: s.userSchema } } },
    async (request) => s.presentUser(await setRole(store, request.params.id, request.body.role, auditCtx(request))),
  );

  app.post(
    '/users/:id/disable',
    { ...admin, schema: { summary: 'Disable a user: sessions end, tokens stop working (admin)', tags: ['auth'], params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => s.presentUser(await disableUser(store, request.params.id, auditCtx(request))),
  );

  app.post(
    '/users/:id/enable',
    { ...admin, schema: { summary: 'Enable a disabled user (admin)', tags: ['auth'], params: s.idParams, response: { 200: s.userSchema } } },
    async (request) => s.presentUser(await enableUser(store, request.params.id, auditCtx(request))),
  );

  app.put(
    '/users/:id/password',
    { ...admin, schema: { summary: "Reset a user's password; their sessions end (admin)", tags: ['auth'], params: s.idParams, body: s.adminPasswordBody, response: { 200: s.generatedPasswordResponse } } },
    async (request) => {
      if (!(await getUser(store, request.params.id))) throw new UserNotFoundError(request.params.id);
      const generated = request.body.password === undefined ? generatePassword() : undefined;
      await setPassword(store, request.params.id, request.body.password ?? generated!, auditCtx(request));
      return generated === undefined ? {} : { password: generated };
    },
  );

};
