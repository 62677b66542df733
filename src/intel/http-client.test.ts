// Tests of the outbound HTTP module: address policy, deadline, size cap, JSON parsing, no redirects.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkDestination, createHttpClient, type HttpOutcome } from './http-client.ts';
import { sendJson, startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

function failure(outcome: HttpOutcome): string {
  return outcome.kind === 'failure' ? outcome.failure : `response ${outcome.status}`;
}

test('loopback is refused unless allowed, for literal addresses and for names resolving to it', async () => {
  const strict = createHttpClient({ policy: {} });
  const literal = await strict.requestJson({ method: 'GET', url: `${server.origin}/x` });
  assert.equal(failure(literal), 'refused');
  assert.match(literal.kind === 'failure' ? literal.message : '', /loopback address/);
  const port = new URL(server.origin).port;
  const named = await strict.requestJson({ method: 'GET', url: `http://localhost:${port}/x` });
  assert.equal(failure(named), 'refused');
  await strict.close();
  assert.equal(server.requests.length, 0, 'nothing reached the server');

  const loose = createHttpClient({ policy: { allowLoopback: true } });
  server.handle((_r, res) => sendJson(res, 200, { hello: 'world' }));
  const ok = await loose.requestJson({ method: 'GET', url: `http://localhost:${port}/x` });
  assert.deepEqual(ok.kind === 'response' ? ok.body : undefined, { hello: 'world' });
  await loose.close();
});

test('only configured origins, http(s), no credentials; private and link-local need their own permission', () => {
  const policy = { allowedOrigins: ['https://www.virustotal.com'], allowLoopback: true };
  assert.equal(checkDestination(policy, 'https://www.virustotal.com/api/v3/domains/x.com'), undefined);
  assert.match(checkDestination(policy, 'https://evil.example/api') ?? '', /not a configured service address/);
  assert.match(checkDestination({}, 'file:///etc/passwd') ?? '', /scheme file: is not allowed/);
  assert.match(checkDestination({}, 'https://u:p@x.com/') ?? '', /credentials/);
  assert.match(checkDestination({ allowLoopback: true }, 'http://10.0.0.1/') ?? '', /private address/);
  assert.equal(checkDestination({ allowPrivate: true }, 'http://10.0.0.1/'), undefined);
  assert.match(checkDestination({ allowPrivate: true, allowLoopback: true }, 'http://169.254.169.254/') ?? '', /link-local/);
  assert.match(checkDestination({}, 'http://[::ffff:127.0.0.1]/') ?? '', /loopback/);
  assert.match(checkDestination({}, 'http://[fc00::1]/') ?? '', /private/);
});

test('a server that never answers is a timeout, on time', async () => {
  const client = createHttpClient({ policy: { allowLoopback: true }, timeoutMs: 200 });
  server.handle(() => undefined);
  const started = Date.now();
  const outcome = await client.requestJson({ method: 'GET', url: `${server.origin}/slow` });
  assert.equal(failure(outcome), 'timeout');
  assert.ok(Date.now() - started < 2_000);
  // Headers sent, body stalls: still the same deadline.
  server.handle((_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"partial":');
  });
  assert.equal(failure(await client.requestJson({ method: 'GET', url: `${server.origin}/stall` })), 'timeout');
  await client.close();
});

test('bodies over the cap are too_large, declared or streamed', async () => {
  const client = createHttpClient({ policy: { allowLoopback: true }, maxResponseBytes: 1_000 });
  server.handle((_r, res) => sendJson(res, 200, { pad: 'x'.repeat(5_000) }));
  const declared = await client.requestJson({ method: 'GET', url: `${server.origin}/big` });
  assert.equal(failure(declared), 'too_large');
  server.handle((_r, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < 50; i++) res.write(`"${'y'.repeat(100)}",`);
    res.end();
  });
  const streamed = await client.requestJson({ method: 'GET', url: `${server.origin}/chunked` });
  assert.equal(failure(streamed), 'too_large');
  assert.match(streamed.kind === 'failure' ? streamed.message : '', /1000-byte cap/);
  await client.close();
});

test('malformed JSON on success is a clear status; error bodies need not be JSON; redirects are not followed', async () => {
  const client = createHttpClient({ policy: { allowLoopback: true } });
  server.handle((_r, res) => sendJson(res, 200, '<html>maintenance</html>'));
  const bad = await client.requestJson({ method: 'GET', url: `${server.origin}/m` });
  assert.equal(failure(bad), 'malformed');
  assert.match(bad.kind === 'failure' ? bad.message : '', /malformed JSON .*<html>maintenance/);
  server.handle((_r, res) => sendJson(res, 502, 'Bad gateway'));
  const gateway = await client.requestJson({ method: 'GET', url: `${server.origin}/g` });
  assert.equal(gateway.kind === 'response' && gateway.status === 502 && gateway.body === undefined, true);
  server.handle((_r, res) => {
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
    res.end();
  });
  const redirect = await client.requestJson({ method: 'GET', url: `${server.origin}/r` });
  assert.equal(failure(redirect), 'response 302');
  await client.close();
});

test('a closed port is a network_error', async () => {
  const closed = await startTestServer();
  const origin = closed.origin;
  await closed.close();
  const client = createHttpClient({ policy: { allowLoopback: true }, timeoutMs: 2_000 });
  const outcome = await client.requestJson({ method: 'POST', url: `${origin}/x`, body: 'a=1' });
  assert.equal(failure(outcome), 'network_error');
  assert.match(outcome.kind === 'failure' ? outcome.message : '', /ECONNREFUSED/);
  await client.close();
});
