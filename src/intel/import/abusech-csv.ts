// Importers for the CSV dumps of URLhaus, ThreatFox and MalwareBazaar: their comment headers name the columns.
import { normaliseAs, type IndicatorType } from '../observable.ts';
import { splitCsvLine } from './csv-line.ts';
import { emptyFeed, parseFeedTime, type ParsedFeed } from './feed.ts';

export type AbuseChFormat = 'urlhaus-csv' | 'threatfox-csv' | 'malwarebazaar-csv';

/** Which dump this is, from its banner or its column header; undefined when it is none of them. */
export function detectAbuseChCsv(text: string): AbuseChFormat | undefined {
  const head = text.slice(0, 4096);
  if (/ioc_value|ThreatFox/i.test(head)) return 'threatfox-csv';
  if (/urlhaus_link|URLhaus/i.test(head)) return 'urlhaus-csv';
  if (/sha256_hash|MalwareBazaar/i.test(head)) return 'malwarebazaar-csv';
  return undefined;
}

const DEFAULT_COLUMNS: Record<AbuseChFormat, string[]> = {
  'urlhaus-csv': ['id', 'dateadded', 'url', 'url_status', 'last_online', 'threat', 'tags', 'urlhaus_link', 'reporter'],
  'threatfox-csv': ['first_seen_utc', 'ioc_id', 'ioc_value', 'ioc_type', 'threat_type', 'fk_malware', 'malware_alias', 'malware_printable', 'last_seen_utc', 'confidence_level', 'reference', 'tags', 'anonymous', 'reporter'],
  'malwarebazaar-csv': ['first_seen_utc', 'sha256_hash', 'md5_hash', 'sha1_hash', 'reporter', 'file_name', 'file_type_guess', 'mime_type', 'signature', 'clamav', 'vtpercent', 'imphash', 'ssdeep', 'tlsh'],
};

const SOURCE: Record<AbuseChFormat, string> = { 'urlhaus-csv': 'urlhaus', 'threatfox-csv': 'threatfox', 'malwarebazaar-csv': 'malwarebazaar' };

const THREATFOX_TYPES: Record<string, IndicatorType> = { 'ip:port': 'ip', domain: 'domain', url: 'url', md5_hash: 'md5', sha1_hash: 'sha1', sha256_hash: 'sha256' };

function clean(v: string | undefined): string {
  return v === undefined || v === 'None' || v === 'null' ? '' : v.trim();
}

function splitTags(v: string | undefined): string[] {
  return clean(v).split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/** Parses one of the three dumps. `file` names the file in bad-row reports. */
export function parseAbuseChCsv(text: string, format: AbuseChFormat, file: string): ParsedFeed {
  const feed = emptyFeed();
  let columns = DEFAULT_COLUMNS[format];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const header = splitCsvLine(line.replace(/^#\s*/, ''));
      if (header && header.length > 3 && header.every((h) => /^[a-z0-9_]+$/.test(h))) columns = header;
      return;
    }
    feed.records++;
    const fields = splitCsvLine(line);
    const bad = (reason: string): void => void feed.bad.push({ file, line: lineNo, reason });
    if (fields === undefined) return bad('unterminated quote');
    if (fields.length < columns.length) return bad(`${fields.length} fields, expected ${columns.length}`);
    const row = Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
    const source = SOURCE[format];
    if (format === 'urlhaus-csv') {
      const value = normaliseAs('url', clean(row.url));
      if (value === undefined) return bad(`not a URL: ${JSON.stringify(clean(row.url).slice(0, 100))}`);
      const added = parseFeedTime(clean(row.dateadded));
      if (added === undefined) return bad(`bad dateadded: ${JSON.stringify(row.dateadded)}`);
      const lastOnline = parseFeedTime(clean(row.last_online));
      feed.indicators.push({
        type: 'url', value, source, firstSeen: added, lastSeen: Math.max(added, lastOnline ?? added),
        tags: [...splitTags(row.tags), ...(clean(row.threat) ? [clean(row.threat)] : [])],
        description: `${clean(row.threat) || 'listed'} (${clean(row.url_status) || 'status unknown'}) ${clean(row.urlhaus_link)}`.trim(),
      });
    } else if (format === 'threatfox-csv') {
      const iocType = clean(row.ioc_type);
      const type = THREATFOX_TYPES[iocType];
      if (type === undefined) {
        feed.skipped++;
        return;
      }
      let rawValue = clean(row.ioc_value);
      let port = '';
      if (iocType === 'ip:port') {
        const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(rawValue);
        if (m) [rawValue, port] = [m[1]!, m[2]!];
      }
      const value = normaliseAs(type, rawValue);
      if (value === undefined) return bad(`not a valid ${iocType}: ${JSON.stringify(clean(row.ioc_value).slice(0, 100))}`);
      const first = parseFeedTime(clean(row.first_seen_utc));
      if (first === undefined) return bad(`bad first_seen_utc: ${JSON.stringify(row.first_seen_utc)}`);
      const malware = clean(row.malware_printable);
      feed.indicators.push({
        type, value, source, firstSeen: first, lastSeen: parseFeedTime(clean(row.last_seen_utc)) ?? first,
        tags: [...splitTags(row.tags), ...(malware ? [malware] : []), ...(clean(row.threat_type) ? [clean(row.threat_type)] : [])],
        description: `${malware || 'unknown malware'} ${clean(row.threat_type)}${port ? ` (port ${port})` : ''}, confidence ${clean(row.confidence_level) || '?'}%`,
      });
    } else {
      const first = parseFeedTime(clean(row.first_seen_utc));
      if (first === undefined) return bad(`bad first_seen_utc: ${JSON.stringify(row.first_seen_utc)}`);
      const sha256 = normaliseAs('sha256', clean(row.sha256_hash));
      if (sha256 === undefined) return bad(`not a SHA-256: ${JSON.stringify(clean(row.sha256_hash).slice(0, 100))}`);
      const signature = clean(row.signature);
      const tags = [...(signature ? [signature] : []), ...(clean(row.file_type_guess) ? [clean(row.file_type_guess)] : [])];
      const description = `${signature || 'sample'}: ${clean(row.file_name) || 'unnamed'}`;
      for (const [type, column] of [['sha256', 'sha256_hash'], ['md5', 'md5_hash'], ['sha1', 'sha1_hash']] as const) {
        const value = type === 'sha256' ? sha256 : normaliseAs(type, clean(row[column]));
        if (value !== undefined) feed.indicators.push({ type, value, source, firstSeen: first, lastSeen: first, tags, description });
      }
    }
  });
  return feed;
}
