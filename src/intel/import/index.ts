// Indicator import: detect the format of a file or folder, parse it (pure), then merge it into the indicators table.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EventStore } from '../../store/store.ts';
import { upsertIndicators } from '../indicators.ts';
import { parseTlp, stricterTlp, type Tlp } from '../tlp.ts';
import { detectAbuseChCsv, parseAbuseChCsv } from './abusech-csv.ts';
import { formatBadRow, type BadRow, type ParsedFeed } from './feed.ts';
import { parseMispFeed, type MispOptions } from './misp.ts';
import { parsePlainList } from './plain-list.ts';
import { parseStixBundle } from './stix.ts';

export type ImportFormat = 'stix' | 'misp' | 'urlhaus-csv' | 'threatfox-csv' | 'malwarebazaar-csv' | 'list';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['stix', 'misp', 'urlhaus-csv', 'threatfox-csv', 'malwarebazaar-csv', 'list'];

export interface ImportOptions extends MispOptions {
  format?: ImportFormat | 'auto';
  /** Source name recorded on every indicator (default: per format, e.g. "urlhaus", "misp:<org>", "list:<file name>"). */
  source?: string;
  /** Tags added to every indicator. */
  tags?: readonly string[];
  /** Marking for every indicator (a stricter marking in the feed itself wins). */
  tlp?: Tlp | string;
  /** "Now" for formats without dates (plain lists). */
  now?: number;
}

export interface ImportReport {
  path: string;
  format: ImportFormat;
  records: number;
  indicators: number;
  inserted: number;
  updated: number;
  skipped: number;
  bad: BadRow[];
  /** `file:line: reason` lines, ready to print. */
  badLines: string[];
}

export class ImportError extends Error {}

/** A folder with manifest.json is a MISP feed; JSON with "type": "bundle" is STIX; abuse.ch banners/headers; else a plain list. */
export function detectImportFormat(path: string): ImportFormat {
  if (!existsSync(path)) throw new ImportError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'manifest.json'))) return 'misp';
    throw new ImportError(`${path}: a folder, but no manifest.json (MISP feed) in it`);
  }
  const head = readFileSync(path, 'utf8').slice(0, 4096);
  if (/^\s*\{/.test(head) && /"type"\s*:\s*"(bundle|indicator)"/.test(head)) return 'stix';
  return detectAbuseChCsv(head) ?? 'list';
}

/** Reads and parses without writing anything. */
export function parseIndicatorSource(path: string, options: ImportOptions = {}): { format: ImportFormat; feed: ParsedFeed } {
  const format = options.format === undefined || options.format === 'auto' ? detectImportFormat(path) : options.format;
  const now = options.now ?? Date.now();
  let feed: ParsedFeed;
  if (format === 'misp') feed = parseMispFeed(path, options.source, options);
  else {
    const text = readFileSync(path, 'utf8');
    if (format === 'stix') feed = parseStixBundle(text, path, options.source ?? 'stix:bundle');
    else if (format === 'list') feed = parsePlainList(text, path, options.source ?? `list:${basename(path)}`, now);
    else feed = parseAbuseChCsv(text, format, path);
  }
  const tlp = typeof options.tlp === 'string' ? parseTlp(options.tlp) : undefined;
  if (typeof options.tlp === 'string' && tlp === undefined) throw new ImportError(`not a TLP level: ${options.tlp}`);
  for (const i of feed.indicators) {
    if (options.source !== undefined) i.source = options.source;
    if (options.tags !== undefined) i.tags = [...(i.tags ?? []), ...options.tags];
    if (tlp !== undefined) i.tlp = stricterTlp(i.tlp ?? undefined, tlp) ?? null;
  }
  return { format, feed };
}

/** Imports a file or MISP folder: bad rows are reported (file:line: reason), the good ones merged (re-imports add no duplicates). */
export async function importIndicators(store: Pick<EventStore, 'db'>, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { format, feed } = parseIndicatorSource(path, options);
  const { inserted, updated } = await upsertIndicators(store, feed.indicators, options.now);
  return {
    path,
    format,
    records: feed.records,
    indicators: feed.indicators.length,
    inserted,
    updated,
    skipped: feed.skipped,
    bad: feed.bad,
    badLines: feed.bad.map(formatBadRow),
  };
}
