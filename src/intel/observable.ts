// Observable detection and normalisation: refanging, type detection (IP, domain with a public suffix, URL, hashes, e-mail).
import { refang as refangText } from '../events/refang.ts';
import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { isIpAddress, normaliseIp } from './addresses.ts';
import type { Observable, ObservableType } from './types.ts';

/** The indicator types the local table keeps (a `file` observable is kept as its sha256). */
export type IndicatorType = 'url' | 'domain' | 'ip' | 'md5' | 'sha1' | 'sha256' | 'email';
export const INDICATOR_TYPES: readonly IndicatorType[] = ['url', 'domain', 'ip', 'md5', 'sha1', 'sha256', 'email'];

const MAX_OBSERVABLE_LENGTH = 8192;

/** Undoes the usual defanging: hxxp(s)/fxp schemes, [.] (.) {.} [dot], [:] [://], [at] (at) [@], and stray brackets around dots. */
export function refang(text: string): string {
  return refangText(text.trim());
}

export type Detection = { ok: true; observable: Observable } | { ok: false; reason: string };

const HASH_TYPES: Record<number, ObservableType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** A host name with a known public suffix (ICANN or private section), lower-cased, in ASCII (punycode). */
export function normaliseDomain(text: string): string | undefined {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253 || /[\s/@:]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (ascii === '' || !/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(ascii)) return undefined;
  if (ascii.split('.').some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-'))) return undefined;
  const parsed = parseDomain(ascii, { allowPrivateDomains: true });
  if (parsed.isIp || parsed.domain === null || !(parsed.isIcann === true || parsed.isPrivate === true)) return undefined;
  return ascii;
}

/** A URL's canonical text (WHATWG: lower-case scheme and host, punycode). Undefined when it has no scheme and host. */
export function normaliseUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.hostname === '') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

export function normaliseEmail(text: string): string | undefined {
  const match = /^([^\s@<>"]{1,64})@([^\s@<>"]+)$/.exec(text.trim());
  if (!match) return undefined;
  const domain = normaliseDomain(match[2] ?? '');
  return domain === undefined ? undefined : `${(match[1] ?? '').toLowerCase()}@${domain}`;
}

/** Normalises a value whose type is known (importers): undefined when the value is not a valid `type`. */
export function normaliseAs(type: IndicatorType, raw: string): string | undefined {
  const value = refang(raw);
  switch (type) {
    case 'ip':
      return normaliseIp(value);
    case 'domain':
      return normaliseDomain(value);
    case 'url':
      return normaliseUrl(value);
    case 'email':
      return normaliseEmail(value);
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const hex = value.toLowerCase();
      return HASH_TYPES[hex.length] === type && /^[0-9a-f]+$/.test(hex) ? hex : undefined;
    }
  }
}

/**
 * Detects what `raw` is: a URL (with a scheme, or host/path without one), an IP address, a hash (by length),
 * an e-mail address, or a domain with a public suffix. Defanged values are refanged first.
 */
export function detectObservable(raw: string): Detection {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const detection = detect(raw);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(raw, Object.freeze(detection));
  return detection;
}

/** Detection is pure and lookups repeat values (enrichment, cache hits): recent answers are remembered. Frozen, so shared safely. */
const MEMO_SIZE = 4096;
const memo = new Map<string, Detection>();

function detect(raw: string): Detection {
  if (raw.length > MAX_OBSERVABLE_LENGTH) return { ok: false, reason: `longer than ${MAX_OBSERVABLE_LENGTH} characters` };
  const value = refang(raw);
  if (value === '') return Object.freeze({ ok: false, reason: 'empty value' });
  const found = (type: ObservableType, v: string): Detection => Object.freeze({ ok: true, observable: Object.freeze({ type, value: v }) });
  if (/^[0-9a-f]+$/i.test(value) && HASH_TYPES[value.length] !== undefined) return found(HASH_TYPES[value.length]!, value.toLowerCase());
  if (isIpAddress(value)) return found('ip', normaliseIp(value)!);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = normaliseUrl(value);
    return url === undefined ? { ok: false, reason: 'not a valid URL' } : found('url', url);
  }
  if (value.includes('@')) {
    const email = normaliseEmail(value);
    return email === undefined ? { ok: false, reason: 'not a valid e-mail address' } : found('email', email);
  }
  const domain = normaliseDomain(value);
  if (domain !== undefined) return found('domain', domain);
  // host/path or host:port/path without a scheme: a URL over http.
  const slash = value.search(/[/:?]/);
  if (slash > 0) {
    const host = value.slice(0, slash);
    if (normaliseDomain(host) !== undefined || isIpAddress(host)) {
      const url = normaliseUrl(`http://${value}`);
      if (url !== undefined) return found('url', url);
    }
  }
  if (/^[\p{L}\p{N}._-]+$/u.test(value) && value.includes('.')) return { ok: false, reason: 'no known public suffix' };
  return { ok: false, reason: 'not an IP address, domain, URL, hash or e-mail address' };
}

/** The host of a URL observable (domain or IP), lower-cased, without brackets. */
export function urlHost(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host.startsWith('[') ? host.slice(1, -1) : host;
  } catch {
    return undefined;
  }
}
