import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  createSquidCombinedParser,
  createSquidCommonParser,
  createSquidLogformatParser,
  looksLikeSquidCombined,
  looksLikeSquidCommon,
  SQUID_COMBINED_LOGFORMAT,
  SQUID_COMMON_LOGFORMAT,
} from './squid-logformat.ts';
import { createSquidNativeParser } from './squid-native.ts';
import { fieldsOf, rejectReason } from './test-outcomes.ts';

const PLASO = new URL('../../../../shared/data/logs/squid/plaso-squid_access.log', import.meta.url);
const NATIVE = '%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt';
const COMBINED_LINE =
  '172.16.17.5 - susie [21/Mar/2021:13:02:11 +0300] "GET http://www.win-rar.com/postdownload.html?&L=0&Version=32bit HTTP/1.1" ' +
  '200 18732 "https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/89.0.4389.90 Safari/537.36" TCP_MISS:HIER_DIRECT';
const COMMON_LINE = '10.0.0.7 - - [05/Mar/2023:00:15:34 +0000] "CONNECT update.example.com:443 HTTP/1.1" 407 3911 TCP_DENIED:HIER_NONE';

test('the built-in definitions are the ones in squid.conf.documented', () => {
  assert.equal(SQUID_COMMON_LOGFORMAT, '%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st %Ss:%Sh');
  assert.equal(SQUID_COMBINED_LOGFORMAT,
    '%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh');
  assert.equal(createSquidCommonParser().format, 'squid-common');
  assert.equal(createSquidCombinedParser().format, 'squid-combined');
  assert.equal(createSquidLogformatParser(NATIVE).format, 'squid-logformat');
});

test('combined: a real browser download with referrer and user agent', () => {
  const outcome = createSquidCombinedParser().parseLine(COMBINED_LINE, 1);
  assert.equal(outcome.kind, 'event');
  if (outcome.kind !== 'event') return;
  assert.equal(outcome.event.timestamp, Date.UTC(2021, 2, 21, 10, 2, 11));
  assert.equal(outcome.event.raw, COMBINED_LINE);
  assert.deepEqual(outcome.event.fields, {
    '@timestamp': '2021-03-21T10:02:11.000Z',
    'event.dataset': 'squid.access',
    'event.action': 'TCP_MISS',
    'event.outcome': 'success',
    'source.ip': '172.16.17.5',
    'user.name': 'susie',
    'http.request.method': 'GET',
    'http.version': '1.1',
    'http.response.status_code': 200,
    'http.response.body.bytes': 18732,
    'http.request.referrer': 'https://www.google.com/',
    'user_agent.original':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36',
    'url.original': 'http://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
    'url.scheme': 'http',
    'url.domain': 'www.win-rar.com',
    'url.path': '/postdownload.html',
    'url.query': '&L=0&Version=32bit',
    'url.extension': 'html',
    'squid.hierarchy_code': 'HIER_DIRECT',
    'observer.vendor': 'Squid',
  });
});

test('combined: escaped quotes in the user agent, dashes are empty, CRLF is stripped', () => {
  const line = '10.0.0.9 - - [21/Mar/2021:13:02:11 -0130] "POST http://c2.example.net/gate.php HTTP/1.0" 503 0 "-" ' +
    '"Agent \\"X\\" \\\\ 1.0" TCP_MISS_ABORTED:HIER_DIRECT\r';
  const fields = fieldsOf(createSquidCombinedParser().parseLine(line, 1));
  assert.equal(fields['@timestamp'], '2021-03-21T14:32:11.000Z');
  assert.equal(fields['user_agent.original'], 'Agent "X" \\ 1.0');
  assert.equal(fields['http.request.referrer'], undefined);
  assert.equal(fields['user.name'], undefined);
  assert.equal(fields['event.outcome'], 'failure');
  assert.equal(fields['squid.hierarchy_code'], 'HIER_DIRECT');
});

test('common: a denied CONNECT', () => {
  assert.deepEqual(fieldsOf(createSquidCommonParser().parseLine(COMMON_LINE, 1)), {
    '@timestamp': '2023-03-05T00:15:34.000Z',
    'event.dataset': 'squid.access',
    'event.action': 'TCP_DENIED',
    'event.outcome': 'failure',
    'source.ip': '10.0.0.7',
    'http.request.method': 'CONNECT',
    'http.version': '1.1',
    'http.response.status_code': 407,
    'http.response.body.bytes': 3911,
    'url.original': 'update.example.com:443',
    'url.domain': 'update.example.com',
    'url.port': 443,
    'squid.hierarchy_code': 'HIER_NONE',
    'observer.vendor': 'Squid',
  });
});

test('the native format as a logformat gives the same events as the native parser', () => {
  const native = createSquidNativeParser();
  const compiled = createSquidLogformatParser(`logformat squid ${NATIVE}`);
  const lines = readFileSync(PLASO, 'utf8').split('\n').filter((line) => line !== '');
  for (const [i, line] of lines.entries()) {
    assert.deepEqual(compiled.parseLine(line, i + 1), native.parseLine(line, i + 1), line);
  }
});

