// Watchfloor's SOC rule pack: loads clean, carries valid `watchfloor:` attributes, matches the catalogue, and fires on its test events.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { EventFields, WatchEvent } from '../../events/event.ts';
import { createZeekParser } from '../../events/parsers/zeek.ts';
import { loadZeekSidecars } from '../../events/parsers/zeek-sidecars.ts';
import { ruleMeta, type RuleMeta } from '../rule-meta.ts';
import type { DetectionItem, SigmaCorrelation, SigmaRule } from '../sigma/ast.ts';
import type { CompiledRule } from '../sigma/compile.ts';
import { CorrelationEngine } from '../sigma/correlation.ts';
import { loadRuleDirectory, loadRuleText } from '../sigma/loader.ts';
import { matchRule } from '../sigma/match.ts';
import { routeRules } from '../sigma/routing.ts';

const PACK_DIR = fileURLToPath(new URL('./', import.meta.url));
const TESTS_DIR = new URL('./tests/', import.meta.url);
const PRODUCT_SPEC = new URL('../../../../shared/spec/PRODUCT.md', import.meta.url);
const LOGS = new URL('../../../../shared/data/logs/', import.meta.url);

/** Indicator values the detector would supply from the local intel store; the test events are written against them. */
const INTEL = {
  watchfloor_intel_url: ['http://malware-drop.example.com/payload/stage2.bin', 'http://203.0.113.77/gate.php*'],
  watchfloor_intel_domain: ['gavrilobtcapikey2884238984928.netsons.org', 'update-service-cdn.com'],
  watchfloor_intel_ip: ['89.40.172.121', '185.215.113.66'],
};

const pack = loadRuleDirectory(PACK_DIR, { placeholders: INTEL });
const ruleFiles = readdirSync(PACK_DIR).filter((f) => f.endsWith('.yml')).sort();

interface TestEvent {
  fields: EventFields;
  raw: string;
  expect: boolean;
  why: string;
}

function readEvents(stem: string): TestEvent[] {
  const text = readFileSync(new URL(`${stem}.jsonl`, TESTS_DIR), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const e = JSON.parse(line) as TestEvent;
      assert.equal(typeof e.fields?.['@timestamp'], 'string', `${stem}.jsonl line ${i + 1}: fields need an @timestamp`);
      assert.equal(typeof e.expect, 'boolean', `${stem}.jsonl line ${i + 1}: expect must be true or false`);
      assert.ok(typeof e.why === 'string' && e.why !== '', `${stem}.jsonl line ${i + 1}: say why`);
      return e;
    });
}

function toEvent(e: TestEvent): WatchEvent {
  return { timestamp: Date.parse(e.fields['@timestamp']), fields: e.fields, raw: e.raw };
}

/** The `watchfloor:` attribute of a rule or correlation, validated. */
function metaOf(doc: SigmaRule | SigmaCorrelation): RuleMeta | undefined {
  return ruleMeta(doc);
}

const refsOf = (d: { id?: string; name?: string }): string[] => [d.id, d.name].filter((v): v is string => v !== undefined);
const referenced = new Set(pack.correlations.flatMap((c) => c.rules));
const isReferenced = (d: { id?: string; name?: string }): boolean => refsOf(d).some((r) => referenced.has(r));

/** Documents that raise alerts: rules and correlations no correlation refers to. */
const alerting: (SigmaRule | SigmaCorrelation)[] = [
  ...pack.rules.map((r) => r.rule).filter((r) => !isReferenced(r)),
  ...pack.correlations.filter((c) => !isReferenced(c)),
];

/** Catalogue entries of PRODUCT.md §7: code → name and, where given, type. */
function catalogue(): Map<string, { name: string; type?: string }> {
  const spec = readFileSync(PRODUCT_SPEC, 'utf8');
  const start = spec.indexOf('## 7. Rule catalogue');
  const end = spec.indexOf("Watchfloor's own rule pack", start);
  assert.ok(start >= 0 && end > start, 'PRODUCT.md §7 not found');
  const body = spec.slice(spec.indexOf('\n', start) + 1, end).replace(/\s*\n\s*/g, ' ').trim();
  const out = new Map<string, { name: string; type?: string }>();
  for (const entry of body.split(' · ')) {
    const m = /^(SOC\d{3}) (.+?)(?: \(([A-Za-z ]+)\))?\.?$/.exec(entry.trim());
    assert.ok(m !== null, `unreadable catalogue entry: ${entry}`);
    out.set(m[1]!, m[3] === undefined ? { name: m[2]! } : { name: m[2]!, type: m[3] });
  }
  return out;
}

