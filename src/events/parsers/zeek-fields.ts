// Maps one Zeek log record (any log path, from TSV or JSON) to ECS event fields: the single Zeek→ECS mapping.
import type { EventFields, FieldValue } from '../event.ts';
import { urlFields } from '../url-fields.ts';
import type { LineOutcome } from './types.ts';

/** A Zeek field value once read: sets and vectors are arrays; unset fields are simply absent. */
export type ZeekValue = FieldValue;
/** Reads one field of the record being mapped, by Zeek's dotted name (`id.orig_h`). */
export type ZeekGetter = (field: string) => ZeekValue | undefined;
/** Maps one field's value into the event; `keep` is its `zeek.<path>.<field>` name. */
type Handler = (value: ZeekValue, out: EventFields, keep: string) => void;
/** A handler bound to one field of one log path: what TSV compiles per column and JSON looks up per key. */
export type ZeekFieldMapper = (value: ZeekValue, out: EventFields) => void;

/** Tag put on events whose `ts` was masked (`XXXXXXXXXX.XXXXXX`, as in Zeek's test baselines): kept with time 0. */
export const MASKED_TIME_TAG = 'zeek_ts_masked';

interface PathMapping {
  fields: ReadonlyMap<string, Handler>;
  finish?: (get: ZeekGetter, out: EventFields) => void;
}

const MASKED = /^X+(?:\.X+)?$/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function str(value: ZeekValue): string {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(',') : String(value);
}

function num(value: ZeekValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

function first(value: ZeekValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return String(value);
  const head = value[0];
  return head === undefined ? undefined : String(head);
}

function isoTime(value: ZeekValue): string {
  const n = num(value);
  if (n === undefined) return str(value);
  const d = new Date(Math.round(n * 1000));
  return Number.isNaN(d.getTime()) ? str(value) : d.toISOString();
}

const toStr = (name: string): Handler => (v, o) => { o[name] = str(v); };
const toValue = (name: string): Handler => (v, o) => { o[name] = v; };
const toIso = (name: string): Handler => (v, o) => { o[name] = isoTime(v); };
const toNum = (name: string): Handler => (v, o, keep) => {
  const n = num(v);
  if (n === undefined) o[keep] = v;
  else o[name] = n;
};
/** The first element to `name`, and the whole set/vector kept under `zeek.<path>.<field>`. */
const toFirst = (name: string): Handler => (v, o, keep) => {
  const head = first(v);
  if (head !== undefined && head !== '') o[name] = head;
  o[keep] = v;
};
const keepAnd = (name: string): Handler => (v, o, keep) => {
  o[name] = v;
  o[keep] = v;
};
const skip: Handler = () => undefined;

const COMMON: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['ts', skip],
  ['uid', toStr('zeek.uid')],
  ['id.orig_h', toStr('source.ip')],
  ['id.orig_p', toNum('source.port')],
  ['id.resp_h', toStr('destination.ip')],
  ['id.resp_p', toNum('destination.port')],
  ['proto', toStr('network.transport')],
  ['duration', (v, o, keep) => {
    const n = num(v);
    if (n !== undefined) o['event.duration'] = Math.round(n * 1e9);
    o[keep] = v;
  }],
]);

const HTTP: PathMapping = {
  fields: new Map<string, Handler>([
    ['method', toStr('http.request.method')], ['host', skip], ['uri', skip],
    ['referrer', toStr('http.request.referrer')], ['version', toStr('http.version')],
    ['user_agent', toStr('user_agent.original')], ['request_body_len', toNum('http.request.body.bytes')],
    ['response_body_len', toNum('http.response.body.bytes')], ['status_code', toNum('http.response.status_code')],
    ['username', toStr('user.name')], ['resp_mime_types', toFirst('http.response.mime_type')],
    ['resp_filenames', toFirst('file.name')], ['orig_mime_types', toFirst('http.request.mime_type')],
  ]),
  finish: (get, o) => {
    const uriValue = get('uri');
    const hostValue = get('host');
    const uri = uriValue === undefined ? '' : str(uriValue);
    const host = hostValue === undefined ? undefined : str(hostValue);
    Object.assign(o, urlFields(uri, host === '' ? undefined : host, o['http.request.method']));
  },
};

const FILES: PathMapping = {
  fields: new Map<string, Handler>([
    ['mime_type', toStr('file.mime_type')], ['filename', toStr('file.name')], ['md5', toStr('file.hash.md5')],
    ['sha1', toStr('file.hash.sha1')], ['sha256', toStr('file.hash.sha256')], ['total_bytes', toNum('file.size')],
  ]),
  finish: (get, o) => {
    const seenBytes = get('seen_bytes');
    if (o['file.size'] === undefined && seenBytes !== undefined) {
      const seen = num(seenBytes);
      if (seen !== undefined) o['file.size'] = seen;
    }
  },
};

