// Per-run forward proxy in front of the sandbox browser: every connection (redirect hops, tunnels, sockets) is checked against the destination policy, pinned to the vetted address and byte-capped.
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { DestinationPolicy } from './destination-policy.ts';

export interface ProxyBlock {
  /** The URL (plain HTTP) or `https://host:port` (tunnel) that was refused. */
  url: string;
  reason: string;
}

/** One proxied HTTP exchange or tunnel, as it left through the proxy. */
export interface ProxyExchange {
  url: string;
  method: string;
  status: number | null;
  /** Bytes received from the destination (body for HTTP, everything for a tunnel). */
  bytes: number;
}

export interface EgressProxyOptions {
  policy: DestinationPolicy;
  /** One response body or tunnel larger than this is cut (the download cap). */
  maxResponseBytes: number;
  /** All bytes received from destinations in this run; past it everything is cut and `onTotalExceeded` fires once. */
  maxTotalBytes: number;
  onBlocked?: (block: ProxyBlock) => void;
  onCut?: (what: string, bytes: number) => void;
  onTotalExceeded?: () => void;
}

export interface EgressProxy {
  /** `http://127.0.0.1:PORT`, for the browser's `proxy.server`. */
  url: string;
  /** Bytes received from destinations so far. */
  readonly totalBytes: number;
  readonly blocked: ProxyBlock[];
  /** Allowed exchanges, at most 2,000 (the first ones). */
  readonly exchanges: ProxyExchange[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/** Splits `host:port` / `[v6]:port` from a CONNECT line. */
export function parseAuthority(authority: string): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(authority);
  if (!m?.[1] || !m[2]) return null;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1], port } : null;
}

/** Starts the proxy on 127.0.0.1 (ephemeral port). */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const sockets = new Set<Duplex>();
  const blocked: ProxyBlock[] = [];
  const exchanges: ProxyExchange[] = [];
  const log = (e: ProxyExchange): ProxyExchange => {
    if (exchanges.length < 2_000) exchanges.push(e);
    return e;
  };
  let totalBytes = 0;
  let exceeded = false;

  const block = (url: string, reason: string): void => {
    blocked.push({ url, reason });
    options.onBlocked?.({ url, reason });
  };
  /** Counts received bytes; false when the stream must be cut. */
  const account = (perStream: ProxyExchange, n: number, what: string): boolean => {
    perStream.bytes += n;
    totalBytes += n;
    if (totalBytes > options.maxTotalBytes) {
      if (!exceeded) {
        exceeded = true;
        options.onTotalExceeded?.();
      }
      return false;
    }
    if (perStream.bytes > options.maxResponseBytes) {
      options.onCut?.(what, perStream.bytes);
      return false;
    }
    return true;
  };
  const track = (s: Duplex): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const target = req.url ?? '';
      if (!/^https?:\/\//i.test(target)) {
        res.writeHead(400).end('not a proxy request');
        return;
      }
      if (exceeded) {
        block(target, 'total byte budget exhausted');
        req.socket.destroy();
        return;
      }
      const verdict = await options.policy.checkUrl(target);
      if (!verdict.allowed) {
        block(target, verdict.reason);
        req.socket.destroy();
        return;
      }
      const u = new URL(target);
      const upstream = http.request({
        host: verdict.addresses[0], port: u.port || 80, method: req.method, path: `${u.pathname}${u.search}`,
        headers: { ...endToEnd(req.headers), host: u.host }, agent: false, setHost: false,
      });
      upstream.on('socket', track);
      upstream.on('error', () => req.socket.destroy());
      upstream.on('response', (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, endToEnd(up.headers));
        const counter = log({ url: target, method: req.method ?? 'GET', status: up.statusCode ?? null, bytes: 0 });
        up.on('data', (chunk: Buffer) => {
          if (!account(counter, chunk.length, target)) {
            up.destroy();
            req.socket.destroy();
            return;
          }
          if (!res.write(chunk)) up.pause();
        });
        res.on('drain', () => up.resume());
        up.on('end', () => res.end());
        up.on('error', () => req.socket.destroy());
      });
      req.pipe(upstream);
    })().catch(() => req.socket.destroy());
  });

  server.on('connection', track);
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    block(req.url ?? '', 'protocol upgrade without a tunnel');
    socket.destroy();
  });
  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    void (async () => {
      const authority = parseAuthority(req.url ?? '');
      const label = `https://${req.url ?? ''}`;
      if (!authority) {
        block(label, 'malformed CONNECT target');
        client.destroy();
        return;
      }
      const verdict = exceeded ? { allowed: false as const, reason: 'total byte budget exhausted' } : await options.policy.checkEndpoint(authority.host, authority.port);
      if (!verdict.allowed) {
        block(label, verdict.reason);
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = net.connect({ host: verdict.addresses[0], port: authority.port });
      track(upstream);
      const counter = log({ url: label, method: 'CONNECT', status: null, bytes: 0 });
      upstream.on('connect', () => {
        counter.status = 200;
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        client.pipe(upstream);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!account(counter, chunk.length, label)) {
          upstream.destroy();
          client.destroy();
          return;
        }
        if (!client.write(chunk)) upstream.pause();
      });
      client.on('drain', () => upstream.resume());
      upstream.on('end', () => client.end());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    })().catch(() => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('egress proxy did not bind');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get totalBytes() {
      return totalBytes;
    },
    blocked,
    exchanges,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
