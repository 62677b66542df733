// Turns an IPv4 or IPv6 address into a fixed-width sortable key, so that a CIDR block is one key range on an index.
import ipaddr from 'ipaddr.js';

const HEX = '0123456789abcdef';

function bytesToHex(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

const IPV4_MAPPED_PREFIX = '00000000000000000000ffff';

/** The key of a plain dotted-quad IPv4 address, or undefined when `address` is not one (the common case, made fast). */
function ipv4Key(address: string): string | undefined {
  let key = IPV4_MAPPED_PREFIX;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= address.length; i++) {
    const c = i === address.length ? 46 : address.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || octet > 255 || ++parts > 4) return undefined;
      key += HEX[octet >> 4]! + HEX[octet & 15]!;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      if (digits === 1 && octet === 0) return undefined; // leading zeros are octal in some parsers: refuse them
      octet = octet * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  return parts === 4 ? key : undefined;
}

/** 32 hex digits of the address's IPv6 form (IPv4 as IPv4-mapped `::ffff:a.b.c.d`); null when it is not an address. */
export function ipKey(address: string): string | null {
  const v4 = ipv4Key(address);
  if (v4 !== undefined) return v4;
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const zoneless = bare.split('%')[0] ?? bare;
  if (ipaddr.IPv4.isValidFourPartDecimal(zoneless)) {
    return bytesToHex(ipaddr.IPv4.parse(zoneless).toIPv4MappedAddress().toByteArray());
  }
  if (ipaddr.IPv6.isValid(zoneless)) return bytesToHex(ipaddr.IPv6.parse(zoneless).toByteArray());
  return null;
}

/** The inclusive key range [low, high] a CIDR block covers; throws a RangeError naming the problem when it is not a CIDR. */
export function cidrKeyRange(cidr: string): { low: string; high: string } {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    throw new RangeError(`not a CIDR block: ${cidr}`);
  }
  const [addr, prefix] = parsed;
  const v6 = addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).toIPv4MappedAddress() : (addr as ipaddr.IPv6);
  const bits = addr.kind() === 'ipv4' ? prefix + 96 : prefix;
  const bytes = v6.toByteArray();
  const low = bytes.map((b, i) => maskByte(b, bits - i * 8, false));
  const high = bytes.map((b, i) => maskByte(b, bits - i * 8, true));
  return { low: bytesToHex(low), high: bytesToHex(high) };
}

function maskByte(byte: number, keepBits: number, fill: boolean): number {
  if (keepBits >= 8) return byte;
  if (keepBits <= 0) return fill ? 255 : 0;
  const mask = (0xff << (8 - keepBits)) & 0xff;
  return fill ? (byte & mask) | (~mask & 0xff) : byte & mask;
}