const PE_FIELDS = ['machine', 'os', 'subsystem', 'is_exe', 'is_64bit', 'uses_aslr', 'uses_dep', 'uses_code_integrity',
  'uses_seh', 'has_import_table', 'has_export_table', 'has_cert_table', 'has_debug_data', 'section_names'];
const PE: PathMapping = {
  fields: new Map<string, Handler>([
    ...PE_FIELDS.map((name): [string, Handler] => [name, toValue(`pe.${name}`)]), ['compile_ts', toIso('pe.compile_ts')],
  ]),
};

const DNS_FLAGS = ['AA', 'TC', 'RD', 'RA'];
const DNS: PathMapping = {
  fields: new Map<string, Handler>([
    ['query', toStr('dns.question.name')], ['qtype_name', toStr('dns.question.type')],
    ['qclass_name', toStr('dns.question.class')], ['rcode_name', toStr('dns.response_code')],
    ['trans_id', toNum('dns.id')], ['answers', keepAnd('dns.answers.data')], ['TTLs', keepAnd('dns.answers.ttl')],
  ]),
  finish: (get, o) => {
    const flags = DNS_FLAGS.filter((flag) => get(flag) === true);
    if (flags.length > 0) o['dns.header_flags'] = flags;
  },
};

const CONN: PathMapping = {
  fields: new Map<string, Handler>([
    ['service', toStr('network.protocol')], ['orig_bytes', toNum('source.bytes')],
    ['resp_bytes', toNum('destination.bytes')], ['orig_pkts', toNum('source.packets')],
    ['resp_pkts', toNum('destination.packets')],
  ]),
};

const SSL: PathMapping = {
  fields: new Map<string, Handler>([
    ['server_name', toStr('tls.client.server_name')], ['cipher', toStr('tls.cipher')], ['curve', toStr('tls.curve')],
    ['established', toValue('tls.established')], ['resumed', toValue('tls.resumed')],
    ['ja3', toStr('tls.client.ja3')], ['ja3s', toStr('tls.server.ja3s')],
  ]),
};

const X509: PathMapping = {
  fields: new Map<string, Handler>([
    ['certificate.subject', toStr('x509.subject.distinguished_name')],
    ['certificate.issuer', toStr('x509.issuer.distinguished_name')],
    ['certificate.serial', toStr('x509.serial_number')],
    ['certificate.not_valid_before', toIso('x509.not_before')], ['certificate.not_valid_after', toIso('x509.not_after')],
    ['san.dns', keepAnd('x509.alternative_names')],
  ]),
};

const KERBEROS: PathMapping = {
  fields: new Map<string, Handler>([
    ['client', (v, o, keep) => {
      const client = str(v);
      const slash = client.indexOf('/');
      o['user.name'] = slash === -1 ? client : client.slice(0, slash);
      if (slash !== -1) o['user.domain'] = client.slice(slash + 1);
      o[keep] = client;
    }],
    ['success', (v, o, keep) => {
      if (typeof v === 'boolean') o['event.outcome'] = v ? 'success' : 'failure';
      o[keep] = v;
    }],
  ]),
};

const WEIRD: PathMapping = { fields: new Map<string, Handler>([['name', keepAnd('event.action')]]) };
const NOTICE: PathMapping = {
  fields: new Map<string, Handler>([['note', keepAnd('event.action')], ['msg', keepAnd('message')]]),
};

const BY_PATH: ReadonlyMap<string, PathMapping> = new Map([
  ['http', HTTP], ['files', FILES], ['pe', PE], ['dns', DNS], ['conn', CONN], ['ssl', SSL], ['x509', X509],
  ['kerberos', KERBEROS], ['weird', WEIRD], ['notice', NOTICE],
]);

/** The log a record came from when no `#path`/`_path`/`@stream` says so, judged by its distinctive fields. */
export function inferZeekPath(has: (field: string) => boolean): string {
  if (has('fuid') && (has('mime_type') || has('source') || has('md5') || has('analyzers'))) return 'files';
  if (has('machine') && (has('compile_ts') || has('id'))) return 'pe';
  if (has('trans_depth') || (has('uid') && (has('uri') || has('status_code')))) return 'http';
  if (has('qtype_name') || has('query')) return 'dns';
  if (has('conn_state') || has('orig_ip_bytes')) return 'conn';
  if (has('fingerprint') && has('certificate.subject')) return 'x509';
  if (has('cipher') && (has('server_name') || has('established'))) return 'ssl';
  if (has('request_type') && has('client')) return 'kerberos';
  if (has('name') && has('addl')) return 'weird';
  if (has('note') && has('msg')) return 'notice';
  return 'unknown';
}

