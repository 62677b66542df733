// The one place the sandbox starts Chromium: Debian's binary, fixed hardening flags, fresh throwaway profiles, locked-down contexts.
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Flags from the architecture decision; nothing else is added. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** `WATCHFLOOR_CHROMIUM` or `/usr/bin/chromium`; throws a readable error when it is not an executable file. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.WATCHFLOOR_CHROMIUM || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${path}: install Debian's chromium (apt-get install -y chromium) or set WATCHFLOOR_CHROMIUM`);
  }
  return path;
}

/**
 * Options every sandbox context gets: downloads accepted (into the browser's temp folder, never opened), no service workers,
 * no permissions, no stored state, all traffic through the run's egress proxy (loopback included: Playwright adds `<-loopback>`).
 */
export function sandboxContextOptions(proxyUrl: string): BrowserContextOptions {
  return {
    acceptDownloads: true,
    serviceWorkers: 'block',
    permissions: [],
    javaScriptEnabled: true,
    bypassCSP: false,
    ignoreHTTPSErrors: false,
    viewport: { ...VIEWPORT },
    proxy: { server: proxyUrl, bypass: '' },
  };
}

/**
 * A browser shared between runs (tests, batch jobs). Playwright starts it with a fresh empty `--user-data-dir` in the temp
 * folder and deletes it on close; each run then opens its own context (`openRunContext`), which shares nothing with other runs.
 */
export async function launchSandboxBrowser(options: { executablePath?: string; downloadsPath?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS],
    ...(options.downloadsPath ? { downloadsPath: options.downloadsPath } : {}),
    handleSIGINT: false,
    handleSIGTERM: false,
  });
}

export interface RunContext {
  context: BrowserContext;
  /** The run's own temp folder (profile and downloads) when it launched its own browser. */
  tempDir: string | null;
  close(): Promise<void>;
}

/**
 * A context for one run. With `browser`, a new isolated context in it; without, a browser of its own on a fresh empty
 * profile (`<tmp>/wf-url-XXXX/profile`, deleted with the downloads folder when the run closes).
 */
export async function openRunContext(proxyUrl: string, browser?: Browser): Promise<RunContext> {
  const options = sandboxContextOptions(proxyUrl);
  if (browser) {
    const context = await browser.newContext(options);
    return { context, tempDir: null, close: () => context.close().catch(() => undefined) };
  }
  const executablePath = chromiumPath();
  const tempDir = await mkdtemp(join(tmpdir(), 'wf-url-'));
  const remove = (): Promise<void> => rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
  try {
    const context = await chromium.launchPersistentContext(join(tempDir, 'profile'), {
      ...options,
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      downloadsPath: join(tempDir, 'downloads'),
      handleSIGINT: false,
      handleSIGTERM: false,
    });
    return {
      context,
      tempDir,
      close: async () => {
        await context.close().catch(() => undefined);
        await remove();
      },
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
