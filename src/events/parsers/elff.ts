// Parses W3C extended log files (Blue Coat / Symantec ProxySG ELFF, Microsoft IIS) by their #Fields header into ECS.
import type { EventFields } from '../event.ts';
import { urlFields } from '../url-fields.ts';
import { isoTime, squidOutcome } from './squid-native.ts';
import type { LineOutcome, LineParser } from './types.ts';

const MAX_LINE = 65_536;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?$/;
const INTEGER = /^-?\d{1,15}$/;
const SNIFF = /^#(?:Software|Version|Date|Fields|Remark|Start-Date|End-Date): /;
const DEFAULT_PORTS = new Map([['http', '80'], ['https', '443']]);

/** What a line's values accumulate before the event is assembled. */
interface LineState {
  fields: EventFields;
  date: string | undefined;
  time: string | undefined;
  uri: string | undefined;
  scheme: string | undefined;
  host: string | undefined;
  port: string | undefined;
  serverPort: string | undefined;
  path: string | undefined;
  query: string | undefined;
  extension: string | undefined;
  filterResult: string | undefined;
}
type Handler = (state: LineState, value: string) => void;

const text = (target: string): Handler => (s, v) => { s.fields[target] = v; };
/** A number field, or the text kept as `w3c.<column>` when the value is not an integer. */
const integer = (target: string, column: string): Handler => (s, v) => {
  if (INTEGER.test(v)) s.fields[target] = Number(v);
  else s.fields[`w3c.${column}`] = v;
};

/** The handler for one #Fields column. IIS logs the server as s-ip/s-port; a proxy logs itself there. */
function handlerFor(name: string, iis: boolean): Handler {
  switch (name) {
    case 'date': return (s, v) => { s.date = v; };
    case 'time': return (s, v) => { s.time = v; };
    case 'time-taken': return (s, v) => {
      if (INTEGER.test(v)) s.fields['event.duration'] = Number(v) * 1_000_000;
      else s.fields['w3c.time-taken'] = v;
    };
    case 'c-ip': return text('source.ip');
    case 'c-port': return integer('source.port', 'c-port');
    case 's-ip': return text(iis ? 'destination.ip' : 'observer.ip');
    case 's-port': {
      if (!iis) return text('w3c.s-port');
      const port = integer('destination.port', 's-port');
      return (s, v) => { s.serverPort = v; port(s, v); };
    }
    case 's-supplier-ip': return text('destination.ip');
    case 'cs-username': return text('user.name');
    case 'sc-status': return integer('http.response.status_code', 'sc-status');
    case 'sc-bytes': return integer('http.response.body.bytes', 'sc-bytes');
    case 'cs-bytes': return integer('http.request.body.bytes', 'cs-bytes');
    case 's-action': return text('event.action');
    case 'cs-method': return text('http.request.method');
    case 'cs-version': return (s, v) => { s.fields['http.version'] = v.startsWith('HTTP/') ? v.slice(5) : v; };
    case 'rs(content-type)': return text('http.response.mime_type');
    case 'cs(user-agent)': return iis ? (s, v) => { s.fields['user_agent.original'] = v.replace(/\+/g, ' '); } : text('user_agent.original');
    case 'cs(referer)': return text('http.request.referrer');
    case 'cs(cookie)': return text('http.cookie');
    case 'cs-uri': return (s, v) => { s.uri = v; };
    case 'cs-uri-scheme': return (s, v) => { s.scheme = v.toLowerCase(); };
    case 'cs-host': return (s, v) => { s.host = v; };
    case 'cs-uri-port': return (s, v) => { s.port = v; };
    case 'cs-uri-path': case 'cs-uri-stem': return (s, v) => { s.path = v; };
    case 'cs-uri-query': return (s, v) => { s.query = v.startsWith('?') ? v.slice(1) : v; };
    case 'cs-uri-extension': return (s, v) => { s.extension = v.toLowerCase(); };
    case 's-computername': return text('host.name');
    case 's-sitename': return text('service.name');
    case 'sc-filter-result': return (s, v) => { s.filterResult = v; s.fields['w3c.sc-filter-result'] = v; };
    default: return text(`w3c.${name}`);
  }
}

/** Splits a data line on spaces/tabs; a value in double quotes may hold spaces and `""` for a quote. */
function splitValues(line: string, out: string[]): string | undefined {
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) { i++; continue; }
    if (c !== 34) {
      let end = i;
      while (end < n && line.charCodeAt(end) !== 32 && line.charCodeAt(end) !== 9) end++;
      out.push(line.slice(i, end));
      i = end;
      continue;
    }
    let value = '';
    let from = i + 1;
    for (;;) {
      const close = line.indexOf('"', from);
      if (close === -1) return `unterminated quoted value at character ${i}`;
      value += line.slice(from, close);
      if (line.charCodeAt(close + 1) !== 34) { i = close + 1; break; }
      value += '"';
      from = close + 2;
    }
    if (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) return `text after a closing quote at character ${i}`;
    out.push(value);
  }
  return undefined;
}

