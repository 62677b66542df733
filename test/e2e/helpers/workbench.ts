// End-to-end harness: the real server (buildServer) on a temp store with the EventID 83 scenario and an analyst,
// on an ephemeral port, and Debian's Chromium driven by playwright-core. Builds the web app first when web/dist is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildServer } from '../../../src/api/server.ts';
import { DEFAULT_DIST_DIR } from '../../../src/api/web-static.ts';
import { createUser } from '../../../src/auth/users.ts';
import { loadScenario } from '../../../src/scenarios/scenarios.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { EventStore } from '../../../src/store/store.ts';

export const ANALYST = { name: 'analyst.susie', password: 'Susie-e2e-Passw0rd-long' };
export const CHROMIUM_PATH = process.env.WATCHFLOOR_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Screenshots of every page: into docs/screenshots (committed, shown by the README) when WATCHFLOOR_SCREENSHOTS=1, so a
 * developer refreshes them on purpose; otherwise into a temporary folder, so a test run leaves the work tree as it was.
 */
export const SCREENSHOT_DIR = process.env.WATCHFLOOR_SCREENSHOTS === '1'
  ? join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'wf-screenshots-'));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Workbench {
  store: EventStore;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  newPage: (options?: { colorScheme?: 'light' | 'dark' }) => Promise<Page>;
  close: () => Promise<void>;
}

/** Builds web/dist once when it is missing (a fresh clone): the e2e tests drive the real bundle. */
export function ensureWebBuilt(): void {
  if (existsSync(join(DEFAULT_DIST_DIR, 'index.html'))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build:web'], { stdio: 'inherit', cwd: join(import.meta.dirname, '..', '..', '..') });
  if (result.status !== 0) throw new Error('npm run build:web failed');
}

export async function startWorkbench(): Promise<Workbench> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-e2e-'));
  const store = await openSqliteStore(join(dataDir, 'watchfloor.db'));
  await loadScenario(store, 'soc119-event83');
  await createUser(store, { name: ANALYST.name, role: 'analyst', password: ANALYST.password }, { actor: 'e2e' });
  const app = await buildServer({ store, dataDir });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // launch() runs Chromium on a fresh temporary profile of its own, removed when the browser closes
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    store,
    app,
    baseUrl: address,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        timezoneId: 'Europe/Istanbul',
        locale: 'en-US',
        colorScheme: options.colorScheme ?? 'dark',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form (as the analyst unless told) and waits for the app shell. */
export async function logIn(page: Page, baseUrl: string, path = '/monitoring', user: { name: string; password: string } = ANALYST): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Saves a 1440×900 screenshot of the page to SCREENSHOT_DIR/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(400); // let dialog and notification transitions settle
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Waits until the locator matches exactly `count` elements (a list after a search, a delete). */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} elements, found ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await locator.count();
  }
}

/** Waits until the element's text is no longer `text` (a figure that fills in once data arrives). */
export async function waitForTextChange(locator: Locator, text: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let current = await locator.innerText();
  while (current === text) {
    if (Date.now() > deadline) throw new Error(`the text stayed ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await locator.innerText();
  }
  return current;
}
