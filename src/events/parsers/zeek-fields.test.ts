// Tests the single Zeek→ECS mapping per log path, path inference, and Zeek time reading.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventFields } from '../event.ts';
import type { ZeekValue } from './zeek-fields.ts';
import { inferZeekPath, mapZeekRecord, readZeekTime, zeekEvent, zeekTime } from './zeek-fields.ts';

const map = (path: string, record: Record<string, ZeekValue>) => mapZeekRecord(path, new Map(Object.entries(record)));

describe('mapZeekRecord', () => {
  it('http: url from host and path, absolute URIs, CONNECT targets; arrays kept under zeek.http', () => {
    const f = map('http', { uid: 'C1', 'id.orig_h': '10.0.0.1', 'id.orig_p': 5000, 'id.resp_h': '10.0.0.2', 'id.resp_p': 80,
      method: 'GET', host: 'Ex.Test:8080', uri: '/dl/a.EXE?x=1', referrer: 'http://r.test/', version: '1.1', user_agent: 'curl/8',
      request_body_len: 0, response_body_len: 99, status_code: 200, username: 'bob', resp_mime_types: ['application/x-dosexec'],
      resp_filenames: ['a.exe'], resp_fuids: ['F1'], orig_mime_types: ['text/plain'], trans_depth: 1, origin: 'http://o.test' });
    assert.equal(f['event.dataset'], 'zeek.http');
    assert.equal(f['observer.vendor'], 'Zeek');
    assert.equal(f['zeek.uid'], 'C1');
    assert.equal(f['url.original'], 'http://Ex.Test:8080/dl/a.EXE?x=1');
    assert.equal(f['url.domain'], 'ex.test');
    assert.equal(f['url.port'], 8080);
    assert.equal(f['url.extension'], 'exe');
    assert.equal(f['url.query'], 'x=1');
    assert.equal(f['http.request.referrer'], 'http://r.test/');
    assert.equal(f['http.version'], '1.1');
    assert.equal(f['user_agent.original'], 'curl/8');
    assert.equal(f['http.request.body.bytes'], 0);
    assert.equal(f['http.response.body.bytes'], 99);
    assert.equal(f['user.name'], 'bob');
    assert.equal(f['http.response.mime_type'], 'application/x-dosexec');
    assert.equal(f['http.request.mime_type'], 'text/plain');
    assert.equal(f['file.name'], 'a.exe');
    assert.deepEqual(f['zeek.http.resp_fuids'], ['F1']);
    assert.deepEqual(f['zeek.http.resp_filenames'], ['a.exe']);
    assert.equal(f['zeek.http.origin'], 'http://o.test');
    assert.equal(f['zeek.http.host'], undefined);

    assert.equal(map('http', { host: 'h.test', uri: 'http://other.test/x' })['url.domain'], 'other.test');
    const connect = map('http', { method: 'CONNECT', host: 'www.google.com', uri: 'www.google.com:443' });
    assert.equal(connect['url.domain'], 'www.google.com');
    assert.equal(connect['url.port'], 443);
    assert.equal(map('http', { status_code: 'n/a' })['zeek.http.status_code'], 'n/a', 'a non-number is kept as Zeek wrote it');
  });

  it('files: hashes, type, name, size and hosts', () => {
    const f = map('files', { fuid: 'F1', tx_hosts: ['1.2.3.4'], rx_hosts: ['10.0.0.1'], mime_type: 'application/pdf',
      filename: 'x.pdf', md5: 'm', sha1: 's1', sha256: 's2', total_bytes: 10, seen_bytes: 5, duration: 0.5 });
    assert.equal(f['file.mime_type'], 'application/pdf');
    assert.equal(f['file.name'], 'x.pdf');
    assert.equal(f['file.hash.md5'], 'm');
    assert.equal(f['file.hash.sha1'], 's1');
    assert.equal(f['file.hash.sha256'], 's2');
    assert.equal(f['file.size'], 10);
    assert.equal(f['zeek.files.fuid'], 'F1');
    assert.equal(f['zeek.files.seen_bytes'], 5);
    assert.deepEqual(f['zeek.files.tx_hosts'], ['1.2.3.4']);
    assert.equal(f['event.duration'], 500000000);
  });

  it('pe, kerberos, ssl, x509, weird', () => {
    const pe = map('pe', { id: 'F1', machine: 'AMD64', compile_ts: 1536071929, is_exe: true, is_64bit: true, has_cert_table: false,
      section_names: ['.text'] });
    assert.deepEqual([pe['pe.machine'], pe['pe.compile_ts'], pe['pe.is_exe'], pe['pe.is_64bit'], pe['pe.has_cert_table']],
      ['AMD64', '2018-09-04T14:38:49.000Z', true, true, false]);
    assert.deepEqual(pe['pe.section_names'], ['.text']);
    assert.equal(pe['zeek.pe.id'], 'F1');

    const krb = map('kerberos', { client: 'stevie.marie/PANDALAB.COM', service: 'krbtgt/PANDALAB.COM', success: false });
    assert.equal(krb['user.name'], 'stevie.marie');
    assert.equal(krb['user.domain'], 'PANDALAB.COM');
    assert.equal(krb['event.outcome'], 'failure');
    assert.equal(krb['zeek.kerberos.service'], 'krbtgt/PANDALAB.COM');

    const ssl = map('ssl', { server_name: 'ex.test', cipher: 'TLS_AES', version: 'TLSv13', established: true });
    assert.deepEqual([ssl['tls.client.server_name'], ssl['tls.cipher'], ssl['zeek.ssl.version'], ssl['tls.established']],
      ['ex.test', 'TLS_AES', 'TLSv13', true]);

    const x509 = map('x509', { 'certificate.subject': 'CN=a', 'certificate.not_valid_after': 1926071370, 'san.dns': ['a.test'] });
    assert.equal(x509['x509.subject.distinguished_name'], 'CN=a');
    assert.equal(x509['x509.not_after'], '2031-01-13T11:49:30.000Z');
    assert.deepEqual(x509['x509.alternative_names'], ['a.test']);

    assert.equal(map('weird', { name: 'bad_IP_checksum' })['event.action'], 'bad_IP_checksum');
    assert.equal(map('packet_filter', { node: 'zeek' })['zeek.packet_filter.node'], 'zeek');
  });
});

