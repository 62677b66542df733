// The event model: Elastic Common Schema field names, typed, with Sigma's proxy names as aliases and the raw line kept.

/** Values an event field can hold. Multi-valued fields (Zeek sets and vectors) are arrays. */
export type FieldValue = string | number | boolean | string[] | number[];

/** The ECS fields Watchfloor knows by type. Parsers may add other dotted names (kept in the JSON part of the store). */
export interface KnownFields {
  '@timestamp': string;
  'event.dataset': string;
  'event.action'?: string;
  'event.outcome'?: 'success' | 'failure' | 'unknown';
  'event.duration'?: number;
  'source.ip'?: string;
  'source.port'?: number;
  'destination.ip'?: string;
  'destination.port'?: number;
  'destination.domain'?: string;
  'url.original'?: string;
  'url.domain'?: string;
  'url.path'?: string;
  'url.query'?: string;
  'url.extension'?: string;
  'url.scheme'?: string;
  'url.port'?: number;
  'http.request.method'?: string;
  'http.request.referrer'?: string;
  'http.response.status_code'?: number;
  'http.response.mime_type'?: string;
  'http.request.body.bytes'?: number;
  'http.response.body.bytes'?: number;
  'http.version'?: string;
  'http.cookie'?: string;
  'user_agent.original'?: string;
  'user.name'?: string;
  'host.name'?: string;
  'process.name'?: string;
  'process.parent.name'?: string;
  'process.parent.hash.md5'?: string;
  'file.name'?: string;
  'file.size'?: number;
  'file.mime_type'?: string;
  'file.hash.md5'?: string;
  'file.hash.sha1'?: string;
  'file.hash.sha256'?: string;
  'observer.vendor'?: string;
  'observer.product'?: string;
}

export type EventFields = KnownFields & { [field: string]: FieldValue | undefined };

/** A parsed event: its fields, its time in epoch milliseconds, and the line it came from. */
export interface WatchEvent {
  timestamp: number;
  fields: EventFields;
  raw: string;
}

/** Sigma's proxy taxonomy names (and a few common synonyms) mapped to the ECS names they stand for. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  'c-uri': 'url.original',
  'cs-uri': 'url.original',
  'c-uri-extension': 'url.extension',
  'c-uri-query': 'url.query',
  'c-uri-stem': 'url.path',
  'cs-uri-stem': 'url.path',
  'cs-uri-query': 'url.query',
  'c-useragent': 'user_agent.original',
  'cs-user-agent': 'user_agent.original',
  'cs-host': 'url.domain',
  'r-dns': 'url.domain',
  'cs-method': 'http.request.method',
  'cs-referrer': 'http.request.referrer',
  'sc-status': 'http.response.status_code',
  'cs-bytes': 'http.request.body.bytes',
  'sc-bytes': 'http.response.body.bytes',
  'cs-cookie': 'http.cookie',
  'cs-version': 'http.version',
  src_ip: 'source.ip',
  dst_ip: 'destination.ip',
  src_port: 'source.port',
  dst_port: 'destination.port',
  // the UI's column names (Log Management, Basic mode)
  source_address: 'source.ip',
  source_port: 'source.port',
  destination_address: 'destination.ip',
  destination_port: 'destination.port',
  src_address: 'source.ip',
  dest_address: 'destination.ip',
  dest_port: 'destination.port',
  request_url: 'url.original',
  user_agent: 'user_agent.original',
  username: 'user.name',
  hostname: 'host.name',
  type: 'event.dataset',
};

/** The ECS name a field is known by, whatever name (ECS, Sigma, UI) it was asked by. */
export function canonicalField(name: string): string {
  return FIELD_ALIASES[name] ?? FIELD_ALIASES[name.toLowerCase()] ?? name;
}

/** Reads a field by any of its names. */
export function getField(event: WatchEvent, name: string): FieldValue | undefined {
  return event.fields[canonicalField(name)];
}
