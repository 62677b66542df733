import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKvParser, looksLikeKv } from './kv.ts';
import { fieldsOf, rejectReason } from './test-outcomes.ts';

const PROXY =
  'Date: 2021-03-21T13:02:11+03:00 · Type: Proxy · Source Address: 172.16.17.5 · Source Port: 43213 · ' +
  'Destination Address: 51.195.68.163 · Destination Port: 443 · Request URL: https://www.win-rar.com/postdownload.html?&L=0&Version=32bit · ' +
  'Request Method: GET · Device Action: Allowed · Process: chrome.exe · Parent Process: explorer.exe · ' +
  'Parent Process MD5: 8b88ebbb05a0e56b7dcc708498c02b3e';
const FIREWALL =
  'Date: Mar, 21, 2021, 01:02 PM | Type: Firewall | Source Address: 172.16.17.5 | Destination Address: 51.195.68.163 | ' +
  'Protocol: TCP | Device Action: Blocked | Rule Name: Block-Outbound-445';
const ENDPOINT =
  'date: 2021-03-21\ttime: 13:02:11\ttype: Endpoint Security\tusername: LetsDefend\\john\tSource Hostname: John-PC\t' +
  'File Name: invoice.scr\tFile Hash: 3A2B6C1E9D3B2F1A4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F80912A3B\tFile Size: 1048576\tStatus: Quarantined';

test('a proxy line separated by middle dots', () => {
  const outcome = createKvParser().parseLine(PROXY, 1);
  assert.equal(outcome.kind === 'event' && outcome.event.timestamp, Date.UTC(2021, 2, 21, 10, 2, 11));
  assert.deepEqual(fieldsOf(outcome), {
    '@timestamp': '2021-03-21T10:02:11.000Z',
    'event.dataset': 'scenario.proxy',
    'event.action': 'Allowed',
    'event.outcome': 'success',
    'source.ip': '172.16.17.5',
    'source.port': 43213,
    'destination.ip': '51.195.68.163',
    'destination.port': 443,
    'http.request.method': 'GET',
    'url.original': 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
    'url.scheme': 'https',
    'url.domain': 'www.win-rar.com',
    'url.path': '/postdownload.html',
    'url.query': '&L=0&Version=32bit',
    'url.extension': 'html',
    'process.name': 'chrome.exe',
    'process.parent.name': 'explorer.exe',
    'process.parent.hash.md5': '8b88ebbb05a0e56b7dcc708498c02b3e',
  });
});

test('a firewall line separated by pipes, with a written date and an unknown key', () => {
  assert.deepEqual(fieldsOf(createKvParser().parseLine(FIREWALL, 1)), {
    '@timestamp': '2021-03-21T13:02:00.000Z',
    'event.dataset': 'scenario.firewall',
    'event.action': 'Blocked',
    'event.outcome': 'failure',
    'source.ip': '172.16.17.5',
    'destination.ip': '51.195.68.163',
    'network.protocol': 'tcp',
    'kv.rule_name': 'Block-Outbound-445',
  });
});

test('TAB separated, lower-case keys, date and time joined, hash by length, non-numeric status kept', () => {
  assert.deepEqual(fieldsOf(createKvParser().parseLine(`${ENDPOINT}\r`, 1)), {
    '@timestamp': '2021-03-21T13:02:11.000Z',
    'event.dataset': 'scenario.endpointsecurity',
    'user.name': 'LetsDefend\\john',
    'host.name': 'John-PC',
    'file.name': 'invoice.scr',
    'file.hash.sha256': '3a2b6c1e9d3b2f1a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912a3b',
    'file.size': 1048576,
    'kv.status': 'Quarantined',
  });
});

