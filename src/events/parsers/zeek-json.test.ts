// Tests the Zeek JSON reader: the three dialects, masked baseline times, non-printable escaping, and bad JSON.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { EventFields } from '../event.ts';
import type { LineOutcome } from './types.ts';
import { createZeekJsonParser, parseZeekJsonLine } from './zeek-json.ts';

const LOGS = new URL('../../../../shared/data/logs/', import.meta.url);

function fieldsOf(outcome: LineOutcome): EventFields {
  assert.equal(outcome.kind, 'event', JSON.stringify(outcome));
  return (outcome as Extract<LineOutcome, { kind: 'event' }>).event.fields;
}

function rejectOf(outcome: LineOutcome): string {
  assert.equal(outcome.kind, 'reject', JSON.stringify(outcome));
  return (outcome as Extract<LineOutcome, { kind: 'reject' }>).reason;
}

describe('Zeek JSON dialects', () => {
  it('flat dotted keys with an epoch ts (Zeek default); the log is inferred from its fields', () => {
    const f = fieldsOf(parseZeekJsonLine('{"ts":1700000000.5,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5000,'
      + '"id.resp_h":"10.0.0.2","id.resp_p":443,"trans_depth":1,"method":"CONNECT","host":"ex.test","uri":"ex.test:443"}'));
    assert.equal(f['event.dataset'], 'zeek.http');
    assert.equal(f['@timestamp'], '2023-11-14T22:13:20.500Z');
    assert.equal(f['source.ip'], '10.0.0.1');
    assert.equal(f['destination.port'], 443);
    assert.equal(f['url.domain'], 'ex.test');
    assert.equal(f['url.port'], 443);
  });

  it('_path/_write_ts with ISO 8601 times', () => {
    const outcome = parseZeekJsonLine('{"_path":"conn","_write_ts":"2020-05-01T07:09:30.000000Z","ts":"2020-05-01T07:09:23.457737Z",'
      + '"uid":"C2","id.orig_h":"10.0.1.5","id.orig_p":60997,"id.resp_h":"192.168.0.4","id.resp_p":8080,"proto":"tcp",'
      + '"service":"http","duration":0.25,"orig_bytes":10,"resp_bytes":1011864,"conn_state":"SF"}');
    const f = fieldsOf(outcome);
    assert.equal(outcome.kind === 'event' && outcome.event.timestamp, Date.parse('2020-05-01T07:09:23.457Z'));
    assert.equal(f['event.dataset'], 'zeek.conn');
    assert.equal(f['event.created'], '2020-05-01T07:09:30.000Z');
    assert.equal(f['network.protocol'], 'http');
    assert.equal(f['event.duration'], 250000000);
    assert.equal(f['destination.bytes'], 1011864);
    assert.equal(f['zeek.conn.conn_state'], 'SF');
    assert.equal('zeek.conn._path' in f, false);
  });

  it('SimpleRock underscore ids with @stream: UTICA-A files.log', async () => {
    const lines = (await readFile(new URL('zeek-otrf/UTICA-A_files.log', LOGS), 'utf8')).trim().split('\n');
    const f = fieldsOf(parseZeekJsonLine(lines[0] ?? ''));
    assert.equal(f['event.dataset'], 'zeek.files');
    assert.equal(f['observer.hostname'], 'test-nsm');
    assert.equal(f['file.mime_type'], 'application/x-x509-user-cert');
    assert.equal(f['file.hash.md5'], 'a1cdd66c6f96c420e2553a9d524a11e8');
    assert.equal(f['file.hash.sha1'], 'a3819badccae799ec8533a917dbd5a8bd7f14bfb');
    assert.equal(f['file.size'], 851, 'seen_bytes stands in for a missing total_bytes');
    assert.deepEqual(f['zeek.files.tx_hosts'], ['192.168.0.4']);
    assert.deepEqual(f['zeek.files.rx_hosts'], ['10.0.1.5']);
    assert.deepEqual(f['zeek.files.conn_uids'], ['CWL8Wx2FRSIRuS24f1']);
    assert.equal(f['zeek.files.@system'], undefined);
  });

  it('SimpleRock http: id_orig_h and friends become source/destination', async () => {
    const line = (await readFile(new URL('zeek-otrf/UTICA-A_http.log', LOGS), 'utf8')).trim();
    const f = fieldsOf(parseZeekJsonLine(line));
    assert.equal(f['source.ip'], '10.0.1.5');
    assert.equal(f['source.port'], 60997);
    assert.equal(f['destination.ip'], '192.168.0.4');
    assert.equal(f['destination.port'], 8080);
    assert.equal(f['zeek.http.id_orig_h'], undefined);
  });

  it('flattens nested objects into dotted names', () => {
    const f = fieldsOf(parseZeekJsonLine('{"_path":"http","ts":1,"id":{"orig_h":"::1","resp_p":80},"uri":"/"}'));
    assert.equal(f['source.ip'], '::1');
    assert.equal(f['destination.port'], 80);
  });
});

