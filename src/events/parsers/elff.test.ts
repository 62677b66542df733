import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventFields } from '../event.ts';
import { createElffParser, looksLikeElff } from './elff.ts';
import type { LineOutcome, LineParser } from './types.ts';

const PROXYSG = `#Software: SGOS 6.7.5.14
#Version: 1.0
#Start-Date: 2021-03-21 10:02:11
#Date: 2021-03-21 10:02:11
#Fields: date time time-taken c-ip cs-username cs-auth-group x-exception-id sc-filter-result cs-categories cs(Referer) sc-status s-action cs-method rs(Content-Type) cs-uri-scheme cs-host cs-uri-port cs-uri-path cs-uri-query cs-uri-extension cs(User-Agent) s-ip sc-bytes cs-bytes x-virus-id
#Remark: 4608190071 "proxysg-01" "10.10.1.1" "main"
2021-03-21 10:02:11 217 172.16.17.5 jdoe - - OBSERVED "Technology/Internet;Software Downloads" "https://www.google.com/" 200 TCP_NC_MISS GET text/html;charset=UTF-8 https www.win-rar.com 443 /postdownload.html ?&L=0&Version=32bit html "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36" 10.10.1.1 18732 612 -
2021-03-21 10:02:14 3 172.16.17.5 jdoe - policy_denied DENIED "Malicious Sources/Malnets" - 403 TCP_DENIED GET - http malicious.example.net 80 /payload.exe - exe "Microsoft BITS/7.8" 10.10.1.1 1042 240 -
2021-03-21 10:02:20 1502 172.16.17.9 - - - PROXIED "Technology/Internet" - 200 TCP_NC_MISS GET application/octet-stream http downloads.example.org 8080 /tools/eicar.com - com "curl/7.68.0" 10.10.1.1 68 180 EICAR_Test_File
2021-03-21 10:02:25 41 172.16.17.5 - - - OBSERVED "Technology/Internet" - 200 TCP_TUNNELED CONNECT - tcp update.example.com 443 / - - "Mozilla/5.0" 10.10.1.1 7321 922 -
#Fields: time c-ip cs-method cs-uri sc-status
10:03:00.5 172.16.17.5 GET http://example.com/a.js 200`.split('\n');

const IIS = `#Software: Microsoft Internet Information Services 10.0
#Version: 1.0
#Date: 2021-03-21 10:00:00
#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken
2021-03-21 10:05:42 W3SVC1 WEB01 10.0.0.10 POST /owa/auth/x.js - 443 - 203.0.113.7 HTTP/1.1 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - mail.example.com 200 0 0 1234 567 15
2021-03-21 10:05:43 W3SVC1 WEB01 10.0.0.10 GET /aspnet_client/system_web/shell.aspx cmd=whoami 443 CONTOSO\\administrator 203.0.113.7 HTTP/1.1 python-requests/2.25.1 - mail.example.com 404 0 2 1245 310 3`.split('\n');

function feed(parser: LineParser, lines: string[]): LineOutcome[] {
  return lines.map((line, i) => parser.parseLine(line, i + 1));
}

function fieldsOf(outcome: LineOutcome | undefined): EventFields {
  assert.equal(outcome?.kind, 'event', JSON.stringify(outcome));
  return outcome?.kind === 'event' ? outcome.event.fields : ({} as EventFields);
}

function rejectReason(outcome: LineOutcome): string {
  assert.equal(outcome.kind, 'reject', JSON.stringify(outcome));
  return outcome.kind === 'reject' ? outcome.reason : '';
}

