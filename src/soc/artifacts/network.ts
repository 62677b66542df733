// Validators for network artifacts: IP addresses, domains, URLs and e-mail addresses (refanged, canonical, with public-suffix facts).
import { domainToASCII, domainToUnicode } from 'node:url';
import ipaddr from 'ipaddr.js';
import { parse as parseHost } from 'tldts';
import { refang as refangText } from '../../events/refang.ts';
import type { AddressScope, ArtifactValidation, DomainDetails } from './types.ts';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'ws', 'wss']);
const PRIVATE_RANGES = new Set(['private', 'uniqueLocal', 'carrierGradeNat', 'loopback', 'linkLocal']);

/** Undoes the usual defanging (see events/refang.ts), saying whether anything changed. */
export function refang(text: string): { text: string; changed: boolean } {
  const out = refangText(text);
  return { text: out, changed: out !== text };
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

function looksLikeIp(text: string): boolean {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  return IPV4.test(bare) || (bare.includes(':') && ipaddr.IPv6.isValid(bare));
}

function scopeOf(range: string): AddressScope {
  if (range === 'unicast') return 'public';
  return PRIVATE_RANGES.has(range) ? 'private' : 'special';
}

export function validateIp(raw: string): ArtifactValidation<'IP Address'> {
  const text = refang(raw.trim()).text.replace(/^\[(.*)\]$/, '$1');
  if (text.includes('/')) return { ok: false, reason: 'a network (CIDR) is not an address: give one IP address' };
  if (IPV4.test(text)) {
    const range = ipaddr.IPv4.parse(text).range();
    return { ok: true, value: text, details: { type: 'IP Address', version: 4, range, scope: scopeOf(range) } };
  }
  if (text.includes(':')) {
    if (text.includes('%')) return { ok: false, reason: 'an IPv6 zone index (%…) is not part of an address' };
    if (!ipaddr.IPv6.isValid(text)) return { ok: false, reason: `not a valid IPv6 address: ${text}` };
    const addr = ipaddr.IPv6.parse(text);
    if (addr.isIPv4MappedAddress()) {
      const v4 = addr.toIPv4Address();
      const range = v4.range();
      return {
        ok: true,
        value: `::ffff:${v4.toString()}`,
        details: { type: 'IP Address', version: 6, range, scope: scopeOf(range), mappedIpv4: v4.toString() },
      };
    }
    const range = addr.range();
    return { ok: true, value: addr.toRFC5952String(), details: { type: 'IP Address', version: 6, range, scope: scopeOf(range) } };
  }
  if (/^[\d.]+$/.test(text)) return { ok: false, reason: `not an IPv4 address: ${text} (four numbers 0–255 without leading zeros)` };
  return { ok: false, reason: `not an IP address: ${text}` };
}

type HostCheck = { ok: true; ascii: string } | { ok: false; reason: string };

/** Syntax of a DNS name: lower-case ASCII (IDN → punycode), labels of 1–63 letters, digits, '-' or '_', at most 253 characters. */
function checkHostSyntax(text: string): HostCheck {
  if (text === '') return { ok: false, reason: 'empty domain' };
  if (/[\s/\\@:]/.test(text) || CONTROL.test(text)) return { ok: false, reason: `not a domain name: ${text}` };
  const ascii = domainToASCII(text.toLowerCase());
  if (ascii === '') return { ok: false, reason: `not a valid domain name: ${text}` };
  if (ascii.length > 253) return { ok: false, reason: 'domain name longer than 253 characters' };
  const bad = ascii.split('.').find((label) => !DNS_LABEL.test(label));
  if (bad !== undefined) {
    return { ok: false, reason: bad === '' ? `empty label in ${text}` : `invalid label "${bad}" (letters, digits, '-', at most 63)` };
  }
  return { ok: true, ascii };
}

type DomainCheck = { ok: true; value: string; facts: Omit<DomainDetails, 'type'> } | { ok: false; reason: string };

/** A registrable name under a known public suffix (ICANN or private section of the Public Suffix List). */
export function checkDomain(raw: string): DomainCheck {
  const text = refang(raw.trim()).text.replace(/\.$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { ok: false, reason: 'a URL, not a domain: use URL Address' };
  if (looksLikeIp(text)) return { ok: false, reason: 'an IP address, not a domain: use IP Address' };
  const syntax = checkHostSyntax(text);
  if (!syntax.ok) return syntax;
  const host = parseHost(syntax.ascii, { allowPrivateDomains: true });
  const suffix = host.publicSuffix ?? '';
  if (host.isIcann !== true && host.isPrivate !== true) {
    return { ok: false, reason: `unknown top-level domain ".${suffix}" (internal machine names go under Hostname)` };
  }
  if (host.domain === null) return { ok: false, reason: `"${syntax.ascii}" is a public suffix, not a registrable domain` };
  const unicode = domainToUnicode(syntax.ascii);
  return {
    ok: true,
    value: syntax.ascii,
    facts: {
      registrableDomain: host.domain,
      publicSuffix: suffix,
      subdomain: host.subdomain ?? '',
      privateSuffix: host.isPrivate === true,
      ...(unicode !== syntax.ascii ? { unicode } : {}),
    },
  };
}

export function validateDomain(raw: string): ArtifactValidation<'Domain'> {
  const r = checkDomain(raw);
  return r.ok ? { ok: true, value: r.value, details: { type: 'Domain', ...r.facts } } : r;
}

export function validateEmailDomain(raw: string): ArtifactValidation<'E-mail Domain'> {
  const text = raw.trim();
  if (/.@/.test(text)) return { ok: false, reason: 'an e-mail address, not a domain: use E-mail Sender, or give only the part after @' };
  const r = checkDomain(text.replace(/^@/, ''));
  return r.ok ? { ok: true, value: r.value, details: { type: 'E-mail Domain', ...r.facts } } : r;
}

export function validateUrl(raw: string): ArtifactValidation<'URL Address'> {
  const { text, changed } = refang(raw.trim());
  if (CONTROL.test(text)) return { ok: false, reason: 'control characters in URL' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: false, reason: 'no scheme: write the URL as http://… or https://…' };
  if (!URL_SCHEMES.has(scheme)) return { ok: false, reason: `unsupported scheme "${scheme}" (http, https, ftp, ws, wss)` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `not a valid URL: ${text}` };
  }
  const host = url.hostname;
  if (host === '') return { ok: false, reason: 'URL without a host' };
  const base = { type: 'URL Address' as const, scheme, host, refanged: changed };
  if (host.startsWith('[') || IPV4.test(host)) {
    return { ok: true, value: url.href, details: { ...base, hostKind: 'ip', registrableDomain: null } };
  }
  const syntax = checkHostSyntax(host);
  if (!syntax.ok) return { ok: false, reason: `bad host: ${syntax.reason}` };
  const parsed = parseHost(host, { allowPrivateDomains: true });
  const known = parsed.isIcann === true || parsed.isPrivate === true;
  return { ok: true, value: url.href, details: { ...base, hostKind: 'domain', registrableDomain: known ? parsed.domain : null } };
}

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uffff-]+";
const DOT_ATOM = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`);
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)*"$/;

export function validateEmailSender(raw: string): ArtifactValidation<'E-mail Sender'> {
  let text = refang(raw.trim()).text;
  let displayName: string | undefined;
  const angle = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  if (angle) {
    const name = (angle[1] ?? '').trim().replace(/^"(.*)"$/, '$1');
    if (name !== '') displayName = name;
    text = (angle[2] ?? '').trim();
  }
  if (text.length > 254) return { ok: false, reason: 'e-mail address longer than 254 characters' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return { ok: false, reason: `not an e-mail address (local@domain): ${text}` };
  const local = text.slice(0, at);
  if (local.length > 64) return { ok: false, reason: 'local part longer than 64 characters' };
  if (!DOT_ATOM.test(local) && !QUOTED_LOCAL.test(local)) return { ok: false, reason: `invalid local part "${local}"` };
  const domain = checkDomain(text.slice(at + 1));
  if (!domain.ok) return { ok: false, reason: `bad domain: ${domain.reason}` };
  return {
    ok: true,
    value: `${local}@${domain.value}`,
    details: {
      type: 'E-mail Sender',
      localPart: local,
      domain: domain.value,
      registrableDomain: domain.facts.registrableDomain,
      ...(displayName !== undefined ? { displayName } : {}),
    },
  };
}
