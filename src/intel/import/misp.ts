// MISP feeds: a folder with manifest.json and one <uuid>.json per event; attributes (and object attributes) become indicators.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { normaliseAs, type IndicatorType } from '../observable.ts';
import { parseTlp, stricterTlp, type Tlp } from '../tlp.ts';
import { emptyFeed, jsonLineIndex, parseFeedTime, type ParsedFeed } from './feed.ts';

/** MISP attribute types kept, and what each part of a composite value (a|b) is. `null` parts are context (file names, ports). */
const ATTRIBUTE_TYPES: Record<string, (IndicatorType | null)[]> = {
  url: ['url'],
  domain: ['domain'],
  hostname: ['domain'],
  'ip-src': ['ip'],
  'ip-dst': ['ip'],
  'ip-src|port': ['ip', null],
  'ip-dst|port': ['ip', null],
  'domain|ip': ['domain', 'ip'],
  'hostname|port': ['domain', null],
  md5: ['md5'],
  sha1: ['sha1'],
  sha256: ['sha256'],
  'filename|md5': [null, 'md5'],
  'filename|sha1': [null, 'sha1'],
  'filename|sha256': [null, 'sha256'],
  'email-src': ['email'],
  'email-dst': ['email'],
  email: ['email'],
};

interface MispAttribute {
  uuid?: string;
  type?: string;
  value?: string;
  to_ids?: boolean | string;
  comment?: string;
  timestamp?: string | number;
  first_seen?: string | null;
  last_seen?: string | null;
  Tag?: { name?: string }[];
}

interface MispEvent {
  uuid?: string;
  info?: string;
  date?: string;
  timestamp?: string | number;
  Orgc?: { name?: string };
  Tag?: { name?: string }[];
  Attribute?: MispAttribute[];
  Object?: { name?: string; Attribute?: MispAttribute[] }[];
}

export interface MispOptions {
  /** Also import attributes not flagged for IDS (to_ids false). Default false. */
  includeNonIds?: boolean;
}

function tagNames(tags: { name?: string }[] | undefined): string[] {
  return (tags ?? []).map((t) => t.name).filter((n): n is string => typeof n === 'string' && n !== '');
}

/** Splits tags into plain tags and the strictest TLP among them (tlp:* tags are a marking, not a label). */
function markings(tags: string[]): { tags: string[]; tlp: Tlp | undefined } {
  let tlp: Tlp | undefined;
  const rest: string[] = [];
  for (const t of tags) {
    const m = /^tlp:(.+)$/i.exec(t);
    if (m) tlp = stricterTlp(tlp, parseTlp(m[1]));
    else rest.push(t);
  }
  return { tags: rest, tlp };
}

/** Parses one event file's text. */
export function parseMispEvent(text: string, file: string, sourceOverride: string | undefined, options: MispOptions = {}): ParsedFeed {
  const feed = emptyFeed();
  let event: MispEvent | undefined;
  try {
    event = (JSON.parse(text) as { Event?: MispEvent }).Event;
  } catch (err) {
    feed.bad.push({ file, line: 1, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
    return feed;
  }
  if (event === undefined || typeof event !== 'object') {
    feed.bad.push({ file, line: 1, reason: 'no "Event" object' });
    return feed;
  }
  const lines = jsonLineIndex(text, 'uuid');
  const eventTags = markings(tagNames(event.Tag));
  const source = sourceOverride ?? `misp:${event.Orgc?.name ?? 'unknown'}`;
  const eventTime = parseFeedTime(event.date) ?? parseFeedTime(event.timestamp);
  const attributes = [...(event.Attribute ?? []), ...(event.Object ?? []).flatMap((o) => o.Attribute ?? [])];
  for (const a of attributes) {
    feed.records++;
    const line = (a.uuid !== undefined ? lines.get(a.uuid) : undefined) ?? 1;
    const parts = ATTRIBUTE_TYPES[a.type ?? ''];
    if (parts === undefined || (!options.includeNonIds && !(a.to_ids === true || a.to_ids === '1'))) {
      feed.skipped++;
      continue;
    }
    const values = String(a.value ?? '').split('|');
    if (values.length !== parts.length) {
      feed.bad.push({ file, line, reason: `${a.type} value should have ${parts.length} part(s): ${JSON.stringify(String(a.value).slice(0, 100))}` });
      continue;
    }
    const attrTags = markings(tagNames(a.Tag));
    const time = parseFeedTime(a.timestamp) ?? eventTime;
    const contextName = parts.indexOf(null) >= 0 && a.type?.startsWith('filename|') ? values[parts.indexOf(null)] : undefined;
    const description = [event.info, contextName, a.comment].filter((x) => typeof x === 'string' && x !== '').join(' — ') || null;
    parts.forEach((type, i) => {
      if (type === null) return;
      const value = normaliseAs(type, values[i] ?? '');
      if (value === undefined) {
        feed.bad.push({ file, line, reason: `${a.type}: not a valid ${type}: ${JSON.stringify((values[i] ?? '').slice(0, 100))}` });
        return;
      }
      feed.indicators.push({
        type,
        value,
        source,
        tags: [...eventTags.tags, ...attrTags.tags],
        tlp: stricterTlp(eventTags.tlp, attrTags.tlp) ?? null,
        firstSeen: parseFeedTime(a.first_seen ?? undefined) ?? time,
        lastSeen: parseFeedTime(a.last_seen ?? undefined) ?? time,
        description,
      });
    });
  }
  return feed;
}

/** Parses a feed folder: the manifest lists the events; a listed event whose file is missing is a bad row of the manifest. */
export function parseMispFeed(dir: string, sourceOverride: string | undefined, options: MispOptions = {}): ParsedFeed {
  const feed = emptyFeed();
  const manifestPath = join(dir, 'manifest.json');
  const manifestText = readFileSync(manifestPath, 'utf8');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(manifestText) as Record<string, unknown>;
  } catch (err) {
    feed.bad.push({ file: manifestPath, line: 1, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
    return feed;
  }
  const manifestLines = manifestText.split('\n');
  for (const uuid of Object.keys(manifest)) {
    const eventPath = join(dir, `${basename(uuid)}.json`);
    if (!/^[0-9a-f-]{36}$/i.test(uuid) || !existsSync(eventPath)) {
      const line = manifestLines.findIndex((l) => l.includes(`"${uuid}"`)) + 1;
      feed.bad.push({ file: manifestPath, line: Math.max(1, line), reason: `event ${uuid}: ${existsSync(eventPath) ? 'not a UUID' : 'event file missing'}` });
      continue;
    }
    const one = parseMispEvent(readFileSync(eventPath, 'utf8'), eventPath, sourceOverride, options);
    feed.indicators.push(...one.indicators);
    feed.bad.push(...one.bad);
    feed.skipped += one.skipped;
    feed.records += one.records;
  }
  return feed;
}
