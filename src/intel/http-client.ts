// The only module that makes outbound HTTP requests: an address policy, one deadline per request, a streamed size cap, JSON parsing.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import { stripBrackets } from '../events/ip-class.ts';
import { classifyAddress, isIpAddress, type AddressClass } from './addresses.ts';

/** Where requests may go. Public addresses are always allowed (within `allowedOrigins`); the rest only when named here. */
export interface AddressPolicy {
  /** `scheme://host[:port]` origins requests may target (production: the configured service base URLs). Undefined: any. */
  allowedOrigins?: readonly string[];
  allowLoopback?: boolean;
  /** RFC 1918, unique-local IPv6, carrier-grade NAT (e.g. an on-premises MISP). */
  allowPrivate?: boolean;
  /** 169.254/16 and fe80::/10 (cloud metadata lives here): separate on purpose. */
  allowLinkLocal?: boolean;
}

export interface HttpClientOptions {
  policy: AddressPolicy;
  /** Deadline for the whole exchange (connect, headers, body). Default 15 s. */
  timeoutMs?: number;
  /** Largest body read, in bytes. Default 8 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export type HttpFailureKind = 'refused' | 'timeout' | 'too_large' | 'malformed' | 'network_error';

export type HttpOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Readonly<Record<string, string>>;
      /** The parsed JSON body; undefined when a non-2xx body is empty or not JSON. */
      body: unknown;
      bytes: number;
    }
  | { kind: 'failure'; failure: HttpFailureKind; message: string; status?: number };

export interface HttpClient {
  /** Sends one request and parses a JSON answer. Never throws: every failure is an outcome. */
  requestJson(req: HttpRequest): Promise<HttpOutcome>;
  close(): Promise<void>;
}

const REFUSED = 'WF_ADDRESS_REFUSED';

function allowedClass(policy: AddressPolicy, cls: AddressClass): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return policy.allowLoopback === true;
    case 'private':
      return policy.allowPrivate === true;
    case 'link_local':
      return policy.allowLinkLocal === true;
    case 'other_special':
      return false;
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup that drops resolved addresses the policy refuses (so a public name resolving to 10.x is refused too). */
function policyLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = addresses.filter((a) => allowedClass(policy, classifyAddress(a.address)));
      if (allowed.length === 0) {
        const refused = new Error(`${hostname} resolves only to addresses the policy refuses`) as NodeJS.ErrnoException;
        refused.code = REFUSED;
        return callback(refused, []);
      }
      if (options.all === true) return callback(null, allowed);
      const first = allowed[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function errorCodes(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') codes.push(code);
    messages.push(current.message);
    current = (current as Error & { cause?: unknown }).cause;
  }
  return { codes, messages };
}

/** Checks the URL against the policy before any socket is opened: scheme, origin, and literal IP addresses. */
export function checkDestination(policy: AddressPolicy, rawUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return `not a URL: ${rawUrl}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `scheme ${url.protocol} is not allowed`;
  if (url.username !== '' || url.password !== '') return 'credentials in URLs are not allowed';
  if (policy.allowedOrigins !== undefined && !policy.allowedOrigins.includes(url.origin)) {
    return `${url.origin} is not a configured service address`;
  }
  const host = stripBrackets(url.hostname);
  if (isIpAddress(host)) {
    const cls = classifyAddress(host);
    if (!allowedClass(policy, cls)) return `${host} is a ${cls.replace('_', '-')} address, refused by the address policy`;
  }
  return undefined;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy = options.policy;
  const defaultTimeout = options.timeoutMs ?? 15_000;
  const defaultMax = options.maxResponseBytes ?? 8 * 1024 * 1024;
  const agent = new Agent({ connect: { lookup: policyLookup(policy) }, keepAliveTimeout: 10_000 });

  async function requestJson(req: HttpRequest): Promise<HttpOutcome> {
    const refusal = checkDestination(policy, req.url);
    if (refusal !== undefined) return { kind: 'failure', failure: 'refused', message: refusal };
    const timeoutMs = req.timeoutMs ?? defaultTimeout;
    const maxBytes = req.maxResponseBytes ?? defaultMax;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const timeoutFailure = (): HttpOutcome => ({ kind: 'failure', failure: 'timeout', message: `no complete answer within ${timeoutMs} ms` });
    try {
      const res = await request(req.url, {
        method: req.method,
        headers: { 'user-agent': options.userAgent ?? 'Watchfloor', accept: 'application/json', ...req.headers },
        body: req.body,
        signal: controller.signal,
        dispatcher: agent,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        return { kind: 'failure', failure: 'too_large', status: res.statusCode, message: `body of ${declared} bytes exceeds the ${maxBytes}-byte cap` };
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        bytes += buf.length;
        if (bytes > maxBytes) {
          res.body.destroy();
          return { kind: 'failure', failure: 'too_large', status: res.statusCode, message: `body exceeds the ${maxBytes}-byte cap` };
        }
        chunks.push(buf);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      let body: unknown;
      try {
        body = text.trim() === '' && !ok ? undefined : JSON.parse(text);
      } catch (err) {
        if (ok) {
          const why = err instanceof Error ? err.message : String(err);
          return { kind: 'failure', failure: 'malformed', status: res.statusCode, message: `malformed JSON (${why}); body starts ${JSON.stringify(text.slice(0, 60))}` };
        }
        body = undefined;
      }
      return { kind: 'response', status: res.statusCode, headers, body, bytes };
    } catch (err) {
      if (timedOut) return timeoutFailure();
      const { codes, messages } = errorCodes(err);
      if (codes.includes(REFUSED)) return { kind: 'failure', failure: 'refused', message: messages.at(-1) ?? 'refused by the address policy' };
      if (codes.some((c) => c.endsWith('_TIMEOUT'))) return timeoutFailure();
      return { kind: 'failure', failure: 'network_error', message: `${codes[0] ?? 'error'}: ${messages.at(-1) ?? 'request failed'}` };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    requestJson,
    close: () => agent.close(),
  };
}
