// Sigma engine benchmark: compile time of the SigmaHQ corpus, match throughput for proxy+webserver rules and for the routed corpus.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WatchEvent } from '../src/events/event.ts';
import type { CompiledRule } from '../src/detect/sigma/compile.ts';
import { EventView } from '../src/detect/sigma/event-view.ts';
import { loadRuleDirectory } from '../src/detect/sigma/loader.ts';
import { ruleMatches } from '../src/detect/sigma/match.ts';
import { routeRules } from '../src/detect/sigma/routing.ts';
import { INTEL_PLACEHOLDERS } from '../src/detect/detector.ts';
import type { SectionFigure } from './measure.ts';

const CORPUS = fileURLToPath(new URL('../../shared/data/sigma/', import.meta.url));
const SOC_PACK = fileURLToPath(new URL('../src/detect/rules/', import.meta.url));
const CORPUS_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'deprecated', 'rules-placeholder'];

/** Events per second for `fn` over the events, repeated until at least ~1 s (after one warm-up pass). */
function throughput(events: readonly WatchEvent[], fn: (view: EventView) => void): number {
  for (const e of events) fn(new EventView(e));
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 1_000 || n < events.length) {
    for (const e of events) fn(new EventView(e));
    n += events.length;
    elapsed = performance.now() - started;
  }
  return Math.round(n / (elapsed / 1000));
}

/** Synthetic proxy and webserver events, used when the caller has none. */
export function syntheticEvents(n: number): WatchEvent[] {
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'curl/8.4.0', 'Microsoft BITS/7.8'];
  const hosts = ['www.example.com', 'cdn.example.org', 'updates.vendor.net', 'files.example.xyz'];
  const paths = ['/index.html', '/download/setup.exe', '/api/v1/items?id=42', '/static/app.js', '/login.php?user=admin'];
  return Array.from({ length: n }, (_, i) => {
    const host = hosts[i % hosts.length] as string;
    const path = paths[i % paths.length] as string;
    const [stem = '', query = ''] = path.split('?');
    const t = 1_714_550_400_000 + i * 10;
    const fields = {
      '@timestamp': new Date(t).toISOString(),
      'event.dataset': i % 3 === 0 ? 'w3c.iis' : 'squid.access',
      'source.ip': `10.0.${(i >> 8) & 255}.${i & 255}`,
      'destination.ip': '203.0.113.10',
      'url.original': `http://${host}${path}`,
      'url.domain': host,
      'url.path': stem,
      'url.query': query,
      'url.extension': stem.includes('.') ? (stem.split('.').pop() ?? '') : '',
      'http.request.method': i % 7 === 0 ? 'POST' : 'GET',
      'http.response.status_code': i % 11 === 0 ? 404 : 200,
      'user_agent.original': agents[i % agents.length] as string,
    };
    const raw = `${t / 1000} 120 ${fields['source.ip']} TCP_MISS/${fields['http.response.status_code']} 5120 ${fields['http.request.method']} ${fields['url.original']} - HIER_DIRECT/203.0.113.10 text/html "${fields['user_agent.original']}"`;
    return { timestamp: t, fields, raw };
  });
}

/** Measures compile time and match throughput. Uses the caller's events, or synthetic proxy/webserver events if none are given. */
export async function benchSigma(events: WatchEvent[]): Promise<SectionFigure[]> {
  await Promise.resolve();
  const sample = events.length > 0 ? events : syntheticEvents(20_000);
  const figures: SectionFigure[] = [];

  const started = performance.now();
  const all: CompiledRule[] = [];
  let rejected = 0;
  let mainMs = 0;
  for (const dir of CORPUS_DIRS) {
    const loaded = loadRuleDirectory(CORPUS + dir);
    all.push(...loaded.rules);
    rejected += loaded.rejected.length;
    if (dir === 'rules') mainMs = performance.now() - started;
  }
  figures.push({ name: 'sigma: read + parse + compile SigmaHQ rules/', value: Math.round(mainMs), unit: 'ms' });
  figures.push({ name: `sigma: read + parse + compile all ${CORPUS_DIRS.length} SigmaHQ directories`, value: Math.round(performance.now() - started), unit: 'ms' });
  figures.push({ name: 'sigma: SigmaHQ documents compiled', value: all.length, unit: 'rules' });
  figures.push({ name: 'sigma: SigmaHQ documents rejected', value: rejected, unit: 'documents' });

  const isWeb = (r: CompiledRule): boolean => r.rule.logsource.category === 'proxy' || r.rule.logsource.category === 'webserver';
  const coreWeb = all.filter((r) => isWeb(r) && r.rule.file.startsWith('web/'));
  const allWeb = all.filter(isWeb);
  figures.push({
    name: `sigma: rules/ proxy+webserver (${coreWeb.length} rules), every rule on every event`,
    value: throughput(sample, (view) => {
      for (const r of coreWeb) ruleMatches(r, view);
    }),
    unit: 'events/s',
  });
  const coreIndex = routeRules(coreWeb);
  figures.push({ name: `sigma: rules/ proxy+webserver (${coreWeb.length} rules), routed`, value: throughput(sample, (view) => coreIndex.match(view)), unit: 'events/s' });
  const webIndex = routeRules(allWeb);
  figures.push({ name: `sigma: all proxy+webserver incl. emerging/hunting (${allWeb.length} rules), routed`, value: throughput(sample, (view) => webIndex.match(view)), unit: 'events/s' });
  const index = routeRules(all);
  figures.push({ name: `sigma: full corpus (${all.length} rules), routed`, value: throughput(sample, (view) => index.match(view)), unit: 'events/s' });

  if (existsSync(SOC_PACK)) {
    const pack = loadRuleDirectory(SOC_PACK, { placeholders: Object.fromEntries(INTEL_PLACEHOLDERS.map((p) => [p, []])) });
    const packIndex = routeRules(pack.rules);
    figures.push({ name: `sigma: SOC pack (${pack.rules.length} rules), routed`, value: throughput(sample, (view) => packIndex.match(view)), unit: 'events/s' });
  }
  return figures;
}
