import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginThrottle } from './login-throttle.ts';

test('five failures for a name within the window refuse the sixth attempt until the window ends', () => {
  let now = 0;
  const throttle = new LoginThrottle({ maxPerUser: 5, maxPerIp: 20, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 5; i++) {
    assert.equal(throttle.retryAfter('10.0.0.1', 'Susie'), null);
    throttle.fail('10.0.0.1', 'Susie');
    now += 1000;
  }
  assert.equal(throttle.retryAfter('10.0.0.1', 'susie'), 55, 'names are counted case-insensitively; seconds until the window ends');
  assert.equal(throttle.retryAfter('10.0.0.2', 'SUSIE'), 55, 'another address does not help');
  assert.equal(throttle.retryAfter('10.0.0.1', 'bob'), null, 'another name from the same address is not blocked yet');
  now = 60_000;
  assert.equal(throttle.retryAfter('10.0.0.1', 'susie'), null);
});

test('an address spraying many names is refused after its own limit', () => {
  let now = 0;
  const throttle = new LoginThrottle({ maxPerUser: 5, maxPerIp: 3, windowMs: 60_000 }, () => now);
  for (const name of ['a', 'b', 'c']) throttle.fail('10.0.0.9', name);
  assert.equal(throttle.retryAfter('10.0.0.9', 'd'), 60);
  assert.equal(throttle.retryAfter('10.0.0.8', 'd'), null);
  now = 30_000;
  assert.equal(throttle.retryAfter('10.0.0.9', 'd'), 30);
});

test('a success clears the name, not the address; memory stays bounded', () => {
  const throttle = new LoginThrottle({ maxPerUser: 2, maxPerIp: 100, windowMs: 60_000, maxKeys: 10 }, () => 0);
  throttle.fail('1.1.1.1', 'x');
  throttle.fail('1.1.1.1', 'x');
  assert.notEqual(throttle.retryAfter('1.1.1.1', 'x'), null);
  throttle.succeed('X');
  assert.equal(throttle.retryAfter('1.1.1.1', 'x'), null);
  for (let i = 0; i < 100; i++) throttle.fail(`2.2.2.${i}`, `user${i}`);
  assert.ok((throttle as unknown as { windows: Map<string, unknown> }).windows.size <= 10);
});