describe('zeek-baselines JSON: masked ts and non-printable escaping', () => {
  it('reads every row at time 0, keeping the emoji and the escaped BEL as Zeek wrote them', async () => {
    const text = await readFile(new URL('zeek-baselines/scripts.base.frameworks.logging.json-non-printable-escaping--http.log.json', LOGS), 'utf8');
    const parser = createZeekJsonParser();
    const outcomes = text.split('\n').filter((l) => l.startsWith('{')).map((l, i) => parser.parseLine(l, i + 2));
    assert.equal(outcomes.length, 4);
    const fields = outcomes.map(fieldsOf);
    for (const [i, outcome] of outcomes.entries()) {
      assert.equal(outcome.kind === 'event' && outcome.event.timestamp, 0);
      assert.deepEqual(fields[i]?.tags, ['zeek_ts_masked']);
      assert.equal(fields[i]?.['event.dataset'], 'zeek.http');
    }
    assert.equal(fields[1]?.['url.path'], '/printable_😄');
    assert.equal(fields[2]?.['url.original'], 'http://172.24.0.3/non_printable_\\x07');
    assert.equal(fields[2]?.['zeek.uid'], 'C4J4Th3PJpwUYZZ6gc');
    assert.equal(fields[3]?.['url.path'], '/non_printable_literal_\\x07');
    assert.equal(fields[3]?.['source.port'], 55154);
  });
});

describe('Zeek JSON bad input', () => {
  it('rejects invalid JSON, arrays, strings, null and records without a time, never throwing', () => {
    assert.match(rejectOf(parseZeekJsonLine('{"ts":1,')), /^invalid JSON: /);
    assert.equal(rejectOf(parseZeekJsonLine('[1,2]')), 'JSON array is not a Zeek record (object)');
    assert.equal(rejectOf(parseZeekJsonLine('"ts"')), 'JSON string is not a Zeek record (object)');
    assert.equal(rejectOf(parseZeekJsonLine('null')), 'JSON null is not a Zeek record (object)');
    assert.equal(rejectOf(parseZeekJsonLine('{"uid":"C1","_path":"conn"}')), 'Zeek conn record: timestamp (ts) missing is not a time');
    assert.match(rejectOf(parseZeekJsonLine('{"ts":1e300,"uid":"C1"}')), /timestamp \(ts\) '1e\+300' is not a time/);
    assert.match(rejectOf(parseZeekJsonLine('{"ts":"next tuesday","uid":"C1"}')), /'next tuesday' is not a time/);
  });

  it('keeps odd keys as plain fields (no prototype pollution) and strips CRLF', () => {
    const parser = createZeekJsonParser();
    const f = fieldsOf(parser.parseLine('{"ts":1,"_path":"weird","__proto__":{"polluted":1},"constructor":"x","name":"n"}\r', 1));
    assert.equal(f['zeek.weird.constructor'], 'x');
    assert.equal(f['zeek.weird.__proto__.polluted'], 1);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(parser.parseLine('   ', 2).kind, 'skip');
  });
});