test('a site logformat: Host header with a path, ports, strftime and GMT times, unknown codes', () => {
  const parser = createSquidLogformatParser(
    '%{%Y-%m-%d %H:%M:%S}tl %tg %>a:%>p %<A:%<p %{Host}>h "%rm %rp" %<Hs %>st %err_code %{X-Forwarded-For}>h %"{Cookie}>h %note{k}',
  );
  const line = '2021-03-21 13:02:11 21/Mar/2021:10:02:12 +0000 10.1.1.1:51234 origin.example.com:8080 WWW.Example.com ' +
    '"GET /a/b.PHP?x=1" 302 512 ERR_NONE 203.0.113.5 sid=abc v';
  assert.deepEqual(fieldsOf(parser.parseLine(line, 1)), {
    '@timestamp': '2021-03-21T10:02:12.000Z',
    'event.dataset': 'squid.access',
    'event.outcome': 'success',
    'source.ip': '10.1.1.1',
    'source.port': 51234,
    'destination.domain': 'origin.example.com',
    'destination.port': 8080,
    'http.request.method': 'GET',
    'http.response.status_code': 302,
    'http.request.body.bytes': 512,
    'http.cookie': 'sid=abc',
    'url.original': 'http://WWW.Example.com/a/b.PHP?x=1',
    'url.scheme': 'http',
    'url.domain': 'www.example.com',
    'url.path': '/a/b.PHP',
    'url.query': 'x=1',
    'url.extension': 'php',
    'squid.err_code': 'ERR_NONE',
    'squid.request_header.x-forwarded-for': '203.0.113.5',
    'squid.note.k': 'v',
    'observer.vendor': 'Squid',
  });
});

test('%>Hs wins over %<Hs, the authenticated user over ident, %[ values are %-decoded', () => {
  const parser = createSquidLogformatParser('%ts %<Hs %>Hs %[ui %[un %{Content-Type}<h %mt');
  const fields = fieldsOf(parser.parseLine('1616320931 200 403 ident j%20doe text/plain text/html', 1));
  assert.equal(fields['http.response.status_code'], 403);
  assert.equal(fields['user.name'], 'j doe');
  assert.equal(fields['http.response.mime_type'], 'text/html');
  const fallback = fieldsOf(parser.parseLine('1616320931 200 - ident - text/plain -', 2));
  assert.equal(fallback['http.response.status_code'], 200);
  assert.equal(fallback['user.name'], 'ident');
  assert.equal(fallback['http.response.mime_type'], 'text/plain');
});

test('a bad logformat is refused at creation, naming the position', () => {
  assert.throws(() => createSquidLogformatParser('%ts %'), /position 4: '%' is not followed by a format code/);
  assert.throws(() => createSquidLogformatParser('%ts "%{Referer>h"'), /position 6: unterminated \{argument\}/);
  assert.throws(() => createSquidLogformatParser('%ts%tu %>a'), /position 3: %tu directly follows another code/);
  assert.throws(() => createSquidLogformatParser('%{%Y %Q}tl %>a'), /position 0: unsupported time directive %Q/);
  assert.throws(() => createSquidLogformatParser('%>a %ru'), /no time code/);
  assert.throws(() => createSquidLogformatParser('   '), /empty/);
});

test('a line that does not fit is rejected naming the code where it stops', () => {
  const parser = createSquidCombinedParser();
  assert.equal(rejectReason(parser.parseLine(COMBINED_LINE.replace('"GET', 'GET'), 1)),
    'line does not match the logformat at %rm (logformat position 21), line character 47: ' +
    '"] GET http://www.win-rar.com/postdownloa"');
  assert.equal(rejectReason(parser.parseLine(COMMON_LINE, 2)),
    'line does not match the logformat at %{Referer}>h (logformat position 50), line character 92: " TCP_DENIED:HIER_NONE"');
  assert.match(rejectReason(parser.parseLine(COMBINED_LINE.replace('21/Mar/2021', '21/Xyz/2021'), 3)), /^invalid date/);
  assert.match(rejectReason(parser.parseLine(`${COMBINED_LINE} trailing`, 4)), /at the end of the logformat/);
  assert.deepEqual(parser.parseLine('', 5), { kind: 'skip' });
});

test('sniffers tell common from combined', () => {
  assert.equal(looksLikeSquidCombined(COMBINED_LINE), true);
  assert.equal(looksLikeSquidCommon(COMBINED_LINE), false);
  assert.equal(looksLikeSquidCommon(COMMON_LINE), true);
  assert.equal(looksLikeSquidCombined(COMMON_LINE), false);
  const apache = '10.0.0.1 - - [21/Mar/2021:13:02:11 +0300] "GET / HTTP/1.1" 200 512 "-" "curl/7.68.0"';
  assert.equal(looksLikeSquidCombined(apache), false);
  assert.equal(looksLikeSquidCommon('1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -'), false);
});