test('the pack loads with the engine: no rejection, every file contributes, ids and names unique', () => {
  assert.deepEqual(pack.rejected, []);
  assert.ok(ruleFiles.length >= 18, `only ${ruleFiles.length} rule files`);
  const docs = [...pack.rules.map((r) => r.rule), ...pack.correlations];
  for (const file of ruleFiles) assert.ok(docs.some((d) => d.file === file), `${file} loaded nothing`);
  for (const key of ['id', 'name'] as const) {
    const values = docs.map((d) => d[key]);
    assert.ok(values.every((v) => v !== undefined), `every document needs a ${key}`);
    assert.equal(new Set(values).size, values.length, `duplicate ${key}`);
  }
  for (const d of docs) assert.match(d.id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, `${d.file}: id is not a UUID`);
});

test('alerting documents carry a valid watchfloor attribute; correlation steps and base rules carry none', () => {
  for (const doc of alerting) {
    const meta = metaOf(doc);
    assert.ok(meta !== undefined, `${doc.file} (${doc.title}) raises alerts but has no watchfloor attribute`);
    assert.ok(meta.mitre.length > 0, `${doc.file}: no MITRE technique`);
    assert.ok(meta.hint !== undefined && meta.hint.length > 20, `${doc.file}: no hint`);
    assert.ok(doc.tags.some((t) => /^attack\.t\d{4}/.test(t)), `${doc.file}: no attack.tNNNN tag`);
    assert.ok(doc.description !== undefined && doc.description.length > 80, `${doc.file}: thin description`);
  }
  const engine = new CorrelationEngine(pack.correlations);
  for (const r of pack.rules) {
    if (!isReferenced(r.rule)) continue;
    assert.equal(r.rule.custom.watchfloor, undefined, `${r.rule.file} (${r.rule.title}) is a base rule: its correlation raises the alert`);
    assert.equal(engine.emitsStandalone(r), false, `${r.rule.title} would raise alerts of its own`);
  }
  for (const c of pack.correlations.filter(isReferenced)) assert.equal(c.custom.watchfloor, undefined, `${c.title} is a step of another correlation`);
});

test('codes are unique and names and types match the catalogue of PRODUCT.md §7', () => {
  const cat = catalogue();
  const codes = new Map<string, string>();
  for (const doc of alerting) {
    const meta = metaOf(doc) as RuleMeta;
    assert.equal(codes.get(meta.code), undefined, `${meta.code} used by ${codes.get(meta.code)} and ${doc.file}`);
    codes.set(meta.code, doc.file);
    const entry = cat.get(meta.code);
    assert.ok(entry !== undefined, `${meta.code} is not in the catalogue`);
    assert.equal(meta.name, entry.name, `${doc.file}: name`);
    assert.equal(doc.title, entry.name, `${doc.file}: title`);
    if (entry.type !== undefined) assert.equal(meta.type, entry.type, `${doc.file}: type`);
    assert.ok(doc.file.startsWith(`${meta.code.toLowerCase()}-`), `${doc.file} should be named after ${meta.code}`);
  }
  assert.deepEqual([...codes.keys()].sort(), [
    'SOC102', 'SOC105', 'SOC110', 'SOC111', 'SOC112', 'SOC118', 'SOC119', 'SOC121', 'SOC127', 'SOC142', 'SOC165', 'SOC166', 'SOC167',
    'SOC168', 'SOC169', 'SOC170', 'SOC175', 'SOC176',
  ]);
});

