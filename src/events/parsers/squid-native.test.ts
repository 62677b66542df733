import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createSquidNativeParser, isoTime, looksLikeSquidNative, squidOutcome } from './squid-native.ts';
import { fieldsOf, rejectReason } from './test-outcomes.ts';

const PLASO = new URL('../../../../shared/data/logs/squid/plaso-squid_access.log', import.meta.url);
const lines = readFileSync(PLASO, 'utf8').split('\n').filter((line) => line !== '');

test('every line of the plaso sample parses, none is rejected', () => {
  const parser = createSquidNativeParser();
  assert.equal(lines.length, 8);
  const kinds = lines.map((line, i) => parser.parseLine(line, i + 1).kind);
  assert.deepEqual(kinds, Array(8).fill('event'));
});

test('CONNECT tunnel: host:443 in url.*, duration in ns, peer as destination.ip, no path', () => {
  const outcome = createSquidNativeParser().parseLine(lines[0]!, 1);
  assert.equal(outcome.kind, 'event');
  if (outcome.kind !== 'event') return;
  assert.equal(outcome.event.timestamp, 1677971734079);
  assert.equal(outcome.event.raw, '1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -');
  assert.deepEqual(outcome.event.fields, {
    '@timestamp': '2023-03-04T23:15:34.079Z',
    'event.dataset': 'squid.access',
    'event.action': 'TCP_TUNNEL',
    'event.duration': 1_234_000_000,
    'event.outcome': 'success',
    'source.ip': '1.2.3.4',
    'http.request.method': 'CONNECT',
    'http.response.status_code': 200,
    'http.response.body.bytes': 39,
    'url.original': 'domain.xyz:443',
    'url.domain': 'domain.xyz',
    'url.port': 443,
    'squid.hierarchy_code': 'HIER_DIRECT',
    'destination.ip': '1.2.3.4',
    'observer.vendor': 'Squid',
  });
});

test('a double space before the MIME type is one separator', () => {
  const fields = fieldsOf(createSquidNativeParser().parseLine(lines[1]!, 2));
  assert.equal(lines[1]!.endsWith('HIER_DIRECT/1.2.3.4  -'), true);
  assert.equal(fields['@timestamp'], '2023-03-04T23:15:34.080Z');
  assert.equal(fields['destination.ip'], '1.2.3.4');
  assert.equal(fields['http.response.mime_type'], undefined);
  assert.equal(fields['url.original'], 'domain.xyz:443');
});

test('IPv6 client, user name, 404 is a failure', () => {
  assert.deepEqual(fieldsOf(createSquidNativeParser().parseLine(lines[4]!, 5)), {
    '@timestamp': '2023-03-04T23:15:37.789Z',
    'event.dataset': 'squid.access',
    'event.action': 'TCP_MISS',
    'event.duration': 123_000_000,
    'event.outcome': 'failure',
    'source.ip': '2001:db8::1',
    'http.request.method': 'GET',
    'http.response.status_code': 404,
    'http.response.body.bytes': 1024,
    'url.original': 'http://example.com/missing.html',
    'url.scheme': 'http',
    'url.domain': 'example.com',
    'url.path': '/missing.html',
    'url.extension': 'html',
    'user.name': 'admin',
    'squid.hierarchy_code': 'HIER_DIRECT',
    'destination.ip': '93.184.216.34',
    'http.response.mime_type': 'text/html',
    'observer.vendor': 'Squid',
  });
});

test('TCP_DENIED: failure, no peer (HIER_NONE/-)', () => {
  assert.deepEqual(fieldsOf(createSquidNativeParser().parseLine(lines[5]!, 6)), {
    '@timestamp': '2023-03-04T23:15:38.012Z',
    'event.dataset': 'squid.access',
    'event.action': 'TCP_DENIED',
    'event.duration': 456_000_000,
    'event.outcome': 'failure',
    'source.ip': '172.16.0.1',
    'http.request.method': 'POST',
    'http.response.status_code': 403,
    'http.response.body.bytes': 256,
    'url.original': 'http://example.com/api/data',
    'url.scheme': 'http',
    'url.domain': 'example.com',
    'url.path': '/api/data',
    'squid.hierarchy_code': 'HIER_NONE',
    'http.response.mime_type': 'application/json',
    'observer.vendor': 'Squid',
  });
});

