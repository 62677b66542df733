// Tests of refanging and observable type detection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectObservable, normaliseAs, refang } from './observable.ts';

function detect(raw: string): string {
  const d = detectObservable(raw);
  return d.ok ? `${d.observable.type}:${d.observable.value}` : `invalid:${d.reason}`;
}

test('refang undoes the common defanging forms', () => {
  assert.equal(refang('hxxp://evil[.]example[.]com/a'), 'http://evil.example.com/a');
  assert.equal(refang('hXXps[:]//evil(.)example{.}com'), 'https://evil.example.com');
  assert.equal(refang('hxxps[://]evil[dot]com'), 'https://evil.com');
  assert.equal(refang('1.2.3[.]4'), '1.2.3.4');
  assert.equal(refang('bob[at]evil[.]com'), 'bob@evil.com');
  assert.equal(refang('bob(at)evil(dot)com'), 'bob@evil.com');
  assert.equal(refang('fxp://files[.]evil[.]com'), 'ftp://files.evil.com');
  assert.equal(refang('  plain.example.com  '), 'plain.example.com');
});

test('detects the reference incident observables', () => {
  assert.equal(
    detect('https://www.win-rar.com/postdownload.html?&L=0&Version=32bit'),
    'url:https://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
  );
  assert.equal(detect('51.195.68.163'), 'ip:51.195.68.163');
  assert.equal(detect('win-rar.com'), 'domain:win-rar.com');
  assert.equal(detect('gavrilobtcapikey2884238984928.netsons.org'), 'domain:gavrilobtcapikey2884238984928.netsons.org');
  assert.equal(detect('8B88EBBB05A0E56B7DCC708498C02B3E'), 'md5:8b88ebbb05a0e56b7dcc708498c02b3e');
});

test('detects every type, defanged or not', () => {
  assert.equal(detect('hxxp://1.2.3[.]4:8080/bin.sh'), 'url:http://1.2.3.4:8080/bin.sh');
  assert.equal(detect('HTTP://WWW.Example.COM'), 'url:http://www.example.com/');
  assert.equal(detect('evil[.]com/payload.exe'), 'url:http://evil.com/payload.exe');
  assert.equal(detect('2001:DB8:0:0::1'), 'ip:2001:db8::1');
  assert.equal(detect('[2001:db8::1]'), 'ip:2001:db8::1');
  assert.equal(detect('Evil.Example.CO.UK.'), 'domain:evil.example.co.uk');
  assert.equal(detect('bücher.example'), 'invalid:no known public suffix');
  assert.equal(detect('bücher.de'), 'domain:xn--bcher-kva.de');
  assert.equal(detect('user.name[at]Example[.]org'), 'email:user.name@example.org');
  assert.equal(detect('a'.repeat(40)), `sha1:${'a'.repeat(40)}`);
  assert.equal(detect('F'.repeat(64)), `sha256:${'f'.repeat(64)}`);
});

test('rejects what is not an observable, with a reason', () => {
  assert.equal(detect(''), 'invalid:empty value');
  assert.equal(detect('foo.notatld'), 'invalid:no known public suffix');
  assert.equal(detect('hello world'), 'invalid:not an IP address, domain, URL, hash or e-mail address');
  assert.equal(detect('1.2.3.256'), 'invalid:no known public suffix');
  assert.equal(detect('01.2.3.4'), 'invalid:no known public suffix');
  assert.equal(detect('abc'.repeat(10)), 'invalid:not an IP address, domain, URL, hash or e-mail address');
});

test('normaliseAs checks a declared type', () => {
  assert.equal(normaliseAs('sha256', 'A'.repeat(64)), 'a'.repeat(64));
  assert.equal(normaliseAs('md5', 'a'.repeat(64)), undefined);
  assert.equal(normaliseAs('ip', '10.0.0[.]1'), '10.0.0.1');
  assert.equal(normaliseAs('domain', 'http://x.com'), undefined);
  assert.equal(normaliseAs('url', 'hxxps://x[.]com/a b'), 'https://x.com/a%20b');
});
