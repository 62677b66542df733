import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isLoopback, listenOptions, warnIfExposed } from './tls.ts';

test('loopback addresses are recognised', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'watchfloor.example.org', '10.0.0.1']) assert.equal(isLoopback(h), false, h);
});

test('a warning is printed only when listening beyond loopback without TLS', () => {
  const said: string[] = [];
  const warn = (m: string) => said.push(m);
  assert.equal(warnIfExposed('127.0.0.1', false, warn), false);
  assert.equal(warnIfExposed('0.0.0.0', true, warn), false);
  assert.equal(said.length, 0);
  assert.equal(warnIfExposed('0.0.0.0', false, warn), true);
  assert.match(said[0]!, /without TLS/);
});

test('listenOptions reads both files, and refuses one without the other', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wf-tls-'));
  writeFileSync(join(dir, 'c.pem'), 'CERT');
  writeFileSync(join(dir, 'k.pem'), 'KEY');
  assert.deepEqual(listenOptions({}), {});
  const options = listenOptions({ tlsCert: join(dir, 'c.pem'), tlsKey: join(dir, 'k.pem') });
  assert.ok('https' in options);
  assert.equal(options.https.cert.toString(), 'CERT');
  assert.equal(options.https.key.toString(), 'KEY');
  assert.throws(() => listenOptions({ tlsCert: join(dir, 'c.pem') }), /both/);
});