test('a cache hit with NONE/- and a user name with @', () => {
  const hit = fieldsOf(createSquidNativeParser().parseLine(lines[3]!, 4));
  assert.equal(hit['squid.hierarchy_code'], 'NONE');
  assert.equal(hit['destination.ip'], undefined);
  assert.equal(hit['http.response.status_code'], 304);
  assert.equal(hit['http.response.body.bytes'], 0);
  assert.equal(hit['url.extension'], 'png');
  const tunnel = fieldsOf(createSquidNativeParser().parseLine(lines[7]!, 8));
  assert.equal(tunnel['user.name'], 'user@domain.com');
  assert.equal(tunnel['destination.ip'], '10.20.30.40');
});

test('status 000, %-encoded user, peer name, padded timestamp, log_mime_hdrs suffix, CRLF', () => {
  const parser = createSquidNativeParser();
  const line = ' 977971734.000      5 10.0.0.1 NONE_NONE/000 0 GET http://a.example/ j%C3%B6rg FIRSTUP_PARENT/proxy.corp -';
  const fields = fieldsOf(parser.parseLine(`${line}\r`, 1));
  assert.equal(fields['@timestamp'], '2000-12-28T02:48:54.000Z');
  assert.equal(fields['http.response.status_code'], undefined);
  assert.equal(fields['event.outcome'], 'unknown');
  assert.equal(fields['user.name'], 'jörg');
  assert.equal(fields['destination.domain'], 'proxy.corp');
  const withHeaders = fieldsOf(parser.parseLine(`${lines[2]!} [Host: example.com\\r\\n] [HTTP/1.1 200 OK\\r\\n]`, 2));
  assert.equal(withHeaders['squid.mime_headers'], '[Host: example.com\\r\\n] [HTTP/1.1 200 OK\\r\\n]');
  assert.equal(withHeaders['http.response.mime_type'], 'text/html');
});

test('wrong-format lines are rejected with the reason', () => {
  const parser = createSquidNativeParser();
  const combined = '10.0.0.5 - - [21/Mar/2021:13:02:11 +0300] "GET http://a.example/ HTTP/1.1" 200 5 "-" "curl/7.68.0" TCP_MISS:HIER_DIRECT';
  assert.match(rejectReason(parser.parseLine(combined, 1)), /^timestamp is not epoch seconds/);
  assert.equal(rejectReason(parser.parseLine('1677971735.123 567 192.168.1.100 TCP_MISS/200 5432 GET', 2)),
    'expected 10 space-separated fields, found 6');
  assert.match(rejectReason(parser.parseLine(lines[2]!.replace('TCP_MISS/200', 'TCP_MISS-200'), 3)), /^result field/);
  assert.match(rejectReason(parser.parseLine(lines[2]!.replace(' 5432 ', ' lots '), 4)), /^reply size/);
  assert.match(rejectReason(parser.parseLine(lines[2]!.replace(' 567 ', ' 5x7 '), 5)), /^elapsed time/);
  assert.match(rejectReason(parser.parseLine(lines[2]!.replace('1677971735.123', '999999999999.999'), 6)), /^timestamp is not/);
  assert.match(rejectReason(parser.parseLine(`${lines[2]!} extra`, 7)), /more than 10 fields/);
  assert.deepEqual(parser.parseLine('', 8), { kind: 'skip' });
  assert.deepEqual(parser.parseLine('   ', 9), { kind: 'skip' });
});

test('event.outcome rule and ISO time helper', () => {
  assert.equal(squidOutcome('TCP_DENIED', 407), 'failure');
  assert.equal(squidOutcome('TCP_DENIED_REPLY', 200), 'failure');
  assert.equal(squidOutcome('TCP_MISS', 503), 'failure');
  assert.equal(squidOutcome('TCP_REFRESH_MODIFIED', 302), 'success');
  assert.equal(squidOutcome('TCP_MISS_ABORTED', 0), 'unknown');
  assert.equal(squidOutcome(undefined, undefined), 'unknown');
  for (const ms of [0, -1, 999, 1677971734079, 1677971734999, 1677971735000]) assert.equal(isoTime(ms), new Date(ms).toISOString());
  assert.equal(isoTime(1.5), undefined);
  assert.equal(isoTime(253_402_300_800_000), undefined);
});

test('looksLikeSquidNative recognises every sample line and nothing else', () => {
  for (const line of lines) assert.equal(looksLikeSquidNative(line), true, line);
  assert.equal(looksLikeSquidNative('10.0.0.5 - - [21/Mar/2021:13:02:11 +0300] "GET / HTTP/1.1" 200 5 TCP_MISS:HIER_DIRECT'), false);
  assert.equal(looksLikeSquidNative('#Fields: date time c-ip'), false);
  assert.equal(looksLikeSquidNative('1616320931.000000\tCHhAvVGS1DHFjwGM9\t10.0.0.1\t80'), false);
});
