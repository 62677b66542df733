import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElffParser } from './elff.ts';
import { createKvParser } from './kv.ts';
import { createNdjsonParser } from './ndjson.ts';
import { createSquidCombinedParser, createSquidCommonParser, createSquidLogformatParser } from './squid-logformat.ts';
import { createSquidNativeParser } from './squid-native.ts';
import type { LineOutcome, LineParser } from './types.ts';
import { seededRandom as prng } from '../../testing/seeded-random.ts';

/**
 * The parsers under fuzz. To add one (e.g. Zeek): give it a name, a factory, the header lines a file starts with
 * (`preamble`, fed once to each new parser) and a few valid data lines to mutate (`samples`).
 */
interface FuzzTarget {
  name: string;
  create: () => LineParser;
  preamble: readonly string[];
  samples: readonly string[];
}

const ELFF_PROXYSG_FIELDS = '#Fields: date time time-taken c-ip cs-username sc-filter-result cs(Referer) sc-status s-action ' +
  'cs-method rs(Content-Type) cs-uri-scheme cs-host cs-uri-port cs-uri-path cs-uri-query cs-uri-extension cs(User-Agent) s-ip sc-bytes cs-bytes x-virus-id';

const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'squid-native',
    create: createSquidNativeParser,
    preamble: [],
    samples: [
      '1677971734.079  1234 1.2.3.4 TCP_TUNNEL/200 39 CONNECT domain.xyz:443 - HIER_DIRECT/1.2.3.4 -',
      '1677971737.789    123 2001:db8::1 TCP_MISS/404 1024 GET http://example.com/missing.html admin HIER_DIRECT/93.184.216.34 text/html',
      '1677971738.012  456 172.16.0.1 TCP_DENIED/403 256 POST http://example.com/api/data - HIER_NONE/- application/json',
    ],
  },
  {
    name: 'squid-common',
    create: createSquidCommonParser,
    preamble: [],
    samples: ['10.0.0.7 - - [05/Mar/2023:00:15:34 +0000] "CONNECT update.example.com:443 HTTP/1.1" 407 3911 TCP_DENIED:HIER_NONE'],
  },
  {
    name: 'squid-combined',
    create: createSquidCombinedParser,
    preamble: [],
    samples: [
      '172.16.17.5 - susie [21/Mar/2021:13:02:11 +0300] "GET http://www.win-rar.com/postdownload.html?&L=0&Version=32bit HTTP/1.1" ' +
        '200 18732 "https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/89.0.4389.90" TCP_MISS:HIER_DIRECT',
      '10.0.0.9 - - [21/Mar/2021:13:02:11 -0130] "POST http://c2.example.net/gate.php HTTP/1.0" 503 0 "-" "Agent \\"X\\"" TCP_MISS:HIER_DIRECT',
    ],
  },
  {
    name: 'squid-logformat',
    create: () => createSquidLogformatParser(
      '%ts.%03tu %{%Y-%m-%d %H:%M:%S}tg %>a:%>p %{Host}>h "%rm %rp" %<Hs %>st %err_code "%{User-Agent}>h" %[un %note{k}',
    ),
    preamble: [],
    samples: ['1616320931.079 2021-03-21 10:02:11 10.1.1.1:51234 www.example.com "GET /a/b.php?x=1" 302 512 ERR_NONE "curl/8" j%20doe v'],
  },
  {
    name: 'elff-proxysg',
    create: createElffParser,
    preamble: ['#Software: SGOS 6.7.5.14', '#Version: 1.0', '#Date: 2021-03-21 10:02:11', ELFF_PROXYSG_FIELDS],
    samples: [
      '2021-03-21 10:02:11 217 172.16.17.5 jdoe OBSERVED "https://www.google.com/" 200 TCP_NC_MISS GET text/html https ' +
        'www.win-rar.com 443 /postdownload.html ?&L=0&Version=32bit html "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" 10.10.1.1 18732 612 -',
      '2021-03-21 10:02:25 41 172.16.17.5 - OBSERVED - 200 TCP_TUNNELED CONNECT - tcp update.example.com 443 / - - "say ""hi""" 10.10.1.1 7321 922 -',
    ],
  },
  {
    name: 'elff-iis',
    create: createElffParser,
    preamble: [
      '#Software: Microsoft Internet Information Services 10.0',
      '#Fields: date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken',
    ],
    samples: ['2021-03-21 10:05:43 W3SVC1 10.0.0.10 GET /aspnet_client/shell.aspx cmd=whoami 443 - 203.0.113.7 python-requests/2.25.1 404 3'],
  },
  {
    name: 'ndjson',
    create: createNdjsonParser,
    preamble: [],
    samples: [
      '{"@timestamp":"2021-03-21T10:02:11.123Z","event":{"dataset":"zscaler.web"},"source":{"ip":"172.16.17.5","port":43213},"tags":["a","b"]}',
      '{"@timestamp":1616320931000,"source.ip":"10.0.0.5","rule.ids":[3,5],"x":[{"y":null}],"b":true}',
    ],
  },
  {
    name: 'kv',
    create: createKvParser,
    preamble: [],
    samples: [
      'Date: 2021-03-21T13:02:11+03:00 · Type: Proxy · Source Address: 172.16.17.5 · Source Port: 43213 · ' +
        'Request URL: https://www.win-rar.com/postdownload.html?&L=0&Version=32bit · Device Action: Allowed · Process: chrome.exe',
      'Date: Mar, 21, 2021, 01:02 PM | Type: Firewall | Destination Port: 445 | File Hash: 8b88ebbb05a0e56b7dcc708498c02b3e',
      'date: 2021-03-21\ttime: 13:02:11\ttype: OS\tFile Size: 1048576',
    ],
  },
];


