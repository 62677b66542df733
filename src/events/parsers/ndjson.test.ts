import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNdjsonParser, looksLikeNdjson } from './ndjson.ts';
import { fieldsOf, rejectReason } from './test-outcomes.ts';

const NESTED =
  '{"@timestamp":"2021-03-21T10:02:11.123Z","event":{"dataset":"zscaler.web","action":"blocked"},' +
  '"source":{"ip":"172.16.17.5","port":43213},"url":{"original":"https://www.win-rar.com/postdownload.html?&L=0&Version=32bit",' +
  '"domain":"www.win-rar.com"},"tags":["proxy","blocked"],"http":{"response":{"status_code":403}},"labels":null}';
const FLAT =
  '{"@timestamp":1616320931000,"source.ip":"10.0.0.5","destination.port":443,"process.name":"chrome.exe",' +
  '"process.pid":4312,"event.ingested":"2021-03-21T10:02:12Z","threat.enrichments":[{"indicator":{"type":"url"}}],"rule.ids":[3,5],"dns.answers":[]}';

test('nested ECS objects are flattened to dotted keys; nulls are dropped; the dataset is kept', () => {
  const outcome = createNdjsonParser().parseLine(NESTED, 1);
  assert.equal(outcome.kind === 'event' && outcome.event.timestamp, Date.UTC(2021, 2, 21, 10, 2, 11, 123));
  assert.equal(outcome.kind === 'event' && outcome.event.raw, NESTED);
  assert.deepEqual(fieldsOf(outcome), {
    '@timestamp': '2021-03-21T10:02:11.123Z',
    'event.dataset': 'zscaler.web',
    'event.action': 'blocked',
    'source.ip': '172.16.17.5',
    'source.port': 43213,
    'url.original': 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit',
    'url.domain': 'www.win-rar.com',
    'tags': ['proxy', 'blocked'],
    'http.response.status_code': 403,
  });
});

test('flat dotted keys, epoch ms @timestamp, default dataset ecs, arrays of objects as JSON text', () => {
  assert.deepEqual(fieldsOf(createNdjsonParser().parseLine(FLAT, 1)), {
    '@timestamp': '2021-03-21T10:02:11.000Z',
    'event.dataset': 'ecs',
    'source.ip': '10.0.0.5',
    'destination.port': 443,
    'process.name': 'chrome.exe',
    'process.pid': 4312,
    'event.ingested': '2021-03-21T10:02:12Z',
    'threat.enrichments': ['{"indicator":{"type":"url"}}'],
    'rule.ids': [3, 5],
  });
});

test('@timestamp forms: zone offsets, no zone is UTC, epoch ms as text; CRLF is stripped', () => {
  const parser = createNdjsonParser();
  const at = (value: string): string | undefined => fieldsOf(parser.parseLine(`{"@timestamp":${value}}\r`, 1))['@timestamp'];
  assert.equal(at('"2021-03-21T13:02:11+03:00"'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('"2021-03-21 13:02:11+0300"'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('"2021-03-21T10:02:11"'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('"2021-03-21"'), '2021-03-21T00:00:00.000Z');
  assert.equal(at('"1616320931000"'), '2021-03-21T10:02:11.000Z');
  assert.equal(at('1616320931000.6'), '2021-03-21T10:02:11.001Z');
});

test('prototype-polluting keys are dropped and pollute nothing', () => {
  const line = '{"@timestamp":1,"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"polluted":2}}},' +
    '"b.__proto__.polluted":3,"c":{"ok":true}}';
  const fields = fieldsOf(createNdjsonParser().parseLine(line, 1));
  assert.deepEqual(Object.keys(fields).sort(), ['@timestamp', 'c.ok', 'event.dataset']);
  assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  assert.equal('polluted' in {}, false);
});

test('bad lines are rejected with the reason', () => {
  const parser = createNdjsonParser();
  assert.equal(rejectReason(parser.parseLine('{"source.ip":"10.0.0.1"}', 1)), 'no @timestamp');
  assert.equal(rejectReason(parser.parseLine('{"@timestamp":"yesterday"}', 2)),
    '@timestamp is not ISO 8601 or epoch milliseconds: yesterday');
  assert.equal(rejectReason(parser.parseLine('{"@timestamp":true}', 3)), '@timestamp is not ISO 8601 or epoch milliseconds: true');
  assert.equal(rejectReason(parser.parseLine('{"@timestamp":1e300}', 4)), '@timestamp is not ISO 8601 or epoch milliseconds: 1e+300');
  assert.equal(rejectReason(parser.parseLine('[{"@timestamp":1}]', 5)), 'JSON value is not an object');
  assert.match(rejectReason(parser.parseLine('{"@timestamp":1,', 6)), /^invalid JSON: /);
  const deep = `{"@timestamp":1,"a":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`;
  assert.equal(rejectReason(parser.parseLine(deep, 7)), 'JSON nested deeper than 32 levels');
  const bracketsInStrings = `{"@timestamp":1,"s":"${'{['.repeat(100)}"}`;
  assert.equal(fieldsOf(parser.parseLine(bracketsInStrings, 8))['s'], '{['.repeat(100));
  assert.deepEqual(parser.parseLine('  ', 9), { kind: 'skip' });
});

test('looksLikeNdjson wants a JSON object with @timestamp', () => {
  assert.equal(looksLikeNdjson(NESTED), true);
  assert.equal(looksLikeNdjson(FLAT), true);
  assert.equal(looksLikeNdjson('{"ts":1588206738.09551,"uid":"ChOJWf3yQbPwENbBK1","id.orig_h":"10.0.1.4"}'), false);
  assert.equal(looksLikeNdjson('Date: 2021-03-21 · Type: Proxy'), false);
});
