// What every importer produces: indicators to merge, bad rows with file:line:reason, and a count of rows skipped on purpose.
import type { IndicatorInput } from '../indicators.ts';

export interface BadRow {
  file: string;
  line: number;
  reason: string;
}

export interface ParsedFeed {
  indicators: IndicatorInput[];
  bad: BadRow[];
  /** Records deliberately left out (unsupported types, non-IDS attributes, revoked objects). */
  skipped: number;
  /** Records read (rows, objects, attributes). */
  records: number;
}

export function emptyFeed(): ParsedFeed {
  return { indicators: [], bad: [], skipped: 0, records: 0 };
}

export function formatBadRow(b: BadRow): string {
  return `${b.file}:${b.line}: ${b.reason}`;
}

/** "2024-05-10 11:02:05" (abuse.ch, UTC), ISO 8601, or epoch seconds → epoch ms; undefined when unreadable. */
export function parseFeedTime(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  if (typeof text === 'number' || /^\d{9,11}$/.test(text)) return Number(text) * 1000;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?( UTC)?$/.test(text) ? `${text.replace(' UTC', '').replace(' ', 'T')}Z` : text;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Line number (1-based) of every `"key": "value"` occurrence of a JSON text, first occurrence wins: positions for bad rows. */
export function jsonLineIndex(text: string, key: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = new RegExp(`"${key}"\\s*:\\s*"([^"\\\\]{1,200})"`, 'g');
  let line = 1;
  let scanned = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    for (let i = scanned; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = m.index;
    if (!out.has(m[1]!)) out.set(m[1]!, line);
  }
  return out;
}