/** What each alerting document of one file makes of its events, in file order: true where it raises an alert. */
function fires(file: string, events: WatchEvent[]): boolean[] {
  const rules = pack.rules.filter((r) => r.rule.file === file);
  const correlations = pack.correlations.filter((c) => c.file === file);
  const index = routeRules(rules);
  if (correlations.length === 0) {
    const [rule] = rules;
    assert.ok(rule !== undefined && rules.length === 1, `${file} should hold one rule`);
    return events.map((e) => index.rulesFor(e).includes(rule) && matchRule(rule, e).matched);
  }
  const reported = correlations.filter((c) => !isReferenced(c));
  assert.equal(reported.length, 1, `${file} should hold one reported correlation`);
  const engine = new CorrelationEngine(correlations);
  let last = -Infinity;
  return events.map((e) => {
    assert.ok(e.timestamp >= last, `${file}: events must be in time order (${e.fields['@timestamp']})`);
    last = e.timestamp;
    const matched = index.match(e).map((h) => h.rule);
    return engine.process(e, matched).some((a) => a.correlation === reported[0]);
  });
}

for (const file of ruleFiles) {
  const stem = file.slice(0, -'.yml'.length);
  test(`${stem}: fires on each positive test event and on no negative one`, () => {
    const cases = readEvents(stem);
    assert.ok(cases.filter((c) => c.expect).length >= 3, `${stem}: fewer than 3 positive events`);
    assert.ok(cases.filter((c) => !c.expect).length >= 3, `${stem}: fewer than 3 negative events`);
    const results = fires(file, cases.map(toEvent));
    cases.forEach((c, i) => {
      assert.equal(results[i], c.expect, `${stem}.jsonl line ${i + 1} (${c.why}): expected ${c.expect ? 'an alert' : 'none'}`);
    });
  });
}

test('positive events are routed to their rule by log source (the dataset the parser wrote)', () => {
  const index = routeRules(pack.rules);
  for (const file of ruleFiles) {
    const stem = file.slice(0, -'.yml'.length);
    const own = pack.rules.filter((r) => r.rule.file === file);
    for (const c of readEvents(stem).filter((x) => x.expect)) {
      const routed = index.rulesFor(toEvent(c));
      assert.ok(own.some((r) => routed.includes(r)), `${stem}: ${c.fields['event.dataset']} event not routed to the file's rules (${c.why})`);
    }
  }
});

/** A detection item without its source positions. */
const itemShape = (i: DetectionItem): unknown => ({ field: i.field, modifiers: i.modifiers, values: i.values.map((v) => v.value) });

test('SOC119 and SOC121 share one definition of an executable download', () => {
  const byCode = (code: string): SigmaRule => {
    const r = pack.rules.find((x) => metaOf(x.rule)?.code === code);
    assert.ok(r !== undefined, code);
    return r.rule;
  };
  const shared = (rule: SigmaRule): Record<string, unknown> => Object.fromEntries(
    rule.detection.selections
      .filter((s) => /^(executable_|download_method$|blocked_|filter_main_)/.test(s.name))
      .map((s) => [s.name, s.alternatives.map((alt) => alt.map(itemShape))]),
  );
  const allowed = shared(byCode('SOC119'));
  assert.deepEqual(shared(byCode('SOC121')), allowed);
  assert.ok(Object.keys(allowed).length >= 7, Object.keys(allowed).join(', '));
});

test('exactly one of SOC127 and SOC165 fires for a request that either flags', () => {
  const [sqli, payload] = ['SOC127', 'SOC165'].map((code) => {
    const r = pack.rules.find((x) => metaOf(x.rule)?.code === code);
    assert.ok(r !== undefined, code);
    return r;
  }) as [CompiledRule, CompiledRule];
  const events = ['soc127-web-sql-injection', 'soc165-web-sql-injection-payload'].flatMap(readEvents).map(toEvent);
  let flagged = 0;
  for (const e of events) {
    const a = matchRule(sqli, e).matched;
    const b = matchRule(payload, e).matched;
    assert.ok(!(a && b), `both fire on ${e.fields['url.original']}`);
    if (a || b) flagged++;
  }
  assert.ok(flagged >= 10, `only ${flagged} events flagged`);
});

