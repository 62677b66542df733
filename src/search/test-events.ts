// Test support: a few hundred hand-built proxy events (IPv4 and IPv6, .exe downloads, users, agents) in a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventFields, FieldValue, WatchEvent } from '../events/event.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';

export const BASE_TIME = Date.parse('2024-03-01T08:00:00Z');

const CLIENTS = ['10.0.0.5', '10.0.0.17', '10.0.3.200', '172.16.5.4', '172.31.255.9', '172.32.0.1', '192.168.1.10', '2001:db8::1', '2001:db8:0:1::ab', 'fe80::1'];
const DOMAINS = ['www.example.com', 'downloads.win-rar.com', 'cdn.jsdelivr.net', 'update.microsoft.com', 'files.example.org', 'login.contoso.com'];
const PATHS = ['/', '/index.html', '/downloads/winrar-x64-624.exe', '/api/v1/items?id=5&q=test', '/setup_v2.EXE', '/a_b%20c.exe', '/images/logo.png', '/search?q=near(x)'];
const USERS = ['alice', 'Bob', 'CORP\\carol', 'ADMIN', 'admin', 'Admin', 'dave.o'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0 Safari/537.36',
  'curl/8.4.0',
  'Microsoft-CryptoAPI/10.0',
  'python-requests/2.31.0',
];
const STATUSES = [200, 200, 200, 304, 301, 403, 404, 404, 500, 503];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'CONNECT', 'get'];
const TAGS: FieldValue[] = [['malware', 'exe'], ['benign'], 'single', ['exe']];

/** Deterministic pseudo-random numbers (a small LCG), so every run builds the same events. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export function buildEvents(count = 320): WatchEvent[] {
  const r = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const events: WatchEvent[] = [];
  let ts = BASE_TIME;
  for (let i = 0; i < count; i++) {
    if (i % 10 !== 3) ts += Math.floor(r() * 90_000);
    const domain = pick(DOMAINS);
    const path = pick(PATHS);
    const url = `http://${domain}${path}`;
    const status = pick(STATUSES);
    const method = pick(METHODS);
    const client = pick(CLIENTS);
    const bytes = Math.floor(r() * 50_000);
    const fields: EventFields = {
      '@timestamp': new Date(ts).toISOString(),
      'event.dataset': i % 25 === 0 ? 'firewall' : 'proxy',
      'source.ip': client,
      'source.port': 40_000 + (i % 500),
      'destination.ip': i % 3 === 0 ? '93.184.216.34' : '2606:4700::6810:85e5',
      'destination.port': 80,
      'url.original': url,
      'url.domain': domain,
      'http.request.method': method,
      'http.response.status_code': status,
      'http.response.body.bytes': bytes,
      'user_agent.original': pick(AGENTS),
      'event.duration': Math.floor(r() * 2000),
    };
    if (i % 4 !== 0) fields['user.name'] = pick(USERS);
    const ext = /\.([A-Za-z0-9]+)$/.exec(path.split('?')[0]!);
    if (ext) fields['url.extension'] = ext[1]!.toLowerCase();
    if (path.includes('?')) fields['url.query'] = path.slice(path.indexOf('?') + 1);
    if (i % 3 === 1) fields['tags'] = pick(TAGS);
    if (i % 7 === 2) fields['threat.verdict'] = i % 2 === 0 ? 'Malicious' : 'clean';
    const user = fields['user.name'] ?? '-';
    const extra = i % 50 === 7 ? ' note: NEAR(alpha beta) "quoted" ^caret col:on star* x' : '';
    const raw = `${(ts / 1000).toFixed(3)} ${bytes % 997} ${client} TCP_MISS/${status} ${bytes} ${method} ${url} ${String(user)} HIER_DIRECT/${String(fields['destination.ip'])} text/html${extra}`;
    events.push({ timestamp: ts, fields, raw });
  }
  events.push({
    timestamp: ts + 1000,
    fields: { '@timestamp': new Date(ts + 1000).toISOString(), 'event.dataset': 'proxy', 'source.ip': '10.9.9.9' },
    raw: `injection '; DROP TABLE events; -- connection refused by upstream`,
  });
  return events;
}

export interface TestStore {
  store: EventStore;
  events: WatchEvent[];
  /** Store id of each event, by its index in `events`. */
  ids: number[];
  close(): Promise<void>;
}

/** A fresh SQLite file in a temporary folder, loaded with `events`. */
export async function openTestStore(events: WatchEvent[] = buildEvents()): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'watchfloor-search-'));
  const store = await openSqliteStore(join(dir, 'events.db'));
  const ids = await store.insertEvents(events);
  return {
    store,
    events,
    ids,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
