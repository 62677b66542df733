import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WatchEvent } from '../events/event.ts';
import { eventToRow, rowToEvent } from './event-rows.ts';

const event: WatchEvent = {
  timestamp: Date.parse('2021-03-21T10:02:11.000Z'),
  raw: 'raw line',
  fields: {
    '@timestamp': '2021-03-21T10:02:11.000Z',
    'event.dataset': 'scenario.proxy',
    'source.ip': '172.16.17.5',
    'source.port': 43213,
    'destination.ip': '51.195.68.163',
    'destination.port': 443,
    'url.original': 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
    'url.domain': 'www.win-rar.com',
    'url.query': '&L=0&Version=32bit',
    'http.response.status_code': 200,
    'process.name': 'chrome.exe',
    'zeek.http.resp_fuids': ['F1', 'F2'],
  },
};

test('hot fields become columns and the rest JSON; IPs get their sortable keys', () => {
  const row = eventToRow(event, 7, 12);
  assert.equal(row.ts, event.timestamp);
  assert.equal(row.dataset, 'scenario.proxy');
  assert.equal(row.source_ip, '172.16.17.5');
  assert.equal(row.source_ip_key, '00000000000000000000ffffac101105');
  assert.equal(row.destination_port, 443);
  assert.equal(row.status_code, 200);
  assert.equal(row.url_domain, 'www.win-rar.com');
  assert.equal(row.user_name, null);
  assert.deepEqual(JSON.parse(row.fields), {
    'url.query': '&L=0&Version=32bit',
    'process.name': 'chrome.exe',
    'zeek.http.resp_fuids': ['F1', 'F2'],
  });
  assert.equal(row.source_id, 7);
  assert.equal(row.line_no, 12);
});

test('a row turns back into the same event', () => {
  const back = rowToEvent({ ...eventToRow(event, null, null), id: 5 });
  assert.equal(back.id, 5);
  assert.equal(back.timestamp, event.timestamp);
  assert.equal(back.raw, 'raw line');
  assert.deepEqual(back.fields, event.fields);
});

test('domains are stored lower-case, whatever the log wrote', () => {
  const row = eventToRow({ ...event, fields: { ...event.fields, 'url.domain': 'WWW.Win-RAR.com' } }, null, null);
  assert.equal(row.url_domain, 'www.win-rar.com');
});

test('numbers that arrive as text are stored as numbers; garbage is dropped from numeric columns', () => {
  const fields: Record<string, unknown> = { ...event.fields, 'source.port': '8080', 'destination.port': 'x' };
  const row = eventToRow({ ...event, fields: fields as WatchEvent['fields'] }, null, null);
  assert.equal(row.source_port, 8080);
  assert.equal(row.destination_port, null);
});
