// Intel benchmark: cached lookups per second (VirusTotal alone, and local + all nine services) on a temp SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { EXTERNAL_ANALYZERS } from '../src/intel/analyzers/index.ts';
import { vtUrlReport } from '../src/intel/analyzers/virustotal-responses.ts';
import { virusTotal } from '../src/intel/analyzers/virustotal.ts';
import { writeCached, type CachedResult } from '../src/intel/cache.ts';
import { upsertIndicators, type IndicatorInput } from '../src/intel/indicators.ts';
import type { SectionFigure } from './measure.ts';
import { createIntelContext, lookupObservable, type IntelContext, type LookupOptions } from '../src/intel/lookup.ts';
import { detectObservable } from '../src/intel/observable.ts';

const OBSERVABLES = 1_000;

async function rate(ctx: IntelContext, values: readonly string[], options: LookupOptions, check: (fromCache: boolean) => void): Promise<number> {
  for (const v of values.slice(0, 200)) await lookupObservable(ctx, v, options);
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 1_000) {
    for (const v of values) {
      const r = await lookupObservable(ctx, v, options);
      check(r.results.every((x) => x.kind === 'local' || x.fromCache || x.status === 'unsupported'));
    }
    n += values.length;
    elapsed = performance.now() - started;
  }
  return Math.round(n / (elapsed / 1000));
}

/** Measures cached lookup throughput. Nothing leaves the machine: every answer is in the cache before timing starts. */
export async function benchIntel(): Promise<SectionFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wf-bench-intel-'));
  const store = await openSqliteStore(join(dir, 'watchfloor.db'));
  const env = Object.fromEntries(EXTERNAL_ANALYZERS.map((a) => [a.keyEnv[0]!, 'bench-key-not-used']));
  const ctx = createIntelContext({ store, env });
  try {
    const values = Array.from({ length: OBSERVABLES }, (_, i) => `https://host${i}.example.com/path/file${i}.exe?x=${i}`);
    const indicators: IndicatorInput[] = Array.from({ length: 10_000 }, (_, i) => ({ type: 'domain', value: `listed${i}.example.org`, source: 'bench' }));
    await upsertIndicators(store, indicators);
    const now = Date.now();
    const report = virusTotal.interpret({ type: 'url', value: values[0]! }, vtUrlReport(1, 90));
    for (const v of values) {
      const observable = (detectObservable(v) as { ok: true; observable: CachedResult['observable'] }).observable;
      for (const a of EXTERNAL_ANALYZERS) {
        if (!a.accepts.includes('url')) continue;
        const base: CachedResult = {
          provider: a.id, name: a.name, kind: 'external', observable, status: 'ok', verdict: 'malicious',
          taxonomies: report.taxonomies, summary: report.summary!, full: a.id === 'virustotal' ? report.full : { note: 'bench' },
          artifacts: [], fetchedAt: new Date(now).toISOString(),
        };
        await writeCached(ctx.db, base, now, 86_400_000);
      }
    }
    let misses = 0;
    const check = (cached: boolean): void => {
      if (!cached) misses++;
    };
    const vt = await rate(ctx, values, { providers: ['virustotal'] }, check);
    const all = await rate(ctx, values, {}, check);
    const local = await rate(ctx, values, { providers: ['local'] }, check);
    if (misses > 0) throw new Error(`bench: ${misses} lookups missed the cache`);
    return [
      { name: 'intel: cached lookup, VirusTotal (full 90-engine report)', value: vt, unit: 'lookups/s', target: '≥ 10,000/s' },
      { name: 'intel: cached lookup, local + all 9 services', value: all, unit: 'lookups/s' },
      { name: 'intel: local indicators lookup (10,000 indicators)', value: local, unit: 'lookups/s' },
    ];
  } finally {
    await ctx.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
