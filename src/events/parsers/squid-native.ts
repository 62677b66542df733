// Parses Squid's native access.log format (`logformat squid`) into ECS events with a hand-written field scanner.
import type { EventFields } from '../event.ts';
import { urlFields } from '../url-fields.ts';
import type { LineOutcome, LineParser } from './types.ts';

/** Lines longer than this are rejected before any scanning (Squid caps URLs far below it). */
export const SQUID_MAX_LINE = 65_536;

const FIELD_COUNT = 10;
const TIMESTAMP = /^\d{1,11}(?:\.\d{1,3})?$/;
const DIGITS = /^\d{1,15}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SNIFF = /^ *\d{9,11}\.\d{3} +\d+ +\S+ +[A-Z_]+\/\d{3} +\d+ +\S+ +\S/;
/** Times must fall in years 0000-9999, so that ISO strings sort and every consumer can read them. */
const MIN_EPOCH_MS = -62_167_219_200_000;
const MAX_EPOCH_MS = 253_402_300_799_999;

/**
 * ECS event.outcome for a Squid result code and HTTP status: `failure` when the proxy denied the request (the result
 * code contains DENIED) or the status is 4xx/5xx, `success` for a 1xx-3xx status, `unknown` otherwise (status 000:
 * no reply was sent, e.g. an aborted tunnel).
 */
export function squidOutcome(action: string | undefined, status: number | undefined): 'success' | 'failure' | 'unknown' {
  if (action !== undefined && action.includes('DENIED')) return 'failure';
  if (status === undefined || status < 100) return 'unknown';
  return status >= 400 ? 'failure' : 'success';
}

let cachedSecond = NaN;
let cachedPrefix = '';

/**
 * The ISO string for an epoch millisecond time in years 0000-9999, or undefined. Log lines come in time
 * order, so the `YYYY-MM-DDTHH:MM:SS.` prefix of the last second is reused instead of formatting a Date per line.
 */
export function isoTime(ms: number): string | undefined {
  if (!Number.isInteger(ms) || ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) return undefined;
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  const milli = ms - second * 1000;
  return `${cachedPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** Decodes the %XX escapes Squid writes into user names; leaves the value as it is when it is not valid UTF-8. */
export function decodeSquidUser(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Puts the address Squid logged for the next hop into destination.ip (an address) or destination.domain (a name). */
export function setPeer(fields: EventFields, peer: string): void {
  if (peer === '' || peer === '-') return;
  if (IPV4.test(peer) || peer.includes(':')) fields['destination.ip'] = peer;
  else fields['destination.domain'] = peer.toLowerCase();
}

/** Cheap content sniff: a native Squid line starts `epoch.ms elapsed client RESULT/status bytes method`. */
export function looksLikeSquidNative(line: string): boolean {
  return SNIFF.test(line);
}

/**
 * A parser for `logformat squid` (`%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt`). Fields are split on
 * runs of spaces. Maps @timestamp, event.duration (ns), source.ip, event.action (result code), http.response.status_code
 * (omitted for 000), http.response.body.bytes, http.request.method, url.*, user.name, squid.hierarchy_code,
 * destination.ip (or destination.domain for a peer name), http.response.mime_type and event.outcome (see squidOutcome).
 * A `log_mime_hdrs` suffix (`[request headers] [reply headers]`) is kept as squid.mime_headers.
 */
export function createSquidNativeParser(): LineParser {
  const tokens: string[] = new Array<string>(FIELD_COUNT).fill('');

  /** Splits on runs of spaces into `tokens`; returns the index where an 11th field starts, or -1. */
  function scan(line: string): { count: number; rest: number } {
    let count = 0;
    let i = 0;
    const n = line.length;
    while (i < n) {
      while (i < n && line.charCodeAt(i) === 32) i++;
      if (i >= n) break;
      if (count === FIELD_COUNT) return { count, rest: i };
      let end = line.indexOf(' ', i);
      if (end === -1) end = n;
      tokens[count++] = line.slice(i, end);
      i = end;
    }
    return { count, rest: -1 };
  }

  function parseLine(input: string): LineOutcome {
    const line = input.endsWith('\r') ? input.slice(0, -1) : input;
    if (line.length > SQUID_MAX_LINE) return { kind: 'reject', reason: `line longer than ${SQUID_MAX_LINE} characters` };
    const { count, rest } = scan(line);
    if (count === 0) return { kind: 'skip' };
    if (count < FIELD_COUNT) return { kind: 'reject', reason: `expected 10 space-separated fields, found ${count}` };
    const [ts, elapsed, client, result, bytes, method, url, user, hier, mime] = tokens as [
      string, string, string, string, string, string, string, string, string, string,
    ];
    if (!TIMESTAMP.test(ts)) return { kind: 'reject', reason: `timestamp is not epoch seconds.milliseconds: ${ts.slice(0, 40)}` };
    const timestamp = Math.round(Number(ts) * 1000);
    const iso = isoTime(timestamp);
    if (iso === undefined) return { kind: 'reject', reason: 'timestamp out of range' };
    if (!DIGITS.test(elapsed)) return { kind: 'reject', reason: `elapsed time is not a number: ${elapsed.slice(0, 40)}` };
    const slash = result.indexOf('/');
    const status = slash === -1 ? '' : result.slice(slash + 1);
    if (slash < 1 || !DIGITS.test(status)) {
      return { kind: 'reject', reason: `result field is not RESULT_CODE/status: ${result.slice(0, 40)}` };
    }
    if (!DIGITS.test(bytes)) return { kind: 'reject', reason: `reply size is not a number: ${bytes.slice(0, 40)}` };
    const action = result.slice(0, slash);
    const statusCode = Number(status);
    const fields: EventFields = {
      '@timestamp': iso,
      'event.dataset': 'squid.access',
      'event.action': action,
      'event.duration': Number(elapsed) * 1_000_000,
      'event.outcome': squidOutcome(action, statusCode),
      'source.ip': client,
      'http.request.method': method,
      'http.response.body.bytes': Number(bytes),
      'observer.vendor': 'Squid',
    };
    if (statusCode > 0) fields['http.response.status_code'] = statusCode;
    Object.assign(fields, urlFields(url, undefined, method));
    if (user !== '-') fields['user.name'] = decodeSquidUser(user);
    const hierSlash = hier.indexOf('/');
    fields['squid.hierarchy_code'] = hierSlash === -1 ? hier : hier.slice(0, hierSlash);
    if (hierSlash !== -1) setPeer(fields, hier.slice(hierSlash + 1));
    if (mime !== '-') fields['http.response.mime_type'] = mime;
    if (rest !== -1) {
      if (line.charCodeAt(rest) !== 91) return { kind: 'reject', reason: 'more than 10 fields and no [mime headers] after them' };
      fields['squid.mime_headers'] = line.slice(rest);
    }
    return { kind: 'event', event: { timestamp, fields, raw: line } };
  }

  return { format: 'squid', parseLine };
}
