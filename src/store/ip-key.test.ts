import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidrKeyRange, ipKey } from './ip-key.ts';

test('IPv4 addresses become IPv4-mapped IPv6 keys that sort numerically', () => {
  assert.equal(ipKey('172.16.17.5'), '00000000000000000000ffffac101105');
  assert.ok(ipKey('10.0.0.9')! < ipKey('10.0.0.10')!);
  assert.ok(ipKey('9.255.255.255')! < ipKey('10.0.0.0')!);
});

test('IPv6 addresses, bracketed and zoned forms', () => {
  assert.equal(ipKey('2001:db8::1'), '20010db8000000000000000000000001');
  assert.equal(ipKey('[2001:db8::1]'), ipKey('2001:db8::1'));
  assert.equal(ipKey('fe80::1%eth0'), 'fe800000000000000000000000000001');
});

test('non-addresses have no key', () => {
  for (const bad of ['', '-', 'example.com', '1.2.3', '1.2.3.4.5', '300.1.1.1', '01.2.3.4x', '::g']) {
    assert.equal(ipKey(bad), null, bad);
  }
});

test('a CIDR block is the key range of its first and last address', () => {
  const r = cidrKeyRange('172.16.0.0/12');
  assert.equal(r.low, ipKey('172.16.0.0'));
  assert.equal(r.high, ipKey('172.31.255.255'));
  const inside = ipKey('172.20.1.2')!;
  assert.ok(inside >= r.low && inside <= r.high);
  const outside = ipKey('172.32.0.0')!;
  assert.ok(outside > r.high);
  assert.deepEqual(cidrKeyRange('10.1.2.3/32'), { low: ipKey('10.1.2.3'), high: ipKey('10.1.2.3') });
  const all4 = cidrKeyRange('0.0.0.0/0');
  assert.equal(all4.low, ipKey('0.0.0.0'));
  assert.equal(all4.high, ipKey('255.255.255.255'));
  const v6 = cidrKeyRange('2001:db8::/32');
  assert.equal(v6.low, '20010db8000000000000000000000000');
  assert.equal(v6.high, '20010db8ffffffffffffffffffffffff');
  assert.deepEqual(cidrKeyRange('2001:db8::/29'), {
    low: '20010db8000000000000000000000000',
    high: '20010dbfffffffffffffffffffffffff',
  });
});

test('a malformed CIDR is a RangeError naming it', () => {
  assert.throws(() => cidrKeyRange('172.16.0.0/33'), /not a CIDR block: 172.16.0.0\/33/);
  assert.throws(() => cidrKeyRange('nonsense'), RangeError);
});
