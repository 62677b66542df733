// Tests the zeek parser over every shared Zeek sample (reject counts), the http↔files/pe join on real downloads, and bad input.
import assert from 'node:assert/strict';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { WatchEvent } from '../event.ts';
import type { LineOutcome } from './types.ts';
import { createZeekParser, looksLikeZeek } from './zeek.ts';
import { loadZeekSidecars } from './zeek-sidecars.ts';

const LOGS = fileURLToPath(new URL('../../../../shared/data/logs/', import.meta.url));

async function readLines(path: string): Promise<string[]> {
  const file = createReadStream(path);
  const input: Readable = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}

interface Parsed {
  events: WatchEvent[];
  rejects: string[];
}

async function parseFile(relative: string): Promise<Parsed> {
  const path = join(LOGS, relative);
  const parser = createZeekParser({ sidecars: await loadZeekSidecars(path) });
  const parsed: Parsed = { events: [], rejects: [] };
  (await readLines(path)).forEach((line, i) => {
    const outcome = parser.parseLine(line, i + 1);
    if (outcome.kind === 'event') parsed.events.push(outcome.event);
    else if (outcome.kind === 'reject') parsed.rejects.push(outcome.reason);
  });
  return parsed;
}

function zeekSampleFiles(): string[] {
  const out: string[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(LOGS, relative))) {
      const child = relative === '' ? name : `${relative}/${name}`;
      if (statSync(join(LOGS, child)).isDirectory()) walk(child);
      else if (name !== 'LICENSE' && name !== 'COPYING') out.push(child);
    }
  };
  for (const dir of readdirSync(LOGS)) if (dir.startsWith('zeek-')) walk(dir);
  return out.sort();
}

/**
 * Zeek baselines written by `zeek-cut -m` carry a bare column-name line instead of `#fields`. The parser takes that line as
 * the header; the rows that have no `ts` column are rejected, as a record without a time cannot be stored.
 */
const EXPECTED_REJECTS: Readonly<Record<string, number>> = {
  'zeek-baselines/scripts.base.files.zip.basic--files.log': 4,
  'zeek-baselines/scripts.base.files.zip.nested--files.log': 7,
  'zeek-baselines/scripts.base.protocols.http.261.chunk-2pow64-overflow--http.log': 2,
  'zeek-baselines/scripts.base.protocols.http.261.cl-0-expect-100--http.log': 2,
  'zeek-baselines/scripts.base.protocols.http.261.cl-negative--http.log': 2,
  'zeek-baselines/scripts.base.protocols.http.261.obsolete-line-fold--http.log': 2,
  'zeek-baselines/scripts.policy.frameworks.analyzer.detect-protocols-violation--http.log': 1,
};

const EXPECTED_EVENTS: Readonly<Record<string, number>> = {
  'zeek-rita/http.log.gz': 27204,
  'zeek-rita/proxy-http.log': 407,
  'zeek-otrf/SCRANTON_http.log': 62,
  'zeek-otrf/SCRANTON_files.log': 69,
  'zeek-otrf/lsass_campaign_01/conn.log': 112,
  'zeek-otrf/lsass_campaign_01/dns.log': 96,
  'zeek-baselines/scripts.base.protocols.http.http-methods--http.log': 49,
};

describe('zeek parser over every shared Zeek sample', () => {
  const files = zeekSampleFiles();
  it('finds the samples, gzip included', () => {
    assert.ok(files.length >= 60, `only ${files.length} files`);
    assert.ok(files.includes('zeek-rita/http.log.gz'));
  });
  for (const file of files) {
    it(`${file}: parses with the expected rejects`, async () => {
      const { events, rejects } = await parseFile(file);
      assert.equal(rejects.length, EXPECTED_REJECTS[file] ?? 0, `rejects: ${[...new Set(rejects)].join(' | ')}`);
      if (EXPECTED_REJECTS[file] !== undefined) {
        assert.equal(events.length, 0);
        assert.match([...new Set(rejects)].join(), /^Zeek (files|http) record: timestamp \(ts\) missing is not a time$/);
      } else {
        assert.ok(events.length > 0);
      }
      if (EXPECTED_EVENTS[file] !== undefined) assert.equal(events.length, EXPECTED_EVENTS[file]);
      for (const event of events) {
        assert.match(event.fields['event.dataset'], /^zeek\.[a-z0-9_]+$/);
        assert.equal(event.fields['observer.vendor'], 'Zeek');
        if (file.startsWith('zeek-baselines/')) {
          assert.equal(event.timestamp, 0);
          assert.deepEqual(event.fields.tags, ['zeek_ts_masked']);
        } else {
          assert.ok(event.timestamp > 1.5e12, `${file}: time ${event.timestamp}`);
        }
      }
    });
  }
});

function only(events: WatchEvent[], test: (e: WatchEvent) => boolean): WatchEvent {
  const found = events.filter(test);
  assert.equal(found.length, 1);
  return found[0] as WatchEvent;
}

