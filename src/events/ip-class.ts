// What kind of address an IP is (public, loopback, private, link-local…), for every module that must refuse or label addresses.
import ipaddr from 'ipaddr.js';

export type AddressKind = 'public' | 'loopback' | 'private' | 'link_local' | 'multicast' | 'unspecified' | 'special';

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Kind of an IP address (brackets allowed); IPv4-mapped IPv6 is judged as its IPv4 address. Throws on a non-address. */
export function classifyIp(text: string): AddressKind {
  let addr: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(stripBrackets(text));
  if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress()) addr = addr.toIPv4Address();
  switch (addr.range()) {
    case 'unicast':
      return 'public';
    case 'loopback':
      return 'loopback';
    case 'private':
    case 'uniqueLocal':
    case 'carrierGradeNat':
      return 'private';
    case 'linkLocal':
      return 'link_local';
    case 'multicast':
    case 'broadcast':
      return 'multicast';
    case 'unspecified':
      return 'unspecified';
    default:
      return 'special';
  }
}
