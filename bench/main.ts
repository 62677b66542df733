// `npm run bench`: ingest, parse-only and search figures on a generated Squid log, with grep as the baseline.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WatchEvent } from '../src/events/event.ts';
import { ingestFile, parseSafely, resolveParser, type IngestSummary } from '../src/events/ingest.ts';
import { openLineSource } from '../src/events/line-reader.ts';
import { fieldStats, histogram, searchEvents } from '../src/search/search.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { benchFileAnalysis } from './file-analysis.ts';
import { benchIngestFloor } from './ingest-floor.ts';
import { generateSquidCombined, squidProbes, type GeneratedLog } from './generate-squid.ts';
import { formatFigures, latencies, percentile, type Figure, type SectionFigure } from './measure.ts';
import { benchIntel } from './intel.ts';
import { benchSigma } from './sigma.ts';
import { benchUi } from './ui.ts';

const { values, positionals } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    out: { type: 'string', default: 'bench/out' },
    sections: { type: 'string', default: 'ingest,search,detect,sigma,file,intel' },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write(`usage: npm run bench -- [--events N] [--out DIR]

Generates a deterministic Squid combined log of N events (default 10,000,000), then measures:
  parse-only rate, end-to-end ingest rate (in a child process, with its peak RSS), store size,
  the store's work per event, part by part (row, word index, URL index, index builds), on up to 500,000 events,
  and the best ingest rates those costs allow on this machine;
  search latencies (p50/p95) for field equality, CIDR, URL substring, free text, histogram and top values,
  and grep -F -c over the raw file for the same selective searches, as a ratio;
  detection: ingest time with and without the SOC pack on the first 1,000,000 events;
  sigma: compile time of the SigmaHQ corpus and match throughput, as ratios to the parse-only pass;
  file: static file analysis throughput and YARA-X against Debian's yara on the same files.
  intel: cached threat-intel lookups per second.
  --sections picks some of: ingest,search,detect,sigma,file,intel,ui (search needs ingest); a section name alone works too (npm run bench -- ui).
  ui (not in the default): the web UI in headless Chromium — Monitoring over 100,000 alerts, a log search over 1,000,000 events, bundle size.
  --reuse keeps the generated log and the ingested store of an earlier run with the same --events (searches only).
Results are printed as a table and written to DIR/results.json.
`);
  process.exit(0);
}
const events = Number(values.events);
if (!Number.isInteger(events) || events <= 0) {
  process.stderr.write('--events must be a positive whole number\n');
  process.exit(2);
}
const outDir = values.out;
/** Events the per-part cost of a store is measured on (a sample: the parts are timed one by one, each on a fresh store). */
const FLOOR_SAMPLE = 500_000;
mkdirSync(outDir, { recursive: true });
const figures: Figure[] = [];
const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

