// Tests the Zeek TSV reader: headers, typing, escapes, sets, empty/unset, header changes mid-file, real RITA and lsass rows.
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { createGunzip } from 'node:zlib';
import type { EventFields } from '../event.ts';
import type { LineOutcome, LineParser } from './types.ts';
import { createZeekTsvParser, decodeZeekEscapes } from './zeek-tsv.ts';

const LOGS = new URL('../../../../shared/data/logs/', import.meta.url);

const HEADER = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-'];

function feed(parser: LineParser, lines: string[]): LineOutcome[] {
  return lines.map((line, i) => parser.parseLine(line, i + 1));
}

function fieldsOf(outcome: LineOutcome | undefined): EventFields {
  assert.equal(outcome?.kind, 'event', JSON.stringify(outcome));
  return (outcome as Extract<LineOutcome, { kind: 'event' }>).event.fields;
}

function rejectOf(outcome: LineOutcome | undefined): string {
  assert.equal(outcome?.kind, 'reject', JSON.stringify(outcome));
  return (outcome as Extract<LineOutcome, { kind: 'reject' }>).reason;
}

async function findLine(file: URL, test: (line: string) => boolean, gzip = false): Promise<{ header: string[]; line: string }> {
  const file$ = createReadStream(file);
  const input = gzip ? file$.pipe(createGunzip()) : file$;
  const header: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.startsWith('#')) header.push(line);
    else if (test(line)) {
      input.destroy();
      return { header, line };
    }
  }
  throw new Error(`no matching line in ${file.pathname}`);
}

describe('decodeZeekEscapes', () => {
  it('decodes \\xNN bytes, UTF-8 runs, and leaves other text alone', () => {
    assert.equal(decodeZeekEscapes('a\\x09b\\x2cc'), 'a\tb,c');
    assert.equal(decodeZeekEscapes('caf\\xc3\\xa9'), 'café');
    assert.equal(decodeZeekEscapes('\\xff\\xfe'), 'ÿþ');
    assert.equal(decodeZeekEscapes('no escapes \\n \\x4'), 'no escapes \\n \\x4');
  });
});