const SEPARATORS = [' ', '  ', '\t', '"', '[', ']', ':', '/', ' · ', ' | ', '{', '}', ',', '#', '%', '\\', '-'];
const ODD = ['\u0000', '\uFFFD', '\u202E', '\uD83D', '\uDE00', '😀', 'İ', 'ß', '\u00A0', '\r', '\n', '__proto__', 'constructor'];
const NUMBERS = ['99999999999999999999999999999999', '-1', '0', '1e999', '-0', 'NaN', '4294967296', '9'.repeat(400)];

function mutate(line: string, random: () => number, samples: readonly string[]): string {
  const at = Math.floor(random() * (line.length + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  switch (Math.floor(random() * 9)) {
    case 0: return line.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + line.slice(at + 1);
    case 1: return line.slice(0, at);
    case 2: return line.slice(0, at) + pick(SEPARATORS) + line.slice(at);
    case 3: {
      const sep = line.indexOf(pick(SEPARATORS), at);
      return sep === -1 ? line.slice(at) : line.slice(0, sep) + line.slice(sep + 1);
    }
    case 4: return line.replace(/\d+/g, (digits) => (random() < 0.3 ? pick(NUMBERS) : digits));
    case 5: return line.slice(0, at) + pick(ODD) + line.slice(at);
    case 6: return line.slice(0, at) + pick(samples).slice(at);
    case 7: return line.slice(0, at) + line.slice(at, at + 20).repeat(1 + Math.floor(random() * 2000)) + line.slice(at);
    default: return Array.from({ length: Math.floor(random() * 200) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
  }
}

function checkOutcome(outcome: LineOutcome, line: string): void {
  const where = JSON.stringify(line.slice(0, 200));
  if (outcome.kind === 'reject') {
    assert.equal(typeof outcome.reason, 'string', where);
    assert.notEqual(outcome.reason.trim(), '', where);
    return;
  }
  if (outcome.kind === 'skip') return;
  assert.equal(outcome.kind, 'event', where);
  const { timestamp, fields, raw } = outcome.event;
  assert.equal(Number.isFinite(timestamp), true, where);
  assert.equal(fields['@timestamp'], new Date(timestamp).toISOString(), where);
  assert.equal(typeof fields['event.dataset'], 'string', where);
  assert.equal(typeof raw, 'string', where);
  for (const [name, value] of Object.entries(fields)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) {
      assert.ok(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)), `${name} in ${where}`);
    }
  }
}

function withPreamble(target: FuzzTarget): LineParser {
  const parser = target.create();
  target.preamble.forEach((line, i) => parser.parseLine(line, i + 1));
  return parser;
}

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe]).toString('utf8');
const BINARY = Array.from({ length: 256 }, (_, i) => String.fromCharCode((i * 73) % 256)).join('');
/** Long runs that make backtracking regexes blow up: each must be answered in milliseconds, not minutes. */
const PATHOLOGICAL = ['"'.repeat(60_000), '\\"'.repeat(30_000), '1 '.repeat(30_000), 'A:'.repeat(30_000), '[ '.repeat(30_000)];

for (const [index, target] of TARGETS.entries()) {
  test(`${target.name}: 2,000 random and mutated lines never throw`, () => {
    const random = prng(0x5eed + index);
    const parser = target.create();
    const pool = [...target.samples, ...target.preamble];
    let lineNo = 0;
    for (let i = 0; i < 2000; i++) {
      // headers are mutated too, now and then; the real ones come back every 100 lines
      if (i % 100 === 0) target.preamble.forEach((header) => parser.parseLine(header, ++lineNo));
      const bases = target.preamble.length > 0 && random() < 0.1 ? target.preamble : target.samples;
      let line = bases[Math.floor(random() * bases.length)]!;
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) line = mutate(line, random, pool);
      let outcome: LineOutcome | undefined;
      assert.doesNotThrow(() => { outcome = parser.parseLine(line, ++lineNo); }, JSON.stringify(line.slice(0, 200)));
      checkOutcome(outcome!, line);
    }
    assert.equal('polluted' in {}, false);
  });

  test(`${target.name}: hostile lines are rejected or skipped, CRLF is stripped`, { timeout: 20_000 }, () => {
    const parser = withPreamble(target);
    assert.deepEqual(parser.parseLine('', 1), { kind: 'skip' });
    assert.deepEqual(parser.parseLine(' '.repeat(60_000), 1), { kind: 'skip' });
    const sample = target.samples[0]!;
    checkOutcome(parser.parseLine(`${sample.slice(0, 40)}${' '.repeat(60_000)}x`, 2), sample);
    const hostile = [BINARY, INVALID_UTF8, '\u0000'.repeat(64), 'A'.repeat(1_100_000), `${sample} ${'x'.repeat(1_100_000)}`, ...PATHOLOGICAL];
    for (const line of hostile) {
      const outcome = parser.parseLine(line, 2);
      assert.equal(outcome.kind, 'reject', `${target.name}: ${JSON.stringify(line.slice(0, 60))}`);
      checkOutcome(outcome, line);
    }
    for (const sample of target.samples) {
      const plain = parser.parseLine(sample, 3);
      assert.equal(plain.kind, 'event', `${target.name}: ${sample}`);
      assert.deepEqual(parser.parseLine(`${sample}\r`, 3), plain);
    }
  });

  test(`${target.name}: lines of the other formats are rejected`, () => {
    const parser = withPreamble(target);
    for (const other of TARGETS) {
      if (other.create === target.create) continue;
      for (const line of other.samples) assert.equal(parser.parseLine(line, 1).kind, 'reject', `${target.name} ← ${other.name}: ${line}`);
    }
  });
}