test('the intel rules take their indicators from the detector: other values, other matches', () => {
  const text = readFileSync(new URL('soc111-proxy-malware-domain.yml', new URL('./', import.meta.url)), 'utf8');
  const other = loadRuleText(text, 'soc111-proxy-malware-domain.yml', { placeholders: { watchfloor_intel_domain: ['example.org', 'example.net'] } });
  assert.deepEqual(other.rejected, []);
  const rule = other.rules[0] as CompiledRule;
  const at = (domain: string): WatchEvent => ({
    timestamp: 0, raw: '', fields: { '@timestamp': '2026-11-20T09:00:00.000Z', 'event.dataset': 'squid.access', 'url.domain': domain },
  });
  assert.equal(matchRule(rule, at('www.example.org')).matched, true);
  assert.equal(matchRule(rule, at('example.net')).matched, true);
  assert.equal(matchRule(rule, at('update-service-cdn.com')).matched, false);
});

async function* zeekEvents(path: URL): AsyncGenerator<WatchEvent> {
  const file = fileURLToPath(path);
  const parser = createZeekParser({ sidecars: await loadZeekSidecars(file) });
  const stream = createReadStream(file);
  const input: Readable = file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const outcome = parser.parseLine(line, ++lineNo);
    if (outcome.kind === 'event') yield outcome.event;
  }
}

const WINDOWS_UPDATE = /(^|\.)(windowsupdate\.com|update\.microsoft\.com|delivery\.mp\.microsoft\.com)$/;

test('SOC119 on real Zeek logs: the UTICA-A PE and the SCRANTON python.exe fire, Windows Update on RITA does not', async () => {
  const rule = pack.rules.find((r) => metaOf(r.rule)?.code === 'SOC119') as CompiledRule;
  const hits = async (name: string): Promise<WatchEvent[]> => {
    const out: WatchEvent[] = [];
    for await (const e of zeekEvents(new URL(name, LOGS))) if (matchRule(rule, e).matched) out.push(e);
    return out;
  };

  const utica = await hits('zeek-otrf/UTICA-A_http.log');
  assert.equal(utica.length, 1);
  assert.equal(utica[0]?.fields['url.path'], '/m');
  assert.equal(utica[0]?.fields['http.response.mime_type'], 'application/x-dosexec');
  assert.equal(utica[0]?.fields['user_agent.original'], undefined);

  const scranton = await hits('zeek-otrf/SCRANTON_http.log');
  assert.deepEqual(scranton.map((e) => [e.fields['http.request.method'], e.fields['url.path'], e.fields['http.response.status_code']]), [
    ['GET', '/webdav/python.exe', 200],
  ]);
  console.log(`SCRANTON python.exe: ${String(scranton[0]?.fields['file.size'])} bytes, PE ${String(scranton[0]?.fields['pe.machine'])} (files.log and pe.log joined)`);

  let total = 0;
  let windowsUpdateExecutables = 0;
  const rita: WatchEvent[] = [];
  for await (const e of zeekEvents(new URL('zeek-rita/http.log.gz', LOGS))) {
    total++;
    const domain = String(e.fields['url.domain'] ?? '');
    if (WINDOWS_UPDATE.test(domain) && (e.fields['url.extension'] === 'exe' || e.fields['http.response.mime_type'] === 'application/x-dosexec')) windowsUpdateExecutables++;
    if (matchRule(rule, e).matched) rita.push(e);
  }
  const hosts = new Map<string, number>();
  for (const e of rita) {
    const key = `${String(e.fields['source.ip'])} -> ${String(e.fields['url.domain'])}`;
    hosts.set(key, (hosts.get(key) ?? 0) + 1);
  }
  console.log(`RITA http.log.gz: ${total} events, ${windowsUpdateExecutables} executable requests to Windows Update hosts, SOC119 fires on ${rita.length}`, Object.fromEntries(hosts));
  assert.equal(total, 27_204);
  assert.ok(windowsUpdateExecutables > 100, 'the RITA sample should hold the Windows Update .exe downloads');
  assert.deepEqual(rita.filter((e) => WINDOWS_UPDATE.test(String(e.fields['url.domain'] ?? ''))), []);
});