describe('Zeek TSV header and rows', () => {
  it('types columns by #types, splits sets on the set separator, and reads (empty) and - (unset)', () => {
    const parser = createZeekTsvParser();
    const out = feed(parser, [...HEADER, '#path\thttp', '#open\t2024-01-01-00-00-00',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmethod\thost\turi\tuser_agent\tstatus_code\ttags\tresp_fuids\tresp_mime_types\tproxied',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\tstring\tcount\tset[enum]\tvector[string]\tvector[string]\tset[string]',
      '1700000000.250000\tC1\t10.0.0.1\t5000\t10.0.0.2\t80\tGET\tex.test\t/a\\x09b.exe?q=1\t(empty)\t200\t(empty)\tF1,F2\tapplication/x-dosexec,text/plain\t-',
      '#close\t2024-01-01-00-00-01']);
    assert.deepEqual(out.map((o) => o.kind), ['skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'skip', 'event', 'skip']);
    const f = fieldsOf(out[8]);
    assert.equal(f['@timestamp'], '2023-11-14T22:13:20.250Z');
    assert.equal(f['source.port'], 5000);
    assert.equal(f['url.original'], 'http://ex.test/a\tb.exe?q=1');
    assert.equal(f['url.query'], 'q=1');
    assert.equal(f['user_agent.original'], '');
    assert.deepEqual(f['zeek.http.tags'], []);
    assert.deepEqual(f['zeek.http.resp_fuids'], ['F1', 'F2']);
    assert.equal(f['http.response.mime_type'], 'application/x-dosexec');
    assert.equal(f['http.response.status_code'], 200);
    assert.equal('zeek.http.proxied' in f, false, 'unset fields are absent');
  });

  it('reads vectors of numbers and bools typed by #types', () => {
    const parser = createZeekTsvParser();
    const out = feed(parser, [...HEADER, '#path\tdns', '#fields\tts\tquery\tAA\tRD\tanswers\tTTLs',
      '#types\ttime\tstring\tbool\tbool\tvector[string]\tvector[interval]',
      '1.5\tex.test\tT\tF\t1.2.3.4,ex2.test\t60.000000,300.000000']);
    const f = fieldsOf(out.at(-1));
    assert.equal(f['dns.question.name'], 'ex.test');
    assert.deepEqual(f['dns.answers.data'], ['1.2.3.4', 'ex2.test']);
    assert.deepEqual(f['dns.answers.ttl'], [60, 300]);
    assert.deepEqual(f['dns.header_flags'], ['AA']);
  });

  it('rejects data before any #fields, and rows with too few or too many columns', () => {
    const parser = createZeekTsvParser();
    assert.match(rejectOf(parser.parseLine('1.0\tC1\t10.0.0.1', 1)), /before any #fields/);
    feed(parser, [...HEADER, '#path\tconn', '#fields\tts\tuid\tproto', '#types\ttime\tstring\tenum']);
    assert.equal(rejectOf(parser.parseLine('1.0\tC1', 9)), 'Zeek TSV row: expected 3 columns (per #fields), got 2');
    assert.equal(rejectOf(parser.parseLine('1.0\tC1\ttcp\textra', 10)), 'Zeek TSV row: expected 3 columns (per #fields), got 4');
    assert.equal(fieldsOf(parser.parseLine('1.0\tC1\ttcp', 11))['network.transport'], 'tcp');
  });

  it('resets on a new header block mid-file (concatenated logs with other columns)', () => {
    const parser = createZeekTsvParser();
    const out = feed(parser, [...HEADER, '#path\tconn', '#fields\tts\tuid\tproto', '#types\ttime\tstring\tenum', '1.0\tC1\tudp',
      ...HEADER, '#path\thttp', '#fields\tts\tuid\thost\turi', '#types\ttime\tstring\tstring\tstring', '2.0\tC2\tex.test\t/x']);
    assert.equal(fieldsOf(out[7])['event.dataset'], 'zeek.conn');
    const f = fieldsOf(out.at(-1));
    assert.equal(f['event.dataset'], 'zeek.http');
    assert.equal(f['url.original'], 'http://ex.test/x');
    assert.equal(f['network.transport'], undefined);
  });

  it('infers the log from its columns when #path is missing, and strips CRLF', () => {
    const parser = createZeekTsvParser();
    const out = feed(parser, ['#separator \\x09\r', '#fields\tts\tfuid\tmime_type\tmd5\r', '3.0\tF1\ttext/plain\tabc\r']);
    const f = fieldsOf(out[2]);
    assert.equal(f['event.dataset'], 'zeek.files');
    assert.equal(f['file.hash.md5'], 'abc');
    assert.equal(f['file.mime_type'], 'text/plain');
  });

  it('keeps masked times (XXXXXXXXXX.XXXXXX) at 0, tagged; rejects unparseable ones', () => {
    const parser = createZeekTsvParser();
    feed(parser, [...HEADER, '#path\tweird', '#fields\tts\tname', '#types\ttime\tstring']);
    const masked = parser.parseLine('XXXXXXXXXX.XXXXXX\tbad_IP_checksum', 7);
    assert.equal(masked.kind === 'event' && masked.event.timestamp, 0);
    assert.deepEqual(fieldsOf(masked).tags, ['zeek_ts_masked']);
    assert.equal(fieldsOf(masked)['event.action'], 'bad_IP_checksum');
    assert.equal(rejectOf(parser.parseLine('yesterday\tx', 8)), "Zeek weird record: timestamp (ts) 'yesterday' is not a time");
    assert.match(rejectOf(parser.parseLine('-\tx', 9)), /timestamp \(ts\) missing/);
  });
});

describe('Zeek TSV real rows', () => {
  it('RITA http.log.gz (2018 header without origin): a PowerShell request', async () => {
    const { header, line } = await findLine(new URL('zeek-rita/http.log.gz', LOGS), (l) => l.startsWith('1517336154.078555'), true);
    assert.equal(header.find((h) => h.startsWith('#fields'))?.includes('origin'), false);
    const parser = createZeekTsvParser();
    feed(parser, header);
    const f = fieldsOf(parser.parseLine(line, 9));
    assert.equal(f['@timestamp'], '2018-01-30T18:15:54.079Z');
    assert.equal(f['source.ip'], '10.55.100.109');
    assert.equal(f['destination.ip'], '52.44.164.170');
    assert.equal(f['url.original'], 'http://www.alexa.com/topsites/category;2/Top/Business/');
    assert.equal(f['url.domain'], 'www.alexa.com');
    assert.equal(f['user_agent.original'], 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.16299.98');
    assert.equal(f['http.response.status_code'], 301);
    assert.equal(f['http.response.body.bytes'], 178);
    assert.equal(f['http.response.mime_type'], 'text/html');
    assert.equal(f['zeek.http.status_msg'], 'Moved Permanently');
  });

  it('RITA proxy-http.log (header with origin): a CONNECT through the proxy', async () => {
    const { header, line } = await findLine(new URL('zeek-rita/proxy-http.log', LOGS), (l) => l.startsWith('1672843056.914972'));
    const parser = createZeekTsvParser();
    feed(parser, header);
    const f = fieldsOf(parser.parseLine(line, 9));
    assert.equal(f['http.request.method'], 'CONNECT');
    assert.equal(f['url.original'], 'www.google.com:443');
    assert.equal(f['url.domain'], 'www.google.com');
    assert.equal(f['url.port'], 443);
    assert.equal(f['url.path'], undefined);
    assert.equal(f['destination.port'], 3128);
    assert.deepEqual(f['zeek.http.proxied'], ['PROXY-CONNECTION -> Keep-Alive']);
  });

  it('lsass_campaign_01 dns.log: an SRV lookup with an answer', async () => {
    const { header, line } = await findLine(new URL('zeek-otrf/lsass_campaign_01/dns.log', LOGS), (l) => l.includes('C93HYr25Z16GTmQOt'));
    const parser = createZeekTsvParser();
    feed(parser, header);
    const f = fieldsOf(parser.parseLine(line, 9));
    assert.equal(f['event.dataset'], 'zeek.dns');
    assert.equal(f['dns.question.name'], '_ldap._tcp.default-first-site-name._sites.dc._msdcs.pandalab.com');
    assert.equal(f['dns.response_code'], 'NOERROR');
    assert.deepEqual(f['dns.answers.data'], ['dc01.pandalab.com']);
    assert.deepEqual(f['dns.answers.ttl'], [600]);
    assert.equal(f['network.transport'], 'udp');
    assert.equal(f['destination.port'], 53);
  });

  it('lsass_campaign_01 conn.log: a TCP connection with duration and bytes', async () => {
    const { header, line } = await findLine(new URL('zeek-otrf/lsass_campaign_01/conn.log', LOGS), (l) => l.includes('CX6po61SVaO8po0uh8'));
    const parser = createZeekTsvParser();
    feed(parser, header);
    const f = fieldsOf(parser.parseLine(line, 9));
    assert.equal(f['event.dataset'], 'zeek.conn');
    assert.equal(f['@timestamp'], '2023-08-16T04:54:03.549Z');
    assert.equal(f['network.transport'], 'tcp');
    assert.equal(f['event.duration'], 1201128000);
    assert.equal(f['zeek.conn.duration'], 1.201128);
    assert.equal(f['destination.bytes'], 403);
    assert.equal(f['zeek.conn.conn_state'], 'SHR');
    assert.equal(f['zeek.conn.local_orig'], true);
  });

  it('keeps the raw line as read', async () => {
    const text = await readFile(new URL('zeek-otrf/lsass_campaign_01/smb_mapping.log', LOGS), 'utf8');
    const parser = createZeekTsvParser();
    const lines = text.split('\n');
    const row = lines.find((l) => l.startsWith('1692161687'));
    feed(parser, lines.filter((l) => l.startsWith('#')));
    const outcome = parser.parseLine(row ?? '', 9);
    assert.equal(outcome.kind === 'event' && outcome.event.raw, row);
    assert.equal(fieldsOf(outcome)['zeek.smb_mapping.share_type'], 'PIPE');
  });
});