describe('inferZeekPath', () => {
  const infer = (...fields: string[]) => inferZeekPath((f) => fields.includes(f));
  it('recognises logs by their distinctive fields', () => {
    assert.equal(infer('ts', 'uid', 'trans_depth', 'uri'), 'http');
    assert.equal(infer('ts', 'fuid', 'uid', 'mime_type'), 'files');
    assert.equal(infer('ts', 'id', 'machine', 'compile_ts'), 'pe');
    assert.equal(infer('ts', 'uid', 'query', 'qtype_name'), 'dns');
    assert.equal(infer('ts', 'uid', 'proto', 'conn_state'), 'conn');
    assert.equal(infer('ts', 'node', 'filter'), 'unknown');
  });
});

describe('Zeek times', () => {
  it('reads epoch seconds, ISO text and masked values; rejects the rest', () => {
    assert.equal(zeekTime(1588316963.457737), 1588316963458);
    assert.equal(zeekTime('1588316963.457737'), 1588316963458);
    assert.equal(zeekTime('2020-05-01T07:09:23.457737Z'), 1588316963457);
    assert.equal(zeekTime('XXXXXXXXXX.XXXXXX'), 'masked');
    assert.equal(zeekTime('soon'), undefined);
    assert.equal(zeekTime(Number.NaN), undefined);
    assert.equal(zeekTime(1e300), undefined);
    assert.deepEqual(readZeekTime('dns', undefined), { kind: 'reject', reason: 'Zeek dns record: timestamp (ts) missing is not a time' });
  });

  it('writes @timestamp exactly as Date#toISOString would', () => {
    for (const ms of [0, 999, 1000, 1588316963458, 1588316963001, 1588316964000, -1, -1500, 253402300799999]) {
      const outcome = zeekEvent(ms, { 'event.dataset': 'zeek.x' } as EventFields, 'raw');
      assert.equal(outcome.kind === 'event' && outcome.event.fields['@timestamp'], new Date(ms).toISOString(), String(ms));
    }
  });
});