async function generate(): Promise<GeneratedLog> {
  const path = join(outDir, `squid-combined-${events}.log`);
  if (values.reuse && existsSync(path)) return { path, events, probes: squidProbes() };
  log(`generating ${events.toLocaleString('en-US')} events → ${path}`);
  const t = performance.now();
  const generated = await generateSquidCombined(path, events);
  log(`generated ${(statSync(path).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return generated;
}

const sections = new Set(positionals.length > 0 ? positionals.flatMap((p) => p.split(',')) : values.sections.split(','));
const add = (section: string, list: SectionFigure[]): void => {
  for (const f of list) figures.push({ section, ...f });
};

/** The first `lines` lines of a file, as a file of their own. */
async function head(path: string, lines: number, out: string): Promise<string> {
  const source = await openLineSource(path);
  const chunks: string[] = [];
  let n = 0;
  for await (const batch of source.batches()) {
    for (const line of batch) if (n++ < lines) chunks.push(line.text);
    if (n >= lines) break;
  }
  writeFileSync(out, `${chunks.join('\n')}\n`);
  return out;
}

async function parsedSample(path: string, count: number): Promise<WatchEvent[]> {
  const source = await openLineSource(path);
  const { parser } = await resolveParser(source, 'auto', undefined);
  const events: WatchEvent[] = [];
  for await (const lines of source.batches()) {
    for (const line of lines) {
      const outcome = parseSafely(parser, line.text, line.no);
      if (outcome.kind === 'event') events.push(outcome.event);
    }
    if (events.length >= count) break;
  }
  return events.slice(0, count);
}

async function parseOnly(path: string): Promise<number> {
  const source = await openLineSource(path);
  const { parser } = await resolveParser(source, 'auto', undefined);
  const t = performance.now();
  let parsed = 0;
  for await (const lines of source.batches()) {
    for (const line of lines) if (parseSafely(parser, line.text, line.no).kind === 'event') parsed++;
  }
  const rate = parsed / ((performance.now() - t) / 1000);
  figures.push({ section: 'parse', name: 'parse-only (read + parse)', value: Math.round(rate), unit: 'events/s' });
  return rate;
}

function ingestInChild(dbPath: string, logPath: string, detect = false): { summary: IngestSummary; maxRssMb: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/ingest-child.ts', dbPath, logPath, ...(detect ? ['--detect'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as { summary: IngestSummary; maxRssMb: number };
}

function grepMs(path: string, needle: string): number {
  const t = performance.now();
  try {
    execFileSync('grep', ['-F', '-c', needle, path], { stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // grep exits 1 when nothing matches: still a full scan, still a valid timing
  }
  return performance.now() - t;
}

async function ingestAndSearch(generated: GeneratedLog, dbPath: string, parseRate: number): Promise<void> {
  if (values.reuse && existsSync(dbPath)) {
    log('searches on the store of an earlier run (--reuse)');
    await searches(generated, dbPath);
    return;
  }
  log('ingest (child process)');
  const { summary, maxRssMb } = ingestInChild(dbPath, generated.path);
  const ingestRate = summary.ingested / summary.seconds;
  figures.push(
    { section: 'ingest', name: 'end to end (read, parse, store, index)', value: Math.round(ingestRate), unit: 'events/s', target: '>= 100000' },
    { section: 'ingest', name: 'ingest / parse-only', value: (100 * ingestRate) / parseRate, unit: '%', target: '>= 50' },
    { section: 'ingest', name: 'peak RSS of the ingest process', value: Math.round(maxRssMb), unit: 'MB', target: '<= 500' },
    { section: 'ingest', name: 'events stored', value: summary.ingested, unit: 'events', note: `${summary.rejected} rejected` },
  );
  const storeBytes = ['', '-wal'].reduce((n, s) => n + (existsSync(dbPath + s) ? statSync(dbPath + s).size : 0), 0);
  const rawBytes = statSync(generated.path).size;
  figures.push({
    section: 'store',
    name: 'store size',
    value: Math.round(storeBytes / 1e6),
    unit: 'MB',
    note: `${(storeBytes / rawBytes).toFixed(2)}× the raw log (${Math.round(rawBytes / 1e6)} MB)`,
  });

  // a second ingest of the same file must add nothing
  const store = await openSqliteStore(dbPath);
  const again = await ingestFile(store, generated.path);
  await store.close();
  figures.push({ section: 'ingest', name: 're-ingest of the same file: events added', value: again.ingested, unit: 'events', target: '<= 0' });
  await searches(generated, dbPath);
}

async function searches(generated: GeneratedLog, dbPath: string): Promise<void> {
  log('searches');
  const store = await openSqliteStore(dbPath);
  const { clientIps, domains, urlFragments, selectiveUrlFragments, words } = generated.probes;
  const search = (query: string) => searchEvents(store, { query, limit: 50 });
  const cases: { name: string; queries: string[]; needles?: string[]; target?: string }[] = [
    { name: 'field equality source.ip:X', queries: clientIps.map((ip) => `source.ip:${ip}`), needles: clientIps.map((ip) => `${ip} `), target: '<= 10' },
    { name: 'field equality url.domain:X', queries: domains.map((d) => `url.domain:${d}`), needles: domains, target: '<= 10' },
    { name: 'CIDR source.ip:172.16.N.0/24', queries: clientIps.map((_, k) => `source.ip:172.16.${k}.0/24`) },
    {
      name: 'URL substring url.original:*X* (selective)',
      queries: [...selectiveUrlFragments, ...selectiveUrlFragments].map((f) => `url.original:*${f.replace(/[?*\\]/g, (c) => `\\${c}`)}*`),
      needles: selectiveUrlFragments,
      target: '<= 250',
    },
    {
      name: 'URL substring url.original:*X* (broad: 0.1% of events)',
      queries: [...urlFragments, ...urlFragments].map((f) => `url.original:*${f}*`),
      target: '<= 250',
    },
    { name: 'free text (a word of the raw line)', queries: words, needles: words },
  ];
  for (const c of cases) {
    await search(c.queries[0]!); // warm the page cache for this access path
    const times = await latencies(c.queries, search);
    const p50 = percentile(times, 50);
    figures.push(
      { section: 'search', name: `${c.name} p50`, value: p50, unit: 'ms' },
      { section: 'search', name: `${c.name} p95`, value: percentile(times, 95), unit: 'ms', target: c.target },
    );
    if (c.needles) {
      const grepTimes = c.needles.slice(0, 3).map((n) => grepMs(generated.path, n));
      const ratio = grepTimes.reduce((a, b) => a + b, 0) / grepTimes.length / p50;
      figures.push({ section: 'vs grep', name: `${c.name}: grep -F -c time / search p50`, value: ratio, unit: '×', target: '>= 100' });
    }
  }
  const hist = await latencies([1, 2, 3], () => histogram(store, { query: '', buckets: 60 }));
  figures.push({ section: 'search', name: 'histogram, all events, 60 buckets (max of 3)', value: hist[hist.length - 1]!, unit: 'ms', target: '<= 1000' });
  const top = await latencies([1, 2, 3], () => fieldStats(store, { query: '', size: 10 }));
  figures.push({ section: 'search', name: 'top values of the hot fields, all events (max of 3)', value: top[top.length - 1]!, unit: 'ms', target: '<= 1000' });
  await store.close();
}

async function main(): Promise<void> {
  if (sections.has('ui')) {
    log('web UI (headless Chromium)');
    add('ui', await benchUi(outDir));
  }
  if (!['ingest', 'detect', 'sigma', 'file', 'intel'].some((s) => sections.has(s))) return report('web UI', 'results-ui.json');
  const generated = await generate();
  // named for its size, so --reuse never searches the store of another run's log
  const dbPath = join(outDir, `bench-${events}.db`);
  log('parse-only pass');
  const parseRate = await parseOnly(generated.path);
  if (sections.has('ingest')) {
    await ingestAndSearch(generated, dbPath, parseRate);
    const n = Math.min(events, FLOOR_SAMPLE);
    log(`the store's work per event, part by part, on ${n.toLocaleString('en-US')} events`);
    add('floor', await benchIngestFloor(await parsedSample(generated.path, n), parseRate, join(outDir, 'floor.db')));
  }
  if (sections.has('detect')) {
    const lines = Math.min(events, 1_000_000);
    log(`detection overhead on ${lines.toLocaleString('en-US')} events (two ingests)`);
    const part = lines === events ? generated.path : await head(generated.path, lines, join(outDir, `head-${lines}.log`));
    const plain = ingestInChild(join(outDir, 'detect-off.db'), part).summary;
    const withRules = ingestInChild(join(outDir, 'detect-on.db'), part, true).summary;
    add('detect', [
      { name: 'ingest without detection', value: Math.round(plain.ingested / plain.seconds), unit: 'events/s' },
      { name: 'ingest with the SOC pack', value: Math.round(withRules.ingested / withRules.seconds), unit: 'events/s', note: `${withRules.alerts} alerts, ${withRules.suppressed} folded` },
      { name: 'time added by detection', value: (100 * (withRules.seconds - plain.seconds)) / plain.seconds, unit: '%', target: '<= 25' },
    ]);
  }
  if (sections.has('sigma')) {
    log('sigma engine');
    const sample = await parsedSample(generated.path, 100_000);
    const sigma = await benchSigma(sample);
    add('sigma', sigma);
    for (const f of sigma.filter((x) => x.unit === 'events/s')) {
      add('sigma', [{ name: `${f.name.replace(/^sigma: /, '')} / parse-only`, value: f.value / parseRate, unit: '×' }]);
    }
  }
  if (sections.has('intel')) {
    log('threat intel');
    add('intel', await benchIntel());
  }
  if (sections.has('file')) {
    log('file analysis');
    add('file', await benchFileAnalysis());
  }
  report();
}

function report(title = `${events.toLocaleString('en-US')} events`, file = 'results.json'): void {
  process.stdout.write(`\nWatchfloor benchmark — ${title}, node ${process.version}\n\n${formatFigures(figures)}\n`);
  writeFileSync(join(outDir, file), `${JSON.stringify({ version: 1, events, figures }, null, 2)}\n`);
}

await main();
