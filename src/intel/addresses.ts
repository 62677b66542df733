// IP address classification shared by the HTTP address policy and the lookups (private addresses are never sent out).
import { classifyIp, stripBrackets } from '../events/ip-class.ts';
import ipaddr from 'ipaddr.js';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link_local' | 'other_special';

/** Whether `text` is an IPv4 (dotted quad) or IPv6 address, brackets allowed. */
export function isIpAddress(text: string): boolean {
  const bare = stripBrackets(text);
  // Cheap shape checks first: ipaddr.js validates by throwing, which is slow on the (common) non-address case.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) return ipaddr.IPv4.isValidFourPartDecimal(bare);
  return bare.includes(':') && /^[0-9a-f:.]+$/i.test(bare) && ipaddr.IPv6.isValid(bare);
}

/** Canonical text of an address: dotted quad, or RFC 5952 compact IPv6. Undefined when not an address. */
export function normaliseIp(text: string): string | undefined {
  const bare = stripBrackets(text.trim());
  if (!isIpAddress(bare)) return undefined;
  return bare.includes(':') ? ipaddr.IPv6.parse(bare).toRFC5952String() : ipaddr.IPv4.parse(bare).toString();
}

/** Public unicast, loopback, private (RFC 1918, ULA, CGNAT), link-local, or something else special (multicast, reserved…). */
export function classifyAddress(text: string): AddressClass {
  const kind = classifyIp(text);
  return kind === 'multicast' || kind === 'unspecified' || kind === 'special' ? 'other_special' : kind;
}
