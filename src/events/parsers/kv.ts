// Parses the scenario packs' raw `Key: value · Key: value` log lines (one event per line) into ECS fields.
import type { EventFields } from '../event.ts';
import { urlFields } from '../url-fields.ts';
import { isoTime } from './squid-native.ts';
import type { LineOutcome, LineParser } from './types.ts';

const MAX_LINE = 65_536;
const SEPARATOR = /( · | \| |\t)/;
const KEY = /^[A-Za-z][\w .()/-]{0,63}$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIME_ONLY = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
const EPOCH = /^\d{10}(?:\d{3})?$/;
const WRITTEN = /^([A-Za-z]{3})[a-z]*,? +(\d{1,2}),? +(\d{4}),? +(\d{1,2}):(\d{2})(?::(\d{2}))? *([AaPp][Mm])?(?: *(?:UTC|GMT)?([+-])(\d{2}):?(\d{2}))?$/;
const INTEGER = /^\d{1,15}$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SUCCESS = /^(?:allow|permit|accept|pass|success)/i;
const FAILURE = /^(?:block|den|drop|reject|fail|quarantin)/i;
const SNIFF_KEY = /^[A-Za-z][\w .()/-]{0,63}: ?\S/;
const SNIFF_DATE = /(?:^|· |\| |\t)(?:Date|Event Time|Time) ?:/i;

/** Known keys (lower case, single spaces) and the ECS field each fills with text. */
const TEXT_KEYS = new Map<string, string>([
  ['source address', 'source.ip'], ['source ip', 'source.ip'],
  ['destination address', 'destination.ip'], ['destination ip', 'destination.ip'],
  ['source hostname', 'host.name'], ['hostname', 'host.name'], ['host name', 'host.name'],
  ['destination hostname', 'destination.domain'],
  ['username', 'user.name'], ['user', 'user.name'], ['user name', 'user.name'],
  ['request method', 'http.request.method'], ['user agent', 'user_agent.original'],
  ['content type', 'http.response.mime_type'], ['mime type', 'http.response.mime_type'], ['referrer', 'http.request.referrer'],
  ['device action', 'event.action'],
  ['process', 'process.name'], ['parent process', 'process.parent.name'],
  ['parent process md5', 'process.parent.hash.md5'], ['command line', 'process.command_line'],
  ['file name', 'file.name'], ['md5', 'file.hash.md5'], ['file md5', 'file.hash.md5'],
  ['sha1', 'file.hash.sha1'], ['file sha1', 'file.hash.sha1'], ['sha256', 'file.hash.sha256'], ['file sha256', 'file.hash.sha256'],
]);
/** Known keys whose value is an integer (kept as `kv.<key>` text when it is not). */
const INTEGER_KEYS = new Map<string, string>([
  ['source port', 'source.port'], ['destination port', 'destination.port'],
  ['status', 'http.response.status_code'], ['status code', 'http.response.status_code'], ['file size', 'file.size'],
  ['response size', 'http.response.body.bytes'], ['bytes', 'http.response.body.bytes'],
]);
const HASH_BY_LENGTH = new Map([[32, 'file.hash.md5'], [40, 'file.hash.sha1'], [64, 'file.hash.sha256']]);

/** Epoch ms for the time forms scenario logs use: ISO 8601 (UTC when no zone), epoch s/ms, `Mar, 21, 2021, 01:02 PM`. */
function parseWhen(value: string): number {
  if (EPOCH.test(value)) return value.length === 10 ? Number(value) * 1000 : Number(value);
  const iso = ISO.exec(value);
  if (iso !== null) {
    let normal = value.replace(' ', 'T');
    if (iso[1] === undefined) normal += normal.includes('T') ? 'Z' : 'T00:00:00Z';
    else if (/[+-]\d{4}$/.test(normal)) normal = `${normal.slice(0, -2)}:${normal.slice(-2)}`;
    return Date.parse(normal);
  }
  const w = WRITTEN.exec(value);
  if (w === null) return NaN;
  const month = MONTHS.indexOf((w[1] ?? '').toLowerCase());
  let hour = Number(w[4]);
  const ampm = w[7]?.toLowerCase();
  if (ampm !== undefined && (hour < 1 || hour > 12)) return NaN;
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  const [day, minute, second] = [Number(w[2]), Number(w[5]), Number(w[6] ?? 0)];
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  // a written time is UTC unless it carries an offset (`Mar 21, 2021 01:02 PM +03:00`)
  const offset = w[8] === undefined ? 0 : (w[8] === '-' ? -1 : 1) * (Number(w[9]) * 60 + Number(w[10])) * 60_000;
  return Date.UTC(Number(w[3]), month, day, hour, minute, second) - offset;
}