function timestampOf(date: string | undefined, time: string | undefined): number {
  const d = date === undefined ? null : DATE.exec(date);
  const t = time === undefined ? null : TIME.exec(time);
  if (d === null || t === null) return NaN;
  const [month, day, hour, minute, second] = [d[2], d[3], t[1], t[2], t[3]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const millis = t[4] === undefined ? 0 : Number(t[4].padEnd(3, '0'));
  return Date.UTC(Number(d[1]), month - 1, day, hour, minute, second, millis);
}

function setUrl(state: LineState, method: string | undefined): void {
  const { fields, host, path, query } = state;
  const port = state.port ?? state.serverPort;
  const scheme = state.scheme ?? (port === '443' ? 'https' : 'http');
  let url = state.uri;
  if (url === undefined && host !== undefined) {
    if (method === 'CONNECT' || scheme === 'tcp' || scheme === 'ssl') url = `${host}:${port ?? '443'}`;
    else {
      const withPort = port === undefined || port === DEFAULT_PORTS.get(scheme) ? host : `${host}:${port}`;
      url = `${scheme}://${withPort}${path ?? '/'}${query === undefined ? '' : `?${query}`}`;
    }
  } else if (url === undefined && path !== undefined) url = query === undefined ? path : `${path}?${query}`;
  if (url !== undefined) Object.assign(fields, urlFields(url, host, method));
  else if (host !== undefined) fields['url.domain'] = host.toLowerCase();
  if (state.extension !== undefined) fields['url.extension'] = state.extension;
}

/** Cheap content sniff: W3C files announce themselves with `#Software:`, `#Version:`, `#Date:` or `#Fields:`. */
export function looksLikeElff(line: string): boolean {
  return SNIFF.test(line);
}

/**
 * A parser for one W3C extended log file. Columns are read by the latest `#Fields` header (it may change mid-file),
 * `-` is empty, `date`+`time` are UTC. event.dataset is `w3c.iis` for IIS (by `#Software`, or IIS-only columns such
 * as s-sitename) and `w3c.proxy` otherwise; columns it does not map are kept as `w3c.<name>`. event.outcome follows
 * squidOutcome, and is `failure` when a ProxySG sc-filter-result is DENIED.
 */
export function createElffParser(): LineParser {
  let columns: string[] | undefined;
  let handlers: Handler[] = [];
  let software = '';
  let headerDate: string | undefined;
  let iis = false;
  const values: string[] = [];

  function directive(line: string): LineOutcome {
    const colon = line.indexOf(':');
    const name = (colon === -1 ? line.slice(1) : line.slice(1, colon)).trim().toLowerCase();
    const value = colon === -1 ? '' : line.slice(colon + 1).trim();
    if (name === 'software') software = value;
    else if (name === 'date') headerDate = value.split(/\s+/)[0];
    else if (name === 'fields') {
      const names = value.split(/\s+/).filter((f) => f !== '').map((f) => f.toLowerCase());
      if (names.length === 0) return { kind: 'reject', reason: '#Fields header lists no fields' };
      iis = /internet information services/i.test(software) || names.includes('s-sitename') || names.includes('sc-win32-status');
      columns = names;
      handlers = names.map((f) => handlerFor(f, iis));
    }
    return { kind: 'skip' };
  }

  function parseLine(input: string): LineOutcome {
    const line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (line.length > MAX_LINE) return { kind: 'reject', reason: `line longer than ${MAX_LINE} characters` };
    if (line.startsWith('#')) return directive(line);
    if (line.trim() === '') return { kind: 'skip' };
    if (columns === undefined) return { kind: 'reject', reason: 'data line before any #Fields header' };
    values.length = 0;
    const error = splitValues(line, values);
    if (error !== undefined) return { kind: 'reject', reason: error };
    if (values.length !== columns.length) {
      return { kind: 'reject', reason: `${values.length} values where #Fields names ${columns.length}` };
    }
    const fields: EventFields = { '@timestamp': '', 'event.dataset': iis ? 'w3c.iis' : 'w3c.proxy' };
    const state: LineState = {
      fields, date: undefined, time: undefined, uri: undefined, scheme: undefined, host: undefined, port: undefined,
      serverPort: undefined, path: undefined, query: undefined, extension: undefined, filterResult: undefined,
    };
    for (let k = 0; k < values.length; k++) {
      const value = values[k]!;
      if (value !== '-' && value !== '') handlers[k]!(state, value);
    }
    const timestamp = timestampOf(state.date ?? headerDate, state.time);
    const iso = isoTime(timestamp);
    if (iso === undefined) return { kind: 'reject', reason: `no valid date and time: ${state.date ?? headerDate ?? '-'} ${state.time ?? '-'}` };
    fields['@timestamp'] = iso;
    setUrl(state, fields['http.request.method']);
    const status = fields['http.response.status_code'];
    fields['event.outcome'] = state.filterResult === 'DENIED' ? 'failure' : squidOutcome(fields['event.action'], status);
    if (iis) Object.assign(fields, { 'observer.vendor': 'Microsoft', 'observer.product': 'IIS' });
    else if (/SGOS|ProxySG|Blue ?Coat/i.test(software)) Object.assign(fields, { 'observer.vendor': 'Symantec', 'observer.product': 'ProxySG' });
    return { kind: 'event', event: { timestamp, fields, raw: line } };
  }

  return { format: 'elff', parseLine };
}
