// Starts Debian's squid on a loopback port with a throwaway configuration and access log, for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SQUID_BINARY = '/usr/sbin/squid';

/** Squid's native fields plus the MIME type and the browser's user agent. */
export const TEST_LOGFORMAT = '%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt "%{User-Agent}>h"';

export interface SquidProxy {
  port: number;
  accessLog: string;
  /** Waits until the access log holds `lines` lines (squid writes it as requests finish). */
  waitForLines(lines: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Squid says so in cache.log once it listens (a probing connection would itself be logged as an error line). */
function listening(cacheLog: string): boolean {
  return existsSync(cacheLog) && readFileSync(cacheLog, 'utf8').includes('Accepting HTTP Socket connections');
}

export async function startSquid(): Promise<SquidProxy> {
  if (!existsSync(SQUID_BINARY)) throw new Error(`${SQUID_BINARY} is missing: .ci/run installs Debian's squid`);
  const dir = mkdtempSync(join(tmpdir(), 'wf-squid-'));
  chmodSync(dir, 0o777); // squid drops root for the proxy user, which must write its logs here
  const port = await freePort();
  const accessLog = join(dir, 'access.log');
  const config = join(dir, 'squid.conf');
  writeFileSync(
    config,
    [
      `http_port 127.0.0.1:${port}`,
      `pid_filename ${join(dir, 'squid.pid')}`,
      `cache_log ${join(dir, 'cache.log')}`,
      `logformat watchfloor ${TEST_LOGFORMAT}`,
      `access_log stdio:${accessLog} watchfloor`,
      `coredump_dir ${dir}`,
      'cache deny all',
      'cache_mem 8 MB',
      'dns_nameservers 127.0.0.1',
      'pinger_enable off',
      'shutdown_lifetime 1 seconds',
      'http_access allow localhost',
      'http_access deny all',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SQUID_BINARY, ['-N', '-f', config], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 20_000;
  while (!listening(join(dir, 'cache.log'))) {
    if (exited || Date.now() > deadline) {
      const log = existsSync(join(dir, 'cache.log')) ? readFileSync(join(dir, 'cache.log'), 'utf8') : '';
      child.kill('SIGKILL');
      throw new Error(`squid did not start on port ${port}:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    accessLog,
    async waitForLines(lines, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const text = existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : '';
        const all = text.split('\n').filter(Boolean);
        if (all.length >= lines) return all;
        if (Date.now() > end) throw new Error(`squid's access log has ${all.length} of ${lines} lines`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}