test('ProxySG: headers are skipped, every data line is an event', () => {
  assert.deepEqual(feed(createElffParser(), PROXYSG).map((o) => o.kind),
    ['skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'event', 'event', 'event', 'event', 'skip', 'event']);
});

test('ProxySG: quoted values with spaces, URL rebuilt from its parts, proxy address as observer.ip', () => {
  const outcome = feed(createElffParser(), PROXYSG)[6];
  assert.equal(outcome?.kind === 'event' && outcome.event.timestamp, Date.UTC(2021, 2, 21, 10, 2, 11));
  assert.deepEqual(fieldsOf(outcome), {
    '@timestamp': '2021-03-21T10:02:11.000Z',
    'event.dataset': 'w3c.proxy',
    'event.action': 'TCP_NC_MISS',
    'event.duration': 217_000_000,
    'event.outcome': 'success',
    'source.ip': '172.16.17.5',
    'user.name': 'jdoe',
    'http.request.method': 'GET',
    'http.request.referrer': 'https://www.google.com/',
    'http.response.status_code': 200,
    'http.response.mime_type': 'text/html;charset=UTF-8',
    'http.response.body.bytes': 18732,
    'http.request.body.bytes': 612,
    'user_agent.original':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36',
    'url.original': 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
    'url.scheme': 'https',
    'url.domain': 'www.win-rar.com',
    'url.path': '/postdownload.html',
    'url.query': '&L=0&Version=32bit',
    'url.extension': 'html',
    'observer.ip': '10.10.1.1',
    'observer.vendor': 'Symantec',
    'observer.product': 'ProxySG',
    'w3c.sc-filter-result': 'OBSERVED',
    'w3c.cs-categories': 'Technology/Internet;Software Downloads',
  });
});

test('ProxySG: a DENIED filter result, an AV verdict, a non-default port, a CONNECT tunnel', () => {
  const outcomes = feed(createElffParser(), PROXYSG);
  const denied = fieldsOf(outcomes[7]);
  assert.equal(denied['event.outcome'], 'failure');
  assert.equal(denied['w3c.x-exception-id'], 'policy_denied');
  assert.equal(denied['url.original'], 'http://malicious.example.net/payload.exe');
  assert.equal(denied['http.response.mime_type'], undefined);
  const eicar = fieldsOf(outcomes[8]);
  assert.equal(eicar['w3c.x-virus-id'], 'EICAR_Test_File');
  assert.equal(eicar['url.original'], 'http://downloads.example.org:8080/tools/eicar.com');
  assert.equal(eicar['url.port'], 8080);
  assert.equal(eicar['url.extension'], 'com');
  assert.equal(eicar['user.name'], undefined);
  const tunnel = fieldsOf(outcomes[9]);
  assert.equal(tunnel['url.original'], 'update.example.com:443');
  assert.equal(tunnel['url.domain'], 'update.example.com');
  assert.equal(tunnel['url.path'], undefined);
});

test('a new #Fields mid-file changes the columns; a missing date comes from #Date', () => {
  const last = fieldsOf(feed(createElffParser(), PROXYSG)[11]);
  assert.deepEqual(last, {
    '@timestamp': '2021-03-21T10:03:00.500Z',
    'event.dataset': 'w3c.proxy',
    'event.outcome': 'success',
    'source.ip': '172.16.17.5',
    'http.request.method': 'GET',
    'http.response.status_code': 200,
    'url.original': 'http://example.com/a.js',
    'url.scheme': 'http',
    'url.domain': 'example.com',
    'url.path': '/a.js',
    'url.extension': 'js',
    'observer.vendor': 'Symantec',
    'observer.product': 'ProxySG',
  });
});

test('IIS: w3c.iis, server as destination, + in the user agent is a space, https from port 443', () => {
  const outcomes = feed(createElffParser(), IIS);
  assert.deepEqual(fieldsOf(outcomes[4]), {
    '@timestamp': '2021-03-21T10:05:42.000Z',
    'event.dataset': 'w3c.iis',
    'event.duration': 15_000_000,
    'event.outcome': 'success',
    'service.name': 'W3SVC1',
    'host.name': 'WEB01',
    'destination.ip': '10.0.0.10',
    'destination.port': 443,
    'source.ip': '203.0.113.7',
    'http.request.method': 'POST',
    'http.version': '1.1',
    'http.response.status_code': 200,
    'http.response.body.bytes': 1234,
    'http.request.body.bytes': 567,
    'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    'url.original': 'https://mail.example.com/owa/auth/x.js',
    'url.scheme': 'https',
    'url.domain': 'mail.example.com',
    'url.path': '/owa/auth/x.js',
    'url.extension': 'js',
    'w3c.sc-substatus': '0',
    'w3c.sc-win32-status': '0',
    'observer.vendor': 'Microsoft',
    'observer.product': 'IIS',
  });
  const shell = fieldsOf(outcomes[5]);
  assert.equal(shell['url.original'], 'https://mail.example.com/aspnet_client/system_web/shell.aspx?cmd=whoami');
  assert.equal(shell['url.query'], 'cmd=whoami');
  assert.equal(shell['user.name'], 'CONTOSO\\administrator');
  assert.equal(shell['event.outcome'], 'failure');
});

test('IIS without cs-host keeps the path as url.original', () => {
  const parser = createElffParser();
  feed(parser, ['#Fields: date time cs-uri-stem cs-uri-query sc-status']);
  const fields = fieldsOf(parser.parseLine('2021-03-21 10:05:42 /Default.ASPX a=1 200', 2));
  assert.equal(fields['url.original'], '/Default.ASPX?a=1');
  assert.equal(fields['url.extension'], 'aspx');
  assert.equal(fields['event.dataset'], 'w3c.proxy');
});

test('bad lines are rejected with the reason', () => {
  const parser = createElffParser();
  assert.equal(rejectReason(parser.parseLine('2021-03-21 10:02:11 1 10.0.0.1', 1)), 'data line before any #Fields header');
  feed(parser, ['#Fields: date time c-ip cs(User-Agent)']);
  assert.equal(rejectReason(parser.parseLine('2021-03-21 10:02:11 10.0.0.1', 3)), '3 values where #Fields names 4');
  assert.equal(rejectReason(parser.parseLine('2021-03-21 10:02:11 10.0.0.1 "curl', 4)), 'unterminated quoted value at character 29');
  assert.equal(rejectReason(parser.parseLine('2021-03-21 10:02:11 10.0.0.1 "a"b', 5)), 'text after a closing quote at character 32');
  assert.equal(rejectReason(parser.parseLine('2021-13-21 10:02:11 10.0.0.1 -', 6)), 'no valid date and time: 2021-13-21 10:02:11');
  assert.equal(rejectReason(parser.parseLine('#Fields:', 7)), '#Fields header lists no fields');
  const quoted = fieldsOf(parser.parseLine('2021-03-21 10:02:11 10.0.0.1 "say ""hi"""\r', 8));
  assert.equal(quoted['user_agent.original'], 'say "hi"');
  assert.deepEqual(parser.parseLine('', 9), { kind: 'skip' });
});

test('looksLikeElff recognises W3C headers, not Zeek ones', () => {
  assert.equal(looksLikeElff(PROXYSG[0]!), true);
  assert.equal(looksLikeElff(PROXYSG[4]!), true);
  assert.equal(looksLikeElff(IIS[0]!), true);
  assert.equal(looksLikeElff('#fields\tts\tuid'), false);
  assert.equal(looksLikeElff('#separator \\x09'), false);
});
