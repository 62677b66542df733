// Compiles any Squid `logformat` definition into one anchored RegExp and maps its % codes to ECS fields.
import type { EventFields } from '../event.ts';
import { urlFields } from '../url-fields.ts';
import { decodeSquidUser, isoTime, setPeer, SQUID_MAX_LINE, squidOutcome } from './squid-native.ts';
import type { FormatName, LineOutcome, LineParser } from './types.ts';

/** Squid's built-in `common` format (squid.conf documentation, `logformat common`). */
export const SQUID_COMMON_LOGFORMAT = '%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st %Ss:%Sh';
/** Squid's built-in `combined` format (squid.conf documentation, `logformat combined`). */
export const SQUID_COMBINED_LOGFORMAT =
  '%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh';

const BLANK = /^\s*$/;
const DEFAULT_TIME_FORMAT = '%d/%b/%Y:%H:%M:%S %z';
const CODE = /[<>]?[A-Za-z_]+(?:::[<>]?[A-Za-z_]+)?/y;
const NUMERIC = new Set(['ts', 'tu', 'tr', '>p', '<p', 'lp', '>lp', '<lp', 'Hs', '>Hs', '<Hs', 'st', '<st', '>st', 'sn', 'dt']);
const MONTHS = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i]));
const SNIFF = /^\S+ \S+ \S+ \[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "[A-Z]+ \S+ HTTP\/[\d.]+" \d{3} (?:\d+|-) /;
const SNIFF_COMMON_TAIL = /^[A-Z_]+:[A-Z_]+$/;
const SNIFF_COMBINED_TAIL = /^"[^"\\]*(?:\\.[^"\\]*)*" "[^"\\]*(?:\\.[^"\\]*)*" [A-Z_]+:[A-Z_]+$/;

type DatePart = 'd' | 'e' | 'm' | 'b' | 'Y' | 'y' | 'H' | 'M' | 'S' | 'z' | 's';
const DATE_PATTERNS: Record<DatePart, string> = {
  d: '(\\d{2})', e: '( ?\\d{1,2})', m: '(\\d{2})', b: '([A-Za-z]{3})', Y: '(\\d{4})', y: '(\\d{2})',
  H: '(\\d{2})', M: '(\\d{2})', S: '(\\d{2})', z: '([+-]\\d{4})', s: '(\\d{1,12})',
};

interface Code {
  /** The code as written, e.g. `%{Referer}>h`. */
  text: string;
  code: string;
  arg: string | undefined;
  encoding: string | undefined;
  pos: number;
}
type Token = { literal: string } | Code;

interface LineState {
  fields: EventFields;
  seconds: number | undefined;
  millis: number | undefined;
  time: number | undefined;
  url: string | undefined;
  path: string | undefined;
  host: string | undefined;
  method: string | undefined;
}
type Apply = (state: LineState, value: string) => void;
interface Slot {
  group: number;
  rank: number;
  decode: (value: string) => string;
  apply: Apply;
}
interface DateSlot {
  group: number;
  parts: DatePart[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const keep = (value: string): string => value;
const unquote = (value: string): string =>
  value.includes('\\') ? value.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c) : value;
const set = (target: string): Apply => (s, v) => { s.fields[target] = v; };
const setNumber = (target: string): Apply => (s, v) => { s.fields[target] = Number(v); };
const setStatus: Apply = (s, v) => { const n = Number(v); if (n > 0) s.fields['http.response.status_code'] = n; };
const setUrl: Apply = (s, v) => { s.url = v; };

/** Where each known code goes, and its rank: a higher rank overwrites a lower one filling the same field. */
function mapping(code: string, arg: string | undefined): { rank: number; apply: Apply } {
  const header = arg?.split(':')[0]?.toLowerCase();
  switch (code) {
    case '>a': return { rank: 1, apply: set('source.ip') };
    case '>A': return { rank: 1, apply: set('source.domain') };
    case '>p': return { rank: 1, apply: setNumber('source.port') };
    case '<a': case '<A': return { rank: 1, apply: (s, v) => setPeer(s.fields, v) };
    case '<p': return { rank: 1, apply: setNumber('destination.port') };
    case '>la': case 'la': return { rank: 1, apply: set('observer.ip') };
    case 'ts': return { rank: 1, apply: (s, v) => { s.seconds = Number(v); } };
    case 'tu': return { rank: 1, apply: (s, v) => { s.millis = Number(v); } };
    case 'tr': return { rank: 1, apply: (s, v) => { s.fields['event.duration'] = Number(v) * 1_000_000; } };
    case 'Ss': return { rank: 1, apply: set('event.action') };
    case 'Sh': return { rank: 1, apply: set('squid.hierarchy_code') };
    case '<Hs': return { rank: 0, apply: setStatus };
    case 'Hs': case '>Hs': return { rank: 1, apply: setStatus };
    case '<st': return { rank: 1, apply: setNumber('http.response.body.bytes') };
    case '>st': return { rank: 1, apply: setNumber('http.request.body.bytes') };
    case 'st': return { rank: 1, apply: setNumber('network.bytes') };
    case 'rm': return { rank: 1, apply: (s, v) => { s.method = v; s.fields['http.request.method'] = v; } };
    case '>ru': return { rank: 0, apply: setUrl };
    case 'ru': return { rank: 1, apply: setUrl };
    case 'rp': return { rank: 1, apply: (s, v) => { s.path = v; } };
    case 'rv': return { rank: 1, apply: (s, v) => { s.fields['http.version'] = v.startsWith('HTTP/') ? v.slice(5) : v; } };
    case 'ui': case 'us': case 'ue': case 'ul': case 'un': {
      const rank = ['ui', 'us', 'ue', 'ul', 'un'].indexOf(code);
      return { rank, apply: (s, v) => { s.fields['user.name'] = decodeSquidUser(v); } };
    }
    case 'mt': return { rank: 1, apply: set('http.response.mime_type') };
    case '>h':
      if (header === 'host') return { rank: 1, apply: (s, v) => { s.host = v; } };
      if (header === 'user-agent') return { rank: 1, apply: set('user_agent.original') };
      if (header === 'referer') return { rank: 1, apply: set('http.request.referrer') };
      if (header === 'cookie') return { rank: 1, apply: set('http.cookie') };
      return { rank: 1, apply: set(header ? `squid.request_header.${header}` : 'squid.request_headers') };
    case '<h':
      if (header === 'content-type') return { rank: 0, apply: set('http.response.mime_type') };
      return { rank: 1, apply: set(header ? `squid.response_header.${header}` : 'squid.response_headers') };
    default: {
      const name = `squid.${code}${arg === undefined ? '' : `.${arg}`}`;
      return { rank: 1, apply: NUMERIC.has(code) ? setNumber(name) : set(name) };
    }
  }
}

function lex(def: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  function fail(pos: number, what: string): never {
    throw new Error(`bad Squid logformat at position ${pos}: ${what} in: ${def}`);
  }
  const readArg = (): string => {
    const close = def.indexOf('}', i);
    if (close === -1) fail(i, 'unterminated {argument}');
    const arg = def.slice(i + 1, close);
    i = close + 1;
    return arg;
  };
  while (i < def.length) {
    const c = def.charAt(i);
    if (c !== '%') { literal += c; i++; continue; }
    const pos = i++;
    if (def.charAt(i) === '%') { literal += '%'; i++; continue; }
    const encoding = '"[#/\''.includes(def.charAt(i)) && i < def.length ? def.charAt(i++) : undefined;
    while (/[-0-9.]/.test(def.charAt(i)) && i < def.length) i++;
    let arg = def.charAt(i) === '{' ? readArg() : undefined;
    CODE.lastIndex = i;
    const code = CODE.exec(def)?.[0];
    if (code === undefined) fail(pos, `'%' is not followed by a format code`);
    i += code.length;
    if (arg === undefined && def.charAt(i) === '{') arg = readArg();
    if (literal !== '') tokens.push({ literal });
    else if (tokens.length > 0 && !('literal' in tokens[tokens.length - 1]!)) {
      fail(pos, `%${code} directly follows another code with no separator`);
    }
    literal = '';
    tokens.push({ text: def.slice(pos, i), code: code.replace(/^http::/, ''), arg, encoding, pos });
  }
  if (literal !== '') tokens.push({ literal });
  return tokens;
}

function compileDate(format: string, pos: number, parts: DatePart[]): string {
  let source = '';
  const expanded = format.replace(/%F/g, '%Y-%m-%d').replace(/%T/g, '%H:%M:%S').replace(/%h/g, '%b');
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded.charAt(i);
    if (c !== '%') { source += c === ' ' ? ' +' : escapeRegExp(c); continue; }
    const d = expanded.charAt(++i);
    if (d === '%') { source += '%'; continue; }
    if (!(d in DATE_PATTERNS)) throw new Error(`bad Squid logformat at position ${pos}: unsupported time directive %${d} in {${format}}`);
    parts.push(d as DatePart);
    source += DATE_PATTERNS[d as DatePart];
  }
  return source;
}

function dateValue(match: RegExpExecArray, slot: DateSlot): number {
  let year = 1970, month = 0, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
  for (let k = 0; k < slot.parts.length; k++) {
    const v = match[slot.group + k] ?? '';
    switch (slot.parts[k]) {
      case 's': return Number(v) * 1000;
      case 'Y': year = Number(v); break;
      case 'y': year = 2000 + Number(v); break;
      case 'm': month = Number(v) - 1; break;
      case 'b': month = MONTHS.get(v.toLowerCase()) ?? -1; break;
      case 'd': case 'e': day = Number(v); break;
      case 'H': hour = Number(v); break;
      case 'M': minute = Number(v); break;
      case 'S': second = Number(v); break;
      case 'z': offset = (v.charAt(0) === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(3, 5))); break;
    }
  }
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  return Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
}

function sniffTail(line: string, tail: RegExp): boolean {
  if (line.length > 8192) return false;
  const head = SNIFF.exec(line);
  return head !== null && tail.test(line.slice(head[0].length));
}

/** Cheap content sniff for Squid's built-in `common` format (Apache-like, ending in `RESULT:HIERARCHY`). */
export function looksLikeSquidCommon(line: string): boolean {
  return sniffTail(line, SNIFF_COMMON_TAIL);
}

/** Cheap content sniff for Squid's built-in `combined` format (common plus quoted referrer and user agent). */
export function looksLikeSquidCombined(line: string): boolean {
  return sniffTail(line, SNIFF_COMBINED_TAIL);
}

/**
 * A parser for lines written by a Squid `logformat` definition (the format after the name; a leading
 * `logformat <name>` is ignored). Throws at creation for a definition it cannot compile, naming the position.
 * Known codes map to ECS (see `mapping`); unknown codes are kept as `squid.<code>[.<arg>]`. Dates in %tl/%tg without
 * a %z zone are read as UTC.
 */
export function createSquidLogformatParser(logformat: string, format: FormatName = 'squid-logformat'): LineParser {
  const def = logformat.trim().replace(/^logformat\s+\S+\s+/, '');
  if (def === '') throw new Error('bad Squid logformat: the definition is empty');
  const tokens = lex(def);
  const slots: Slot[] = [];
  const dates: DateSlot[] = [];
  const prefixes: { code: Code; regex: RegExp }[] = [];
  let source = '^ *';
  let group = 1;
  tokens.forEach((token, index) => {
    if ('literal' in token) {
      source += token.literal.replace(/ +|[^ ]/g, (s) => (s.charAt(0) === ' ' ? ' +' : escapeRegExp(s)));
      return;
    }
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    const prev = before && 'literal' in before ? before.literal.slice(-1) : '';
    const next = after && 'literal' in after ? after.literal.charAt(0) : '';
    if (token.code === 'tl' || token.code === 'tg') {
      const parts: DatePart[] = [];
      source += `(?:${compileDate(token.arg ?? DEFAULT_TIME_FORMAT, token.pos, parts)})`;
      dates.push({ group, parts });
      group += parts.length;
    } else {
      let decode: (value: string) => string = token.encoding === '[' ? decodeSquidUser : keep;
      if (NUMERIC.has(token.code)) source += '(-|-?\\d{1,18})';
      else if (prev === '"' && next === '"') { source += '([^"\\\\]*(?:\\\\.[^"\\\\]*)*)'; decode = unquote; }
      else if (prev === '[' && next === ']') source += '([^\\]]*)';
      else if (next === '' || next === ' ' || next === '\t') source += '(\\S+)';
      else source += `([^\\s${escapeRegExp(next)}]+)`;
      slots.push({ group: group++, decode, ...mapping(token.code, token.arg) });
    }
    prefixes.push({ code: token, regex: new RegExp(source) });
  });
  if (!tokens.some((t) => 'code' in t && ['ts', 'tl', 'tg'].includes(t.code))) {
    throw new Error(`bad Squid logformat: no time code (%ts, %tl or %tg) in: ${def}`);
  }
  const regex = new RegExp(`${source} *$`);
  slots.sort((a, b) => a.rank - b.rank);

  /** Names the first code that stops matching (binary search over the prefix regexes), for the reject reason. */
  function mismatch(line: string): string {
    let lo = 0;
    let hi = prefixes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefixes[mid]!.regex.test(line)) lo = mid + 1;
      else hi = mid;
    }
    const at = lo === 0 ? 0 : (prefixes[lo - 1]!.regex.exec(line)?.[0].length ?? 0);
    const failed = prefixes[lo];
    const what = failed ? `${failed.code.text} (logformat position ${failed.code.pos})` : 'the end of the logformat';
    return `line does not match the logformat at ${what}, line character ${at}: ${JSON.stringify(line.slice(at, at + 40))}`;
  }

  function parseLine(input: string): LineOutcome {
    const line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (line.length > SQUID_MAX_LINE) return { kind: 'reject', reason: `line longer than ${SQUID_MAX_LINE} characters` };
    const match = regex.exec(line);
    if (match === null) return BLANK.test(line) ? { kind: 'skip' } : { kind: 'reject', reason: mismatch(line) };
    const fields: EventFields = { '@timestamp': '', 'event.dataset': 'squid.access' };
    const state: LineState = {
      fields, seconds: undefined, millis: undefined, time: undefined,
      url: undefined, path: undefined, host: undefined, method: undefined,
    };
    for (const slot of dates) {
      const ms = dateValue(match, slot);
      if (Number.isNaN(ms)) return { kind: 'reject', reason: `invalid date: ${match[slot.group] ?? ''}` };
      state.time = ms;
    }
    for (const slot of slots) {
      const value = match[slot.group];
      if (value !== undefined && value !== '' && value !== '-') slot.apply(state, slot.decode(value));
    }
    const timestamp = state.time ?? (state.seconds === undefined ? NaN : state.seconds * 1000 + (state.millis ?? 0));
    const iso = isoTime(timestamp);
    if (iso === undefined) return { kind: 'reject', reason: 'no valid time in the line' };
    fields['@timestamp'] = iso;
    const target = state.url ?? state.path;
    if (target !== undefined) Object.assign(fields, urlFields(target, state.host, state.method));
    else if (state.host !== undefined) fields['url.domain'] = state.host.toLowerCase();
    const status = fields['http.response.status_code'];
    fields['event.outcome'] = squidOutcome(fields['event.action'], status);
    fields['observer.vendor'] = 'Squid';
    return { kind: 'event', event: { timestamp, fields, raw: line } };
  }

  return { format, parseLine };
}

/** A parser for Squid's built-in `common` format. */
export function createSquidCommonParser(): LineParser {
  return createSquidLogformatParser(SQUID_COMMON_LOGFORMAT, 'squid-common');
}

/** A parser for Squid's built-in `combined` format. */
export function createSquidCombinedParser(): LineParser {
  return createSquidLogformatParser(SQUID_COMBINED_LOGFORMAT, 'squid-combined');
}