/** `Key: value` pairs of a line; a piece without `Key:` continues the previous value. Undefined if the line has none. */
function pairs(line: string): [string, string][] | undefined {
  const pieces = line.split(SEPARATOR);
  const out: [string, string][] = [];
  for (let k = 0; k < pieces.length; k += 2) {
    const piece = pieces[k] ?? '';
    const colon = piece.indexOf(':');
    const key = colon === -1 ? '' : piece.slice(0, colon).trim();
    const last = out[out.length - 1];
    if (KEY.test(key)) out.push([key.toLowerCase().replace(/[\s_-]+/g, ' '), piece.slice(colon + 1).trim()]);
    else if (last !== undefined) last[1] += `${pieces[k - 1] ?? ''}${piece}`;
    else return undefined;
  }
  return out;
}

/** Cheap content sniff: starts with `Key: value`, has a ` · `, ` | ` or TAB separator and a Date/Time key. */
export function looksLikeKv(line: string): boolean {
  return line.length < MAX_LINE && SNIFF_KEY.test(line) && SEPARATOR.test(line) && SNIFF_DATE.test(line);
}

/**
 * A parser for scenario-pack key-value lines. Keys are case-insensitive. Date (or Event Time/Time; a date-only Date is
 * joined with Time) gives @timestamp, and a line without one is rejected. Type gives event.dataset
 * `scenario.<type>` (lower case, letters and digits only; `kv` without a Type); Request URL gives url.*; File Hash
 * goes to md5/sha1/sha256 by length; Device Action gives event.action and event.outcome (allowed → success,
 * blocked/denied → failure); Protocol gives network.protocol (lower case). Other keys are kept as `kv.<snake_case>`.
 */
export function createKvParser(): LineParser {
  function parseLine(input: string): LineOutcome {
    const line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (line.length > MAX_LINE) return { kind: 'reject', reason: `line longer than ${MAX_LINE} characters` };
    if (line.trim() === '') return { kind: 'skip' };
    const list = pairs(line);
    if (list === undefined) return { kind: 'reject', reason: 'line does not start with a `Key: value` pair' };
    const values = new Map(list);
    const date = values.get('date');
    const time = values.get('time');
    const eventTime = values.get('event time');
    if (date === undefined && eventTime === undefined && time === undefined) return { kind: 'reject', reason: 'no Date field' };
    const joined = date !== undefined && time !== undefined && DATE_ONLY.test(date) && TIME_ONLY.test(time) ? `${date}T${time}` : undefined;
    const timestamp = [joined, date, eventTime, time].reduce((ms, v) => (Number.isNaN(ms) && v !== undefined ? parseWhen(v) : ms), NaN);
    const iso = isoTime(timestamp);
    if (iso === undefined) return { kind: 'reject', reason: `unreadable Date: ${(date ?? eventTime ?? time ?? '').slice(0, 60)}` };
    const type = (values.get('type') ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
    const fields: EventFields = { '@timestamp': iso, 'event.dataset': type === '' ? 'kv' : `scenario.${type}` };
    for (const [key, value] of values) {
      if (value === '' || value === '-' || key === 'date' || key === 'type' || key === 'event time') continue;
      if (key === 'time' && joined !== undefined) continue;
      const text = TEXT_KEYS.get(key);
      const integer = INTEGER_KEYS.get(key);
      const hash = key === 'file hash' ? HASH_BY_LENGTH.get(value.length) : undefined;
      if (text !== undefined) fields[text] = value;
      else if (integer !== undefined && INTEGER.test(value)) fields[integer] = Number(value);
      else if (hash !== undefined) fields[hash] = value.toLowerCase();
      else if (key === 'protocol') fields['network.protocol'] = value.toLowerCase();
      else if (key !== 'request url' && key !== 'url') fields[`kv.${key.replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}`] = value;
    }
    const url = values.get('request url') ?? values.get('url');
    if (url !== undefined && url !== '' && url !== '-') {
      Object.assign(fields, urlFields(url, values.get('destination hostname'), values.get('request method')));
    }
    const action = fields['event.action'];
    if (action !== undefined) {
      if (SUCCESS.test(action)) fields['event.outcome'] = 'success';
      else if (FAILURE.test(action)) fields['event.outcome'] = 'failure';
    }
    return { kind: 'event', event: { timestamp, fields, raw: line } };
  }

  return { format: 'kv', parseLine };
}