/** Bound handlers cached per mapper stay below this many (JSON keys are free text). */
const MAX_CACHED_HANDLERS = 4096;
const MAX_CACHED_MAPPERS = 256;

/** The mapping of one log path, with its field handlers bound once and reused by every record. */
export class ZeekMapper {
  private readonly mapping: PathMapping | undefined;
  private readonly prefix: string;
  private readonly dataset: string;
  private readonly bound = new Map<string, ZeekFieldMapper>();

  constructor(readonly path: string) {
    this.mapping = BY_PATH.get(path);
    this.prefix = `zeek.${path}.`;
    this.dataset = `zeek.${path}`;
  }

  /** The mapper of one field: its ECS handler, or a copy to `zeek.<path>.<field>` for the fields ECS has no name for. */
  field(name: string): ZeekFieldMapper {
    const cached = this.bound.get(name);
    if (cached) return cached;
    const keep = this.prefix + name;
    const handler = this.mapping?.fields.get(name) ?? COMMON.get(name);
    const mapper: ZeekFieldMapper = handler ? (v, o) => handler(v, o, keep) : (v, o) => { o[keep] = v; };
    if (this.bound.size < MAX_CACHED_HANDLERS) this.bound.set(name, mapper);
    return mapper;
  }

  /** A new event's fields, before any record field is mapped. */
  start(): EventFields {
    return { 'event.dataset': this.dataset, 'observer.vendor': 'Zeek' } as EventFields;
  }

  /** The fields derived from several record fields at once (url.* from host and uri, dns.header_flags…). */
  finish(get: ZeekGetter, out: EventFields): void {
    this.mapping?.finish?.(get, out);
  }
}

const MAPPERS = new Map<string, ZeekMapper>();

/** The (cached) mapper for log `path` (`http`, `files`, …). */
export function zeekMapper(path: string): ZeekMapper {
  const cached = MAPPERS.get(path);
  if (cached) return cached;
  const mapper = new ZeekMapper(path);
  if (MAPPERS.size < MAX_CACHED_MAPPERS) MAPPERS.set(path, mapper);
  return mapper;
}

/** The ECS fields (without `@timestamp`) of one record of log `path`, given as a map of Zeek field names to values. */
export function mapZeekRecord(path: string, record: ReadonlyMap<string, ZeekValue>): EventFields {
  const mapper = zeekMapper(path);
  const out = mapper.start();
  for (const [name, value] of record) mapper.field(name)(value, out);
  mapper.finish((name) => record.get(name), out);
  return out;
}

/** Epoch milliseconds a JavaScript Date can hold. */
const MAX_TIME_MS = 8.64e15;

function inRange(ms: number): number | undefined {
  return Math.abs(ms) <= MAX_TIME_MS ? ms : undefined;
}

/** A Zeek `ts` in epoch milliseconds: from epoch seconds (number or text) or an ISO 8601 string; `masked` or undefined. */
export function zeekTime(value: ZeekValue | undefined): number | 'masked' | undefined {
  if (value === undefined || Array.isArray(value) || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? inRange(Math.round(value * 1000)) : undefined;
  if (NUMERIC.test(value)) return inRange(Math.round(Number(value) * 1000));
  if (MASKED.test(value)) return 'masked';
  if (!ISO_TIME.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export type ZeekTime = number | 'masked';

/** Logs come in time order: the ISO text of the last second seen is reused, only its milliseconds rewritten. */
let cachedSecond = NaN;
let cachedPrefix = '';

function isoTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return cachedPrefix + String(ms - second * 1000).padStart(3, '0') + 'Z';
}

/** The time of a record from its `ts` value, or the reject for a missing or unparseable one. */
export function readZeekTime(path: string, value: ZeekValue | undefined): ZeekTime | { kind: 'reject'; reason: string } {
  const time = zeekTime(value);
  if (time !== undefined) return time;
  const shown = value === undefined ? 'missing' : `'${str(value).slice(0, 40)}'`;
  return { kind: 'reject', reason: `Zeek ${path} record: timestamp (ts) ${shown} is not a time` };
}

/**
 * The event for mapped fields. A masked `ts` keeps the event at time 0 tagged `zeek_ts_masked` (its content is still
 * worth detecting on; the baselines' masking is deliberate), where an unparseable one was rejected by readZeekTime.
 */
export function zeekEvent(time: ZeekTime, fields: EventFields, raw: string): LineOutcome {
  const timestamp = time === 'masked' ? 0 : time;
  fields['@timestamp'] = isoTimestamp(timestamp);
  if (time === 'masked') fields.tags = [MASKED_TIME_TAG];
  return { kind: 'event', event: { timestamp, fields, raw } };
}
