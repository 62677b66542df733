// The API behind authentication, end to end on the real server: every route closed by default, login, CSRF, tokens, roles.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../src/api/server.ts';
import { listAudit } from '../src/auth/audit.ts';
import { installAuth, PUBLIC_ROUTES } from '../src/auth/install-auth.ts';
import { createUser, ensureFirstAdmin } from '../src/auth/users.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../src/store/store.ts';

let store: EventStore;
let app: FastifyInstance;
let adminPassword: string;

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-auth-'));
  store = await openSqliteStore(join(dataDir, 'w.db'));
  adminPassword = (await ensureFirstAdmin(store))!;
  await createUser(store, { name: 'target', role: 'analyst', password: 'target-password-123' }, { actor: 'test' });
  const options = { store, dataDir };
  app = await buildServer(options);
  // the line buildServer gets (a no-op once it has it):
  await installAuth(app, { store });
  await app.ready();
});
after(async () => {
  await app.close();
  await store.close();
});

interface Session {
  cookie: string;
  csrf: string;
}

/** Every registered method + URL pattern, read from Fastify's route tree, so routes added later are covered too. */
function routeTable(server: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const paths: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const start = line.search(/[^│├└─\s]/u);
    if (start < 0) continue;
    const depth = Math.round(start / 4);
    const match = /^(\S+)(?: \(([^)]*)\))?$/.exec(line.slice(start).trim());
    assert.ok(match, `unexpected printRoutes line: ${line}`);
    const path = (paths[depth - 1] ?? '') + match[1];
    paths[depth] = path;
    for (const method of match[2]?.split(', ') ?? []) routes.push({ method, url: path });
  }
  return routes;
}

const concrete = (url: string): string => url.replace(/:[A-Za-z_]\w*/g, '1').replace(/\*/g, 'x');

async function login(name: string, password: string, remoteAddress = '10.1.0.1'): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password }, remoteAddress });
}

