// Destination policy for the URL sandbox: which hosts and addresses the browser may reach (public unicast only, unless allowed explicitly).
import { classifyIp, stripBrackets, type AddressKind } from '../../events/ip-class.ts';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';


export interface DestinationPolicyOptions {
  /** Addresses or CIDR ranges that may be reached although not public, e.g. `['127.0.0.1', '10.1.0.0/16']`. */
  allowPrivate?: string[];
  /** Allows the whole loopback range (127.0.0.0/8, ::1). Tests pass it; production should not. */
  allowLoopback?: boolean;
  /** Origins that are always refused, even when loopback is allowed (the workbench's own origin). Matched on address and port. */
  denyOrigins?: string[];
  /** Resolver (tests inject one); defaults to node:dns `lookup` with all addresses. */
  resolve?: (host: string) => Promise<string[]>;
}

export type Verdict =
  | { allowed: true; addresses: string[] }
  | { allowed: false; reason: string };

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** Canonical text of an IP literal (IPv4-mapped IPv6 becomes IPv4), or undefined for a host name. */
export function canonicalIp(host: string): string | undefined {
  const bare = stripBrackets(host);
  if (!ipaddr.isValid(bare) || (!ipaddr.IPv6.isValid(bare) && !ipaddr.IPv4.isValidFourPartDecimal(bare))) return undefined;
  const addr = ipaddr.parse(bare);
  if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress()) return addr.toIPv4Address().toString();
  return addr instanceof ipaddr.IPv6 ? addr.toRFC5952String() : addr.toString();
}

function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.+$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain';
}

async function defaultResolve(host: string): Promise<string[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

interface Endpoint { address: string; port: number }

/** A compiled policy: check URLs (scheme, host, port) or raw host:port endpoints (for CONNECT tunnels). */
export class DestinationPolicy {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  private readonly allowLoopback: boolean;
  private readonly resolve: (host: string) => Promise<string[]>;
  private readonly denyOrigins: string[];
  private denied: Endpoint[] | null = null;

  constructor(options: DestinationPolicyOptions = {}) {
    this.allowLoopback = options.allowLoopback === true;
    this.resolve = options.resolve ?? defaultResolve;
    this.denyOrigins = options.denyOrigins ?? [];
    for (const entry of options.allowPrivate ?? []) {
      const text = stripBrackets(entry.trim());
      if (text.includes('/')) this.allowed.push(ipaddr.parseCIDR(text));
      else {
        const addr = ipaddr.parse(text);
        this.allowed.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
      }
    }
  }

  /** Resolves the denied origins once (host names too), so that `http://localhost:PORT` cannot reach a denied `127.0.0.1:PORT`. */
  private async deniedEndpoints(): Promise<Endpoint[]> {
    if (this.denied) return this.denied;
    const out: Endpoint[] = [];
    for (const origin of this.denyOrigins) {
      const u = new URL(origin);
      const port = u.port ? Number(u.port) : (DEFAULT_PORTS[u.protocol] ?? 0);
      const ip = canonicalIp(u.hostname);
      const addresses = ip ? [ip] : await this.resolve(u.hostname).catch(() => []);
      for (const a of addresses) out.push({ address: canonicalIp(a) ?? a, port });
    }
    this.denied = out;
    return out;
  }

  /** Whether the address itself may be reached (ignoring denied origins). */
  addressAllowed(address: string): { ok: true } | { ok: false; kind: AddressKind } {
    const kind = classifyIp(address);
    if (kind === 'public') return { ok: true };
    if (kind === 'loopback' && this.allowLoopback) return { ok: true };
    let addr: ipaddr.IPv4 | ipaddr.IPv6 = ipaddr.parse(stripBrackets(address));
    if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress()) addr = addr.toIPv4Address();
    for (const [net, bits] of this.allowed) {
      if (net.kind() === addr.kind() && addr.match(net, bits)) return { ok: true };
    }
    return { ok: false, kind };
  }

  /** Checks a URL: scheme, localhost names, IP literals in any encoding (the WHATWG parser canonicalises them), DNS answers, denied origins. */
  async checkUrl(url: string): Promise<Verdict> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { allowed: false, reason: 'invalid URL' };
    }
    if (!ALLOWED_SCHEMES.has(u.protocol)) return { allowed: false, reason: `scheme ${u.protocol} is not allowed` };
    const port = u.port ? Number(u.port) : (DEFAULT_PORTS[u.protocol] ?? 0);
    return this.checkEndpoint(u.hostname, port);
  }

  /** Checks a host (name or literal) and port; on success returns the vetted addresses to connect to. */
  async checkEndpoint(host: string, port: number): Promise<Verdict> {
    const ip = canonicalIp(host);
    if (!ip && isLocalhostName(host) && !this.allowLoopback) return { allowed: false, reason: `${host} is a loopback name` };
    let addresses: string[];
    if (ip) addresses = [ip];
    else {
      try {
        addresses = (await this.resolve(stripBrackets(host))).map((a) => canonicalIp(a) ?? a);
      } catch (err) {
        return { allowed: false, reason: `DNS lookup failed for ${host}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
      }
      if (addresses.length === 0) return { allowed: false, reason: `no address for ${host}` };
    }
    for (const address of addresses) {
      if (!ipaddr.isValid(address)) return { allowed: false, reason: `unparseable address ${address}` };
      const verdict = this.addressAllowed(address);
      if (!verdict.ok) {
        const via = ip ? '' : ` (${host} resolves to it)`;
        return { allowed: false, reason: `${verdict.kind.replace('_', '-')} address ${address}${via}` };
      }
    }
    const denied = await this.deniedEndpoints();
    for (const address of addresses) {
      if (denied.some((d) => d.address === address && d.port === port)) {
        return { allowed: false, reason: `denied origin (${address}:${port} is the workbench)` };
      }
    }
    return { allowed: true, addresses };
  }
}
