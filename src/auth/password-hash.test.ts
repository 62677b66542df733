import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCRYPT, generatePassword, hashPassword, needsRehash, verifyPassword } from './password-hash.ts';

test('a hash verifies its password and no other, and stores its parameters and a random salt', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
  assert.ok(!hash.includes('correct horse'));
  assert.equal(await verifyPassword('correct horse battery staple', hash), true);
  assert.equal(await verifyPassword('correct horse battery stapl', hash), false);
  assert.equal(await verifyPassword('', hash), false);
  const again = await hashPassword('correct horse battery staple');
  assert.notEqual(again, hash, 'each hash has its own salt');
  assert.equal(await verifyPassword('correct horse battery staple', again), true);
});

test('the stored parameters are the ones used to verify', async () => {
  const weak = await hashPassword('a password here', { N: 1024, r: 8, p: 1 });
  assert.ok(weak.startsWith('scrypt$1024$8$1$'));
  assert.equal(await verifyPassword('a password here', weak), true);
  assert.equal(needsRehash(weak), true);
  assert.equal(needsRehash(await hashPassword('x', DEFAULT_SCRYPT)), false);
});

test('malformed or tampered hashes never match (and never ask for absurd memory)', async () => {
  const hash = await hashPassword('a password here', { N: 1024, r: 8, p: 1 });
  for (const bad of ['', 'plain', hash.replace('scrypt', 'bcrypt'), hash.replace('$1024$', '$1000$'), hash.replace('$1024$', `$${2 ** 30}$`), hash.slice(0, -4)]) {
    assert.equal(await verifyPassword('a password here', bad), false, bad);
  }
});

test('generated passwords are long and random', () => {
  const a = generatePassword();
  assert.equal(a.length, 24);
  assert.match(a, /^[A-Za-z0-9_-]+$/);
  assert.notEqual(a, generatePassword());
});
