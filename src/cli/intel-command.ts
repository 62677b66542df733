// `watchfloor intel lookup|import|list`: threat-intel lookups across providers, indicator feeds into the local store.
import { countIndicators, createIntelContext, importIndicators, lookupObservable, queryIndicators, type ImportReport, type LookupResult } from '../intel/index.ts';
import type { IndicatorCounts, IndicatorFilters, IndicatorPage } from '../intel/indicators.ts';
import type { ImportFormat } from '../intel/import/index.ts';
import { dataDir, openStore, type GlobalOptions } from './context.ts';

export interface LookupOptions extends GlobalOptions {
  providers?: string[];
  refresh?: boolean;
}

export async function intelLookup(value: string, options: LookupOptions): Promise<LookupResult> {
  const store = await openStore(options);
  const ctx = createIntelContext({ store, dataDir: dataDir(options) });
  try {
    return await lookupObservable(ctx, value, { providers: options.providers, refresh: options.refresh });
  } finally {
    await ctx.close();
    await store.close();
  }
}

export function formatLookup(r: LookupResult): string {
  if (!r.observable) return `${r.input}: ${r.error ?? 'not an observable'}`;
  const lines = [`${r.observable.type} ${r.observable.value} — overall: ${r.verdict}`];
  for (const p of r.results) {
    const origin = p.fromCache ? ' (cached)' : '';
    lines.push(`  ${p.name.padEnd(16)} ${p.status.padEnd(12)} ${(p.verdict ?? '-').padEnd(10)} ${p.summary ?? p.message ?? ''}${origin}`);
  }
  return lines.join('\n');
}

export interface ImportCommandOptions extends GlobalOptions {
  format?: ImportFormat | 'auto';
  source?: string;
  tag?: string[];
  tlp?: string;
}

export async function intelImport(paths: string[], options: ImportCommandOptions): Promise<{ reports: ImportReport[] }> {
  const store = await openStore(options);
  try {
    const reports: ImportReport[] = [];
    for (const path of paths) {
      reports.push(
        await importIndicators(store, path, {
          format: options.format,
          source: options.source,
          tags: options.tag,
          tlp: options.tlp,
        }),
      );
    }
    return { reports };
  } finally {
    await store.close();
  }
}

export function formatImport(r: { reports: ImportReport[] }): string {
  return r.reports
    .map((x) => [`${x.path} [${x.format}]: ${x.indicators} indicators (${x.inserted} new, ${x.updated} updated, ${x.skipped} skipped), ${x.bad.length} bad rows`, ...x.badLines.map((l) => `  ${l}`)].join('\n'))
    .join('\n');
}

export interface ListOptions extends GlobalOptions {
  type?: IndicatorFilters['type'];
  text?: string;
  tag?: string;
  limit: number;
}

export async function intelList(options: ListOptions): Promise<{ counts: IndicatorCounts; page: IndicatorPage }> {
  const store = await openStore(options);
  try {
    const filters = { text: options.text, tag: options.tag };
    const page = await queryIndicators(store, { ...filters, type: options.type, limit: options.limit });
    return { counts: await countIndicators(store, filters), page };
  } finally {
    await store.close();
  }
}

export function formatIntelList(r: { counts: IndicatorCounts; page: IndicatorPage }): string {
  const c = r.counts;
  const head = `URL ${c.url}  IP ${c.ip}  Hash ${c.hash}  Domain ${c.domain}  E-mail ${c.email}  (total ${c.total})`;
  const rows = r.page.items.map((i) => `${i.lastSeen}  ${i.type.padEnd(7)} ${i.value}  [${i.tags.join(', ')}]  ${i.source}`);
  return [head, ...rows, `${r.page.items.length} of ${r.page.total}`].join('\n');
}
