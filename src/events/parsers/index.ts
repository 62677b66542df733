// The parser registry: creates the parser for a format name, and recognises a file's format from its first lines.
import { createElffParser, looksLikeElff } from './elff.ts';
import { createKvParser, looksLikeKv } from './kv.ts';
import { createNdjsonParser, looksLikeNdjson } from './ndjson.ts';
import {
  createSquidCombinedParser,
  createSquidCommonParser,
  createSquidLogformatParser,
  looksLikeSquidCombined,
  looksLikeSquidCommon,
} from './squid-logformat.ts';
import { createSquidNativeParser, looksLikeSquidNative } from './squid-native.ts';
import type { FormatName, LineParser } from './types.ts';
import { createZeekParser, looksLikeZeek } from './zeek.ts';
import type { ZeekSidecars } from './zeek-sidecars.ts';

export const FORMAT_NAMES: readonly FormatName[] = [
  'squid', 'squid-common', 'squid-combined', 'squid-logformat', 'zeek', 'elff', 'ndjson', 'kv',
];

export interface CreateParserOptions {
  squidLogformat?: string;
  zeekSidecars?: ZeekSidecars;
}

export function createParser(format: FormatName, options: CreateParserOptions = {}): LineParser {
  switch (format) {
    case 'squid':
      return createSquidNativeParser();
    case 'squid-common':
      return createSquidCommonParser();
    case 'squid-combined':
      return createSquidCombinedParser();
    case 'squid-logformat':
      if (!options.squidLogformat) throw new Error('format squid-logformat needs a logformat definition (--squid-logformat)');
      return createSquidLogformatParser(options.squidLogformat);
    case 'zeek':
      return createZeekParser({ sidecars: options.zeekSidecars });
    case 'elff':
      return createElffParser();
    case 'ndjson':
      return createNdjsonParser();
    case 'kv':
      return createKvParser();
  }
}

/** Sniffers in order of specificity: the first that recognises most sample lines names the format. */
const SNIFFERS: [FormatName, (line: string) => boolean][] = [
  ['zeek', looksLikeZeek],
  ['elff', looksLikeElff],
  ['squid-combined', looksLikeSquidCombined],
  ['squid-common', looksLikeSquidCommon],
  ['squid', looksLikeSquidNative],
  ['kv', looksLikeKv],
  ['ndjson', looksLikeNdjson],
];

/** Zeek TSV's header, or a bare line of tab-separated Zeek column names (as some baselines carry). */
const ZEEK_BARE_HEADER = /^(?:[a-z_][a-z0-9_.]*\t)+[a-z_][a-z0-9_.]*\t?$/;

/** The format of a file judged by its first lines, or null when no parser recognises them. */
export function detectFormat(sample: readonly string[]): FormatName | null {
  const nonEmpty = sample.filter((l) => l.trim() !== '');
  // header-driven formats announce themselves in their header block, after any leading comments
  for (const line of nonEmpty.slice(0, 16)) {
    if (line.startsWith('#separator') || (ZEEK_BARE_HEADER.test(line) && /(^|\t)(ts|uid|fuid)(\t|$)/.test(line))) return 'zeek';
    if (line.startsWith('#Software:') || line.startsWith('#Fields:')) return 'elff';
  }
  const lines = nonEmpty.filter((l) => !l.startsWith('#')).slice(0, 32);
  if (lines.length === 0) return null;
  let best: FormatName | null = null;
  let bestHits = 0;
  for (const [format, sniff] of SNIFFERS) {
    let hits = 0;
    for (const line of lines) if (sniff(line)) hits++;
    if (hits > bestHits) {
      best = format;
      bestHits = hits;
    }
  }
  return bestHits * 2 >= lines.length ? best : null;
}
