// Generates a realistic, deterministic Squid combined access log for the benchmark.
import { createWriteStream } from 'node:fs';
import { Random } from './random.ts';

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:86.0) Gecko/20100101 Firefox/86.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36 Edg/89.0.774.57',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 11_2_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.3 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.82 Safari/537.36',
  'Microsoft-CryptoAPI/10.0',
  'Microsoft BITS/7.8',
  'Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.0',
  'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.610',
  'curl/7.68.0',
  'Wget/1.20.3 (linux-gnu)',
  'python-requests/2.25.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 14_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.105 Mobile Safari/537.36',
];
const WORDS = ['news', 'mail', 'cdn', 'static', 'api', 'shop', 'blog', 'media', 'app', 'cloud', 'docs', 'portal', 'update', 'files', 'img', 'video', 'secure', 'login', 'data', 'web'];
const NAMES = ['acme', 'contoso', 'fabrikam', 'northwind', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'soylent', 'wonka', 'oscorp', 'aperture'];
const TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'ru', 'cn', 'info', 'biz', 'xyz', 'online', 'com.tr', 'it'];
const PAGES = ['index.html', 'home', 'search', 'article', 'product', 'login', 'account', 'cart', 'watch', 'feed'];
const STATIC = ['app.js', 'main.css', 'logo.png', 'hero.jpg', 'font.woff2', 'vendor.js', 'icon.svg', 'data.json'];
const EXECUTABLES = ['setup.exe', 'installer.msi', 'update.exe', 'winrar-x64-602.exe', 'chrome_installer.exe', 'tool.dll', 'invoice.scr', 'agent.exe'];
const RESULTS = ['TCP_MISS:HIER_DIRECT', 'TCP_MISS:HIER_DIRECT', 'TCP_MISS:HIER_DIRECT', 'TCP_HIT:HIER_NONE', 'TCP_REFRESH_MODIFIED:HIER_DIRECT', 'TCP_MEM_HIT:HIER_NONE'];
const USERS = ['-', '-', '-', 'susie', 'john.doe', 'admin', 'svc_backup', 'a.kaya', 'm.smith'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface GeneratedLog {
  path: string;
  events: number;
  /** Values the benchmark searches for: each occurs in the log. */
  probes: { clientIps: string[]; domains: string[]; urlFragments: string[]; selectiveUrlFragments: string[]; words: string[] };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function squidTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The client and domain pools, drawn first from the seed: a generated file's pools can be rebuilt without rewriting it. */
function pools(rnd: Random): { clients: string[]; domains: string[] } {
  const clients = Array.from({ length: 4000 }, (_, i) => `10.${(i >> 12) & 255}.${(i >> 6) & 63}.${(i & 63) + 10}`)
    .concat(Array.from({ length: 1000 }, (_, i) => `172.16.${(i >> 8) & 255}.${i & 255}`));
  const domains = Array.from({ length: 40_000 }, (_, i) => {
    const sub = rnd.next() < 0.7 ? `${rnd.pick(WORDS)}.` : '';
    return `${sub}${rnd.pick(NAMES)}${i}.${rnd.pick(TLDS)}`;
  });
  return { clients, domains };
}

/** Values the benchmark searches for; each occurs in a file generated with the same seed. */
export function squidProbes(seed = 83): GeneratedLog['probes'] {
  const { clients, domains } = pools(new Random(seed));
  return {
    clientIps: Array.from({ length: 20 }, (_, k) => clients[clients.length - 1 - k * 37]!),
    domains: Array.from({ length: 20 }, (_, k) => domains[2000 + k * 611]!),
    urlFragments: ['winrar-x64', 'chrome_installer', 'invoice.scr', 'download/999/'],
    // page URLs carry ?id=N&ref= with N under 100,000: each of these stands in about 1 in 220,000 lines
    selectiveUrlFragments: Array.from({ length: 10 }, (_, k) => `?id=${4242 + k * 9001}&`),
    words: Array.from({ length: 20 }, (_, k) => domains[3000 + k * 503]!.split('.').find((label) => /\d/.test(label))!),
  };
}

export async function generateSquidCombined(path: string, events: number, seed = 83): Promise<GeneratedLog> {
  const rnd = new Random(seed);
  const { clients, domains } = pools(rnd);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const start = Date.UTC(2021, 2, 1);
  const step = (30 * 86_400_000) / events;
  let buffer = '';
  for (let i = 0; i < events; i++) {
    const ms = start + Math.floor(i * step);
    const client = clients[rnd.skewed(clients.length)]!;
    const domain = domains[rnd.skewed(domains.length)]!;
    const user = rnd.pick(USERS);
    const roll = rnd.next();
    let method = 'GET';
    let url: string;
    let status = 200;
    let bytes = 200 + rnd.int(60_000);
    let result = rnd.pick(RESULTS);
    if (roll < 0.01) {
      url = `http://${domain}/download/${rnd.int(1000)}/${rnd.pick(EXECUTABLES)}`;
      bytes = 500_000 + rnd.int(30_000_000);
    } else if (roll < 0.2) {
      method = 'CONNECT';
      url = `${domain}:443`;
      result = 'TCP_TUNNEL:HIER_DIRECT';
    } else if (roll < 0.55) {
      url = `http://${domain}/static/${rnd.int(500)}/${rnd.pick(STATIC)}`;
    } else {
      url = `http://${domain}/${rnd.pick(PAGES)}?id=${rnd.int(100_000)}&ref=${rnd.pick(WORDS)}`;
      if (rnd.next() < 0.05) method = 'POST';
    }
    const s = rnd.next();
    if (s < 0.03) status = 404;
    else if (s < 0.04) status = 500;
    else if (s < 0.06) status = 302;
    else if (s < 0.065) {
      status = 403;
      result = 'TCP_DENIED:HIER_NONE';
      bytes = 3_500;
    }
    const referrer = rnd.next() < 0.4 ? `http://${domains[rnd.skewed(domains.length)]}/` : '-';
    buffer += `${client} - ${user} [${squidTime(ms)}] "${method} ${url} HTTP/1.1" ${status} ${bytes} "${referrer}" "${rnd.pick(USER_AGENTS)}" ${result}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, events, probes: squidProbes(seed) };
}