test('time forms, a destination hostname for a bare path, a value holding a separator', () => {
  const parser = createKvParser();
  const at = (date: string): string | undefined => fieldsOf(parser.parseLine(`Date: ${date} · Type: DNS`, 1))['@timestamp'];
  assert.equal(at('1616320931'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('1616320931123'), '2021-03-21T10:02:11.123Z');
  assert.equal(at('2021-03-21 10:02:11'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('Mar 21, 2021, 12:05 AM'), '2021-03-21T00:05:00.000Z');
  assert.equal(at('March 21 2021 12:05:09 PM'), '2021-03-21T12:05:09.000Z');
  const fields = fieldsOf(parser.parseLine(
    'Event Time: 2021-03-21T10:02:11Z | Type: Web Server | Destination Hostname: Intranet.Corp | Request URL: /a.aspx?q=1 | b | Status Code: 500',
    2,
  ));
  assert.equal(fields['event.dataset'], 'scenario.webserver');
  assert.equal(fields['destination.domain'], 'Intranet.Corp');
  assert.equal(fields['url.original'], 'http://Intranet.Corp/a.aspx?q=1 | b');
  assert.equal(fields['url.domain'], 'intranet.corp');
  assert.equal(fields['http.response.status_code'], 500);
  assert.equal(fieldsOf(parser.parseLine('Date: 2021-03-21T10:02:11Z · Note: x', 3))['event.dataset'], 'kv');
});

test('bad lines are rejected with the reason', () => {
  const parser = createKvParser();
  assert.equal(rejectReason(parser.parseLine('Type: Proxy · Source Address: 1.2.3.4', 1)), 'no Date field');
  assert.equal(rejectReason(parser.parseLine('Date: tomorrow · Type: DNS', 2)), 'unreadable Date: tomorrow');
  assert.equal(rejectReason(parser.parseLine('Date: Mar, 21, 2021, 13:02 PM · Type: DNS', 3)), 'unreadable Date: Mar, 21, 2021, 13:02 PM');
  assert.equal(rejectReason(parser.parseLine('just some text', 4)), 'line does not start with a `Key: value` pair');
  assert.equal(rejectReason(parser.parseLine('{"Date": "2021-03-21"}', 5)), 'line does not start with a `Key: value` pair');
  assert.deepEqual(parser.parseLine('', 6), { kind: 'skip' });
});

test('looksLikeKv wants Key: value pairs with a separator and a date key', () => {
  assert.equal(looksLikeKv(PROXY), true);
  assert.equal(looksLikeKv(FIREWALL), true);
  assert.equal(looksLikeKv(ENDPOINT), true);
  assert.equal(looksLikeKv('Date: 2021-03-21T13:02:11Z'), false);
  assert.equal(looksLikeKv('#Fields: date time c-ip'), false);
  assert.equal(looksLikeKv('1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -'), false);
});

test('a content type, a referrer and a response size fill their ECS fields (SOC119 reads the MIME type)', () => {
  const outcome = createKvParser().parseLine(
    'Date: 2021-03-21T13:02:11+03:00 · Type: Proxy · Request URL: http://dl.example.net/get?id=7 · Content Type: application/x-dosexec · Referrer: https://example.net/ · Response Size: 3101234',
    1,
  );
  assert.equal(outcome.kind, 'event');
  if (outcome.kind !== 'event') return;
  assert.equal(outcome.event.fields['http.response.mime_type'], 'application/x-dosexec');
  assert.equal(outcome.event.fields['http.request.referrer'], 'https://example.net/');
  assert.equal(outcome.event.fields['http.response.body.bytes'], 3101234);
});

test('a written time with an offset is read in that offset; without one, as UTC', () => {
  const at = (date: string): number | undefined => {
    const outcome = createKvParser().parseLine(`Date: ${date} · Type: Proxy · Source Address: 172.16.17.5`, 1);
    return outcome.kind === 'event' ? outcome.event.timestamp : undefined;
  };
  assert.equal(at('Mar 21, 2021 01:02 PM +03:00'), Date.parse('2021-03-21T13:02:00+03:00'));
  assert.equal(at('Mar 21, 2021 01:02 PM UTC-0500'), Date.parse('2021-03-21T13:02:00-05:00'));
  assert.equal(at('Mar 21, 2021 01:02 PM'), Date.parse('2021-03-21T13:02:00Z'));
});