describe('http downloads joined to files.log and pe.log', () => {
  it('UTICA-A GET /m: a PE with no user agent, joined to UTICA-A_files.log (no hashes: Zeek missed 477866 bytes)', async () => {
    const { events } = await parseFile('zeek-otrf/UTICA-A_http.log');
    const f = only(events, () => true).fields;
    assert.equal(f['event.dataset'], 'zeek.http');
    assert.equal(f['@timestamp'], '2020-05-01T07:09:23.458Z');
    assert.equal(f['source.ip'], '10.0.1.5');
    assert.equal(f['source.port'], 60997);
    assert.equal(f['destination.ip'], '192.168.0.4');
    assert.equal(f['destination.port'], 8080);
    assert.equal(f['http.request.method'], 'GET');
    assert.equal(f['url.original'], 'http://192.168.0.4/m');
    assert.equal(f['url.path'], '/m');
    assert.equal(f['url.domain'], '192.168.0.4');
    assert.equal(f['user_agent.original'], undefined);
    assert.equal(f['http.response.mime_type'], 'application/x-dosexec');
    assert.deepEqual(f['zeek.http.resp_fuids'], ['FbJqNG3VobFODlAgpj']);
    assert.equal(f['file.mime_type'], 'application/x-dosexec');
    assert.equal(f['file.size'], 1011864);
    assert.deepEqual(f['zeek.files.fuid'], ['FbJqNG3VobFODlAgpj']);
    assert.equal(f['file.hash.md5'], undefined);
    assert.equal(f['file.hash.sha1'], undefined);
    assert.equal(f['observer.hostname'], 'test-nsm');
  });

  it('SCRANTON WebDAV python.exe: joined with SCRANTON_files.log and SCRANTON_pe.log', async () => {
    const { events } = await parseFile('zeek-otrf/SCRANTON_http.log');
    const f = only(events, (e) => e.fields['http.response.mime_type'] === 'application/x-dosexec').fields;
    assert.equal(f['url.original'], 'http://192.168.0.4/webdav/python.exe');
    assert.equal(f['url.extension'], 'exe');
    assert.equal(f['user_agent.original'], 'Microsoft-WebDAV-MiniRedir/10.0.18362');
    assert.equal(f['http.response.status_code'], 200);
    assert.equal(f['http.response.body.bytes'], 5305104);
    assert.equal(f['file.size'], 5305104);
    assert.equal(f['file.mime_type'], 'application/x-dosexec');
    assert.equal(f['file.hash.md5'], undefined, 'files.log has no hashes for this partly captured file');
    assert.equal(f['pe.machine'], 'AMD64');
    assert.equal(f['pe.is_64bit'], true);
    assert.equal(f['pe.is_exe'], true);
    assert.equal(f['pe.has_cert_table'], false);
    assert.equal(f['pe.compile_ts'], '2018-09-04T14:38:49.000Z');
    assert.deepEqual(f['pe.section_names'], ['UPX0', 'UPX1', '.rsrc']);
    assert.equal(f['pe.subsystem'], 'WINDOWS_CUI');
  });

  it('lsass_campaign_01 TSV application/x-dosexec: joined with its files.log and pe.log', async () => {
    const { events } = await parseFile('zeek-otrf/lsass_campaign_01/http.log');
    const f = only(events, (e) => e.fields['http.response.mime_type'] === 'application/x-dosexec').fields;
    assert.equal(f['@timestamp'], '2023-08-16T04:54:08.308Z');
    assert.equal(f['source.ip'], '192.168.1.41');
    assert.equal(f['destination.port'], 80);
    assert.equal(f['http.request.method'], undefined, 'method, host and uri are unset in this row');
    assert.equal(f['url.original'], undefined);
    assert.equal(f['file.size'], 7168);
    assert.equal(f['file.mime_type'], 'application/x-dosexec');
    assert.equal(f['pe.machine'], 'AMD64');
    assert.equal(f['pe.is_64bit'], true);
    assert.equal(f['pe.compile_ts'], '2010-04-14T22:06:53.000Z');
    assert.deepEqual(f['pe.section_names'], ['.text', '.rdata', '.cmcq']);
  });
});

