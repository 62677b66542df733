// Data and build helpers of the UI benchmark: realistic alerts written in bulk, the web build when it is stale, and the
// gzipped size of the built bundle (everything, and what the first page load fetches).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AlertWrite, EventStore } from '../src/store/store.ts';
import { Random } from './random.ts';

const ROOT = join(import.meta.dirname, '..');
export const WEB_DIR = join(ROOT, 'web');
export const DIST_DIR = join(WEB_DIR, 'dist');

const RULES: { code: string; name: string; type: string; family: string; playbook: string }[] = [
  { code: 'SOC119', name: 'Proxy - Malicious Executable File Detected', type: 'Proxy', family: 'proxy', playbook: 'proxy' },
  { code: 'SOC102', name: 'Proxy - Suspicious URL Detected', type: 'Proxy', family: 'proxy', playbook: 'proxy' },
  { code: 'SOC104', name: 'Malware Detected', type: 'Malware', family: 'malware', playbook: 'malware' },
  { code: 'SOC101', name: 'Phishing Mail Detected', type: 'Exchange', family: 'exchange', playbook: 'phishing' },
  { code: 'SOC127', name: 'SQL Injection Detected', type: 'Web Attack', family: 'web', playbook: 'web-attack' },
  { code: 'SOC176', name: 'RDP Brute Force Detected', type: 'Brute Force', family: 'brute-force', playbook: 'brute-force' },
  { code: 'SOC110', name: 'Proxy - Cryptojacking Detected', type: 'Proxy', family: 'proxy', playbook: 'proxy' },
  { code: 'SOC105', name: 'Requested T.I. URL address', type: 'ThreatIntel', family: 'proxy', playbook: 'proxy' },
];
const SEVERITIES = ['Low', 'Medium', 'Medium', 'High', 'High', 'Critical'];
/** A whole number in [lo, hi]. */
const between = (rnd: Random, lo: number, hi: number): number => lo + rnd.int(hi - lo + 1);
const FILES = ['winrar-x64-602.exe', 'update.exe', 'invoice.scr', 'setup.msi', 'chrome_installer.exe'];

/** `count` alerts over the 30 days before 2021-03-22, written in batches of 5,000 through store.writeAlerts. */
export async function writeBenchAlerts(store: EventStore, count: number, seed = 119): Promise<void> {
  const rnd = new Random(seed);
  const end = Date.UTC(2021, 2, 22);
  for (let done = 0; done < count; ) {
    const batch: AlertWrite[] = [];
    for (; batch.length < 5_000 && done < count; done++) {
      const rule = rnd.pick(RULES);
      const src = `172.16.${between(rnd, 0, 40)}.${between(rnd, 2, 254)}`;
      const dst = `${between(rnd, 11, 220)}.${between(rnd, 0, 255)}.${between(rnd, 0, 255)}.${between(rnd, 1, 254)}`;
      const file = rnd.pick(FILES);
      batch.push({
        ruleKey: `bench-${rule.code.toLowerCase()}`, ruleCode: rule.code, ruleName: rule.name, type: rule.type, family: rule.family, playbook: rule.playbook,
        severity: rnd.pick(SEVERITIES), tier: 'Security Analyst', eventTime: end - between(rnd, 0, 30 * 86_400_000),
        fields: [
          ['Source Address', src], ['Source Hostname', `WS-${between(rnd, 100, 999)}`], ['Destination Address', dst],
          ['Destination Hostname', `cdn${between(rnd, 1, 99)}.example-${between(rnd, 1, 5000)}.com`], ['Username', rnd.pick(['susie', 'john.doe', 'a.kaya', 'm.smith'])],
          ['Request URL', `https://cdn${between(rnd, 1, 99)}.example-${between(rnd, 1, 5000)}.com/download/${file}`], ['User Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'],
          ['Device Action', rnd.pick(['Allowed', 'Blocked'])],
        ],
        mitre: ['T1204'], hint: null, trigger: `url.path matches *.exe (${file})`, suppressKey: null, suppressWindowMs: null, eventIds: [],
      });
    }
    await store.writeAlerts(batch);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than web/src; returns true when it built. */
export function buildWebIfNeeded(): boolean {
  const index = join(DIST_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(WEB_DIR, 'src')), statSync(join(WEB_DIR, 'index.html')).mtimeMs)) return false;
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npm run build:web failed');
  return true;
}

const gz = (path: string): number => gzipSync(readFileSync(path), { level: 9 }).length;

/** Gzipped bytes of every JS and CSS file of the build, and of what index.html loads before any page's own chunk. */
export function bundleSizes(): { total: number; files: number; firstLoad: number } {
  const assets = join(DIST_DIR, 'assets');
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const total = files.reduce((n, f) => n + gz(join(assets, f)), 0);
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const firstLoad = gz(join(DIST_DIR, 'index.html')) + referenced.reduce((n, f) => n + gz(join(assets, f)), 0);
  return { total, files: files.length, firstLoad };
}