async function session(name: string, password: string): Promise<Session> {
  const res = await login(name, password);
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'wf_session');
  assert.ok(cookie);
  return { cookie: `wf_session=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

const as = (s: Session, method: HTTPMethods, url: string, payload?: object, csrf = true) =>
  app.inject({ method, url, payload, headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } });

const errorCode = (res: LightMyRequestResponse): string | undefined => res.json<{ error?: { code: string } }>().error?.code;

describe('every /api route is closed without credentials', () => {
  test('the route table is read completely', () => {
    const routes = routeTable(app);
    for (const r of routes) assert.ok(app.hasRoute({ method: r.method as HTTPMethods, url: r.url }), `${r.method} ${r.url} parsed wrongly`);
    const keys = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const known of ['GET /api/alerts/:eventId', 'GET /api/logs/search', 'DELETE /api/auth/tokens/:id', 'PUT /api/auth/users/:id/role', 'GET /api/openapi.json', 'POST /api/auth/login']) {
      assert.ok(keys.has(known), `${known} missing from the table`);
    }
  });

  test('all but the public routes answer 401 unauthorized, whatever their method', async () => {
    const routes = routeTable(app).filter((r) => r.url.startsWith('/api') && !PUBLIC_ROUTES.has(`${r.method} ${r.url}`));
    assert.ok(routes.length >= 20);
    for (const { method, url } of routes) {
      for (const headers of [{}, { cookie: 'wf_session=forged' }, { authorization: 'Bearer wf_forged' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }]) {
        const res = await app.inject({ method: method as HTTPMethods, url: concrete(url), headers });
        assert.equal(res.statusCode, 401, `${method} ${url} with ${JSON.stringify(headers)} answered ${res.statusCode}`);
        if (method !== 'HEAD') assert.equal(errorCode(res), 'unauthorized');
      }
    }
  });

  test('unknown /api paths are 401 too (no mapping the API anonymously); the public routes stay open', async () => {
    assert.equal((await app.inject({ url: '/api/no-such-thing' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/health' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.9.9.9' })).statusCode, 400);
  });
});

describe('login', () => {
  test('the right password sets an HttpOnly, SameSite=Strict session cookie on /, and returns the CSRF token', async () => {
    const res = await login('admin', adminPassword);
    assert.equal(res.statusCode, 200);
    const header = String(res.headers['set-cookie']);
    assert.match(header, /^wf_session=[A-Za-z0-9_-]{43};/);
    assert.match(header, /; HttpOnly/);
    assert.match(header, /; SameSite=Strict/);
    assert.match(header, /; Path=\//);
    assert.doesNotMatch(header, /; Secure/, 'plain HTTP here; Secure is set when the request came over TLS');
    const body = res.json<{ user: { name: string; role: string }; csrfToken: string; via: string }>();
    assert.deepEqual(body.user, { id: 1, name: 'admin', role: 'admin' });
    assert.equal(body.via, 'session');
    assert.ok(body.csrfToken.length > 20);
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: header.split(';')[0]! } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json<{ csrfToken: string }>().csrfToken, body.csrfToken);
  });

  test('a wrong password and an unknown user get the same generic 401, in comparable time', async () => {
    const timed = async (name: string) => {
      const t = process.hrtime.bigint();
      const res = await login(name, 'not-the-password', '10.2.0.1');
      return { res, ms: Number(process.hrtime.bigint() - t) / 1e6 };
    };
    const wrong = await timed('admin');
    const unknown = await timed('nobody-here');
    assert.equal(wrong.res.statusCode, 401);
    assert.equal(unknown.res.statusCode, 401);
    assert.equal(wrong.res.body, unknown.res.body);
    assert.deepEqual(wrong.res.json(), { error: { code: 'unauthorized', message: 'wrong user name or password' } });
    // an unknown name costs a full password hash too (without it, it would answer in well under a millisecond)
    assert.ok(unknown.ms > wrong.ms / 3, `unknown user ${unknown.ms} ms vs wrong password ${wrong.ms} ms`);
  });

  test('the 6th failure in a minute is 429 with Retry-After, even with the right password', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await login('target', `wrong-${i}`, '10.3.0.1')).statusCode, 401, `failure ${i}`);
    const sixth = await login('target', 'wrong-6', '10.3.0.1');
    assert.equal(sixth.statusCode, 429);
    assert.equal(errorCode(sixth), 'rate_limited');
    const retryAfter = Number(sixth.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    assert.equal((await login('target', 'target-password-123', '10.3.0.2')).statusCode, 429, 'the name is throttled from any address');
    assert.equal((await login('admin', adminPassword, '10.3.0.1')).statusCode, 200, 'other names from that address are not (yet)');
    const failures = await listAudit(store, { action: 'session.login_failed' });
    assert.ok(failures.length >= 7);
    assert.ok(!JSON.stringify(failures).includes('wrong-'), 'attempted passwords are never recorded');
  });
  test('login requests from one address are capped per minute, failed or not (a ceiling on hashing work)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.4.0.1' })).statusCode);
    }
    assert.deepEqual(new Set(statuses), new Set([400]), '30 requests pass through to validation');
    const capped = await app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.4.0.1' });
    assert.equal(capped.statusCode, 429);
    assert.equal(errorCode(capped), 'rate_limited');
    assert.ok(Number(capped.headers['retry-after']) > 0);
    assert.equal((await app.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: '10.4.0.2' })).statusCode, 400);
  });
});

describe('with a session', () => {
  let admin: Session;
  let analyst: Session;
  let lead: Session;

  before(async () => {
    admin = await session('admin', adminPassword);
    for (const [name, role] of [['ana', 'analyst'], ['leo', 'lead']] as const) {
      const res = await as(admin, 'POST', '/api/auth/users', { name, role, password: `${name}-password-123` });
      assert.equal(res.statusCode, 201, res.body);
    }
    analyst = await session('ana', 'ana-password-123');
    lead = await session('leo', 'leo-password-123');
  });

  test('a cookie-authenticated write without the CSRF header is 403; with a wrong one 403; with it, it works', async () => {
    const missing = await as(analyst, 'POST', '/api/auth/tokens', { name: 'script' }, false);
    assert.equal(missing.statusCode, 403);
    assert.equal(errorCode(missing), 'csrf');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'script' }, headers: { cookie: analyst.cookie, 'x-csrf-token': lead.csrf } });
    assert.equal(wrong.statusCode, 403);
    const ok = await as(analyst, 'POST', '/api/auth/tokens', { name: 'script' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await as(analyst, 'GET', '/api/alerts', undefined, false)).statusCode, 200, 'reads need no CSRF token');
  });

  test('a bearer token works without CSRF, even for writes; once revoked it is 401', async () => {
    const created = await as(analyst, 'POST', '/api/auth/tokens', { name: 'cron', expiresInDays: 30 });
    assert.equal(created.statusCode, 201);
    const { token, info } = created.json<{ token: string; info: { id: number; prefix: string } }>();
    assert.match(token, /^wf_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await app.inject({ url: '/api/auth/me', headers: bearer });
    assert.deepEqual(me.json(), { user: { id: me.json<{ user: { id: number } }>().user.id, name: 'ana', role: 'analyst' }, via: 'token', csrfToken: null, expiresAt: null });
    assert.equal((await app.inject({ url: '/api/alerts', headers: bearer })).statusCode, 200);
    const list = await app.inject({ url: '/api/auth/tokens', headers: bearer });
    assert.ok(!list.body.includes(token.slice(10)), 'tokens are listed without their secret');
    const mint = await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'more' }, headers: bearer });
    assert.equal(mint.statusCode, 403, 'a token cannot mint more tokens');
    const revoke = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${info.id}`, headers: bearer });
    assert.equal(revoke.statusCode, 204, revoke.body);
    const after = await app.inject({ url: '/api/alerts', headers: bearer });
    assert.equal(after.statusCode, 401);
    assert.equal(errorCode(after), 'unauthorized');
  });

  test('roles: an analyst gets 403 on admin and lead routes; a lead reads the audit trail; an admin manages users', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/auth/users', undefined],
      ['POST', '/api/auth/users', { name: 'mallory', role: 'admin', password: 'mallory-password' }],
      ['PUT', '/api/auth/users/1/role', { role: 'analyst' }],
      ['POST', '/api/auth/users/1/disable', undefined],
      ['GET', '/api/audit', undefined],
    ] as const) {
      const res = await as(analyst, method, url, payload);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(errorCode(res), 'forbidden');
    }
    assert.equal((await as(lead, 'GET', '/api/auth/users')).statusCode, 403);
    const audit = await as(lead, 'GET', '/api/audit?action=user.create');
    assert.equal(audit.statusCode, 200);
    const created = audit.json<{ entries: { actor: string; targetType: string; toState: string }[] }>().entries;
    assert.deepEqual(created.slice(0, 2).map((e) => [e.actor, e.toState]), [['admin', 'lead'], ['admin', 'analyst']]);
    const users = await as(admin, 'GET', '/api/auth/users');
    assert.deepEqual(users.json<{ users: { name: string }[] }>().users.map((u) => u.name), ['admin', 'ana', 'leo', 'target']);
  });

  test('the OpenAPI document needs a login, and describes the auth routes', async () => {
    const doc = await as(analyst, 'GET', '/api/openapi.json');
    assert.equal(doc.statusCode, 200);
    const paths = doc.json<{ paths: Record<string, Record<string, { summary?: string }>> }>().paths;
    assert.match(paths['/api/auth/login']?.post?.summary ?? '', /Log in/);
    assert.ok(paths['/api/auth/tokens/{id}']?.delete);
    assert.ok(paths['/api/audit/']?.get ?? paths['/api/audit']?.get);
  });

  test('disabling a user ends their session at once; logout ends a session', async () => {
    const temp = await as(admin, 'POST', '/api/auth/users', { name: 'temp', role: 'analyst' });
    assert.equal(temp.statusCode, 201);
    const { user, password } = temp.json<{ user: { id: number }; password: string }>();
    const tempSession = await session('temp', password);
    assert.equal((await as(tempSession, 'GET', '/api/auth/me')).statusCode, 200);
    assert.equal((await as(admin, 'POST', `/api/auth/users/${user.id}/disable`)).statusCode, 200);
    assert.equal((await as(tempSession, 'GET', '/api/auth/me')).statusCode, 401);

    const short = await session('leo', 'leo-password-123');
    const out = await as(short, 'POST', '/api/auth/logout');
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /wf_session=;/);
    assert.equal((await as(short, 'GET', '/api/auth/me')).statusCode, 401);
    assert.equal((await as(lead, 'GET', '/api/auth/me')).statusCode, 200, 'other sessions of the same user live on');
  });
});