describe('http join with hashes (TSV files.log and gzip JSON pe.log beside X_http.log)', () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('puts the first file on file.* and every joined file under zeek.files.*', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zeek-join-'));
    dirs.push(dir);
    const header = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tfiles',
      '#fields\tts\tfuid\tsource\tmime_type\tfilename\ttotal_bytes\tmd5\tsha1\tsha256',
      '#types\ttime\tstring\tstring\tstring\tstring\tcount\tstring\tstring\tstring'];
    await writeFile(join(dir, 'S1_files.log'), [...header,
      `1.0\tFA\tHTTP\tapplication/x-dosexec\tevil.exe\t42\t${'a'.repeat(32)}\t${'b'.repeat(40)}\t${'c'.repeat(64)}`,
      `1.0\tFB\tHTTP\ttext/plain\t-\t7\t${'d'.repeat(32)}\t-\t-`,
      `1.0\tFC\tSMB\ttext/plain\t-\t7\t${'e'.repeat(32)}\t-\t-`].join('\n'));
    const { gzipSync } = await import('node:zlib');
    await writeFile(join(dir, 'S1_pe.log.gz'), gzipSync('{"ts":1.0,"id":"FA","machine":"I386","is_64bit":false}\n'));
    const sidecars = await loadZeekSidecars(join(dir, 'S1_http.log'));
    assert.ok(sidecars);
    assert.equal(sidecars.files.size, 2, 'the SMB file is not indexed');
    const parser = createZeekParser({ sidecars });
    const outcome = parser.parseLine(JSON.stringify({ ts: 1, uid: 'C1', _path: 'http', method: 'GET', host: 'x.test',
      uri: '/evil.exe', resp_fuids: ['FX', 'FA', 'FB', 'FC'] }), 1);
    assert.equal(outcome.kind, 'event');
    const f = (outcome as Extract<LineOutcome, { kind: 'event' }>).event.fields;
    assert.equal(f['file.hash.md5'], 'a'.repeat(32));
    assert.equal(f['file.hash.sha1'], 'b'.repeat(40));
    assert.equal(f['file.hash.sha256'], 'c'.repeat(64));
    assert.equal(f['file.name'], 'evil.exe');
    assert.equal(f['file.size'], 42);
    assert.equal(f['pe.machine'], 'I386');
    assert.equal(f['pe.is_64bit'], false);
    assert.deepEqual(f['zeek.files.fuid'], ['FA', 'FB']);
    assert.deepEqual(f['zeek.files.md5'], ['a'.repeat(32), 'd'.repeat(32)]);
    assert.deepEqual(f['zeek.files.sha1'], ['b'.repeat(40)]);
  });
});

describe('zeek parser on bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['junk', 'hello world', /before any #fields/],
    ['invalid JSON', '{"ts": 1, "uid": ', /^invalid JSON/],
    ['JSON null', 'null', /before any #fields/],
    ['a 1 MB line', 'x'.repeat(1 << 20), /before any #fields/],
    ['a 1 MB JSON string', `{"ts":"${'9'.repeat(1 << 20)}`, /^invalid JSON/],
  ];
  for (const [name, line, reason] of cases) {
    it(`rejects ${name} without throwing`, () => {
      const outcome = createZeekParser().parseLine(line, 1);
      assert.equal(outcome.kind, 'reject');
      assert.match((outcome as { reason: string }).reason, reason);
    });
  }

  it('reads a file that starts with a byte order mark and ends lines with CRLF', () => {
    const parser = createZeekParser();
    const lines = ['\uFEFF#separator \\x09\r', '#path\tconn\r', '#fields\tts\tuid\r', '#types\ttime\tstring\r', '1.0\tC1\r'];
    const outcomes = lines.map((line, i) => parser.parseLine(line, i + 1));
    assert.deepEqual(outcomes.map((o) => o.kind), ['skip', 'skip', 'skip', 'skip', 'event']);
    const last = outcomes[4] as Extract<LineOutcome, { kind: 'event' }>;
    assert.equal(last.event.fields['zeek.uid'], 'C1');
    assert.equal(last.event.raw, '1.0\tC1');
  });

  it('never throws on mutations of real lines', async () => {
    const lines = [...(await readLines(join(LOGS, 'zeek-otrf/lsass_campaign_01/http.log'))),
      ...(await readLines(join(LOGS, 'zeek-otrf/UTICA-A_files.log')))];
    const parser = createZeekParser();
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 3000; round++) {
      const line = lines[random(lines.length)] ?? '';
      const at = random(line.length + 1);
      const junk = ['\t', '\\x', '{', '"', '#fields\tts', '\r', '(empty)', '-', 'XXXX.XX', ',', '\u0000', '9e999'][random(12)];
      assert.doesNotThrow(() => parser.parseLine(line.slice(0, at) + junk + line.slice(at + random(5)), round));
    }
  });
});

describe('looksLikeZeek', () => {
  it('recognises TSV headers and Zeek JSON, not other logs', () => {
    assert.equal(looksLikeZeek('#separator \\x09'), true);
    assert.equal(looksLikeZeek('{"ts":1588316963.45,"uid":"CDts","id.orig_h":"10.0.1.5"}'), true);
    assert.equal(looksLikeZeek('{"@stream":"files","ts":1588316619.7,"fuid":"FSEO"}'), true);
    assert.equal(looksLikeZeek('{"_path":"conn","ts":"2020-01-01T00:00:00Z"}'), true);
    assert.equal(looksLikeZeek('{"ts":1,"user":"bob"}'), false);
    assert.equal(looksLikeZeek('#Fields: date time c-ip'), false);
    assert.equal(looksLikeZeek('1588316963.457 120 10.0.0.1 TCP_MISS/200 512 GET http://x/ - DIRECT/1.2.3.4 text/html'), false);
  });
});
