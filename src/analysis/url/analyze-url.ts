// analyzeUrl: one sandboxed browser visit (policy-checked, proxied, budgeted) producing a report with chain, requests, screenshot and analysed downloads.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errors, type Download, type Page } from 'playwright-core';
import { openRunContext, type RunContext } from './browser.ts';
import { capturePage } from './capture.ts';
import { settle, sleep, Tripwire, within } from './deadline.ts';
import { DestinationPolicy } from './destination-policy.ts';
import { DownloadCollector, type CutStream } from './downloads.ts';
import { startEgressProxy } from './egress-proxy.ts';
import { readPngHeader } from './png.ts';
import { RunRecorder, type StopReason } from './run-recorder.ts';
import { DEFAULT_BUDGETS, type AnalyzeUrlOptions, type UrlBudgets, type UrlReport, type UrlRunStatus } from './url-report.ts';

/** Quiet period (no request in flight, no event) that ends the settle phase early once `settleMs` has passed. */
const QUIET_MS = 500;

export function resolveBudgets(options: Partial<UrlBudgets>): UrlBudgets {
  const b: UrlBudgets = { ...DEFAULT_BUDGETS };
  for (const key of Object.keys(DEFAULT_BUDGETS) as (keyof UrlBudgets)[]) {
    const v = options[key];
    if (v !== undefined) {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`${key} must be a non-negative number`);
      b[key] = v;
    }
  }
  return b;
}

function emptyReport(url: string, started: number): UrlReport {
  return {
    url, status: 'ok', statusDetail: null, finalUrl: null, title: null, redirectChain: [], requests: [], blocked: [], downloads: [],
    screenshot: null, consoleErrors: [], pageErrors: [], domNodes: null, limitsHit: [], bytesReceived: 0, warnings: [],
    timings: { startedAt: new Date(started).toISOString(), launchMs: 0, navigationMs: 0, settleMs: 0, captureMs: 0, downloadsMs: 0, totalMs: 0 },
  };
}

type NavOutcome =
  | { kind: 'loaded' }
  | { kind: 'download' }
  | { kind: 'timeout' }
  | { kind: 'stopped' }
  | { kind: 'error'; message: string };

async function navigate(page: Page, url: string, timeoutMs: number, stop: Tripwire<StopReason>): Promise<NavOutcome> {
  const started = Date.now();
  const attempt = page.goto(url, { timeout: Math.max(1, timeoutMs), waitUntil: 'load' }).then(
    (): NavOutcome => ({ kind: 'loaded' }),
    (err: unknown): NavOutcome => {
      if (err instanceof errors.TimeoutError) return { kind: 'timeout' };
      const message = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
      if (message.includes('Download is starting')) return { kind: 'download' };
      return { kind: 'error', message };
    },
  );
  let outcome = await Promise.race([attempt, stop.promise.then((): NavOutcome => ({ kind: 'stopped' }))]);
  if (outcome.kind === 'error' && /interrupted by another navigation|frame was detached/i.test(outcome.message)) {
    // A script or meta refresh moved on before `load`: wait for the page it went to.
    const rest = timeoutMs - (Date.now() - started);
    const waited = page.waitForLoadState('load', { timeout: Math.max(1, rest) }).then(
      (): NavOutcome => ({ kind: 'loaded' }),
      (err: unknown): NavOutcome => (err instanceof errors.TimeoutError ? { kind: 'timeout' } : { kind: 'loaded' }),
    );
    outcome = await Promise.race([waited, stop.promise.then((): NavOutcome => ({ kind: 'stopped' }))]);
  }
  return outcome;
}

/** After `load`: give scripts `settleMs` to navigate or start downloads, then wait for a quiet network, never past `until`. */
async function settlePage(recorder: RunRecorder, settleMs: number, until: number, stop: Tripwire<StopReason>): Promise<void> {
  const started = Date.now();
  while (Date.now() < until && stop.reason === null) {
    const now = Date.now();
    if (now - started >= settleMs && recorder.inflight === 0 && now - recorder.lastActivity >= QUIET_MS) return;
    await sleep(Math.min(100, until - now));
  }
}

async function saveScreenshot(dataDir: string, png: Uint8Array, sha256: string): Promise<string> {
  const folder = join(dataDir, 'screenshots');
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${sha256}.png`);
  await writeFile(path, png, { flag: 'wx', mode: 0o644 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return path;
}

const STOP_DETAIL: Record<StopReason, (b: UrlBudgets) => string> = {
  too_many_redirects: (b) => `more than ${b.maxRedirects} redirects or page navigations: stopped`,
  too_many_requests: (b) => `more than ${b.maxRequests} requests: stopped`,
  too_large: (b) => `more than ${b.maxTotalBytes} bytes received: stopped`,
};

/**
 * Visits `url` in a throwaway browser context and reports what happened. Never throws for hostile pages: the outcome is in
 * `status`. A URL the policy refuses (private address, `localhost`, denied origin, bad scheme) is reported without launching.
 */
export async function analyzeUrl(url: string, options: AnalyzeUrlOptions = {}): Promise<UrlReport> {
  const started = Date.now();
  const budgets = resolveBudgets(options);
  const deadline = started + budgets.timeoutMs;
  const left = (): number => deadline - Date.now();
  const report = emptyReport(url, started);
  const setStatus = (status: UrlRunStatus, detail: string | null): void => {
    report.status = status;
    report.statusDetail = detail;
  };
  const policy = new DestinationPolicy(options);
  const first = await policy.checkUrl(url);
  if (!first.allowed) {
    const invalid = first.reason === 'invalid URL' || first.reason.startsWith('scheme');
    setStatus(invalid ? 'invalid_url' : 'refused_destination', `${url}: ${first.reason}`);
    if (!invalid) report.blocked.push({ url, reason: first.reason, by: 'route', resourceType: 'document' });
    report.timings.totalMs = Date.now() - started;
    return report;
  }

  const stop = new Tripwire<StopReason>();
  const cuts: CutStream[] = [];
  const limits = new Set<keyof UrlBudgets>();
  const proxy = await startEgressProxy({
    policy, maxResponseBytes: budgets.maxDownloadBytes, maxTotalBytes: budgets.maxTotalBytes,
    onCut: (what, bytes) => {
      cuts.push({ what, bytes });
      limits.add('maxDownloadBytes');
    },
    onTotalExceeded: () => {
      cuts.push({ what: '*', bytes: budgets.maxTotalBytes });
      limits.add('maxTotalBytes');
      stop.trip('too_large');
    },
  });
  let run: RunContext | null = null;
  try {
    try {
      run = await openRunContext(proxy.url, options.browser);
    } catch (err) {
      setStatus('browser_error', err instanceof Error ? err.message : String(err));
      report.timings.totalMs = Date.now() - started;
      return report;
    }
    report.timings.launchMs = Date.now() - started;
    const { context } = run;
    const page = context.pages()[0] ?? (await context.newPage());
    const recorder = new RunRecorder(page, budgets, policy, stop);
    await recorder.attach(context);
    const downloads = new DownloadCollector({ dataDir: options.dataDir, fileOptions: options.fileOptions, maxBytes: budgets.maxDownloadBytes }, cuts);
    const onDownload = (d: Download): void => {
      recorder.markDownloadHop(d.url());
      downloads.handle(d);
    };
    page.on('download', onDownload);
    context.on('page', (p) => p.on('download', onDownload));

    // Keep a reserve after navigation for the capture and downloads.
    const reserve = Math.min(8_000, Math.floor(budgets.timeoutMs * 0.3));
    let phase = Date.now();
    const nav = await navigate(page, url, Math.min(budgets.navigationTimeoutMs, left() - reserve), stop);
    report.timings.navigationMs = Date.now() - phase;
    if (nav.kind === 'timeout') {
      limits.add('navigationTimeoutMs');
      setStatus('timeout', `the page did not finish loading within ${report.timings.navigationMs} ms; reported what was captured`);
    } else if (nav.kind === 'error') {
      if (/ERR_TOO_MANY_REDIRECTS/.test(nav.message)) {
        limits.add('maxRedirects');
        setStatus('too_many_redirects', nav.message);
      } else setStatus('navigation_error', nav.message);
    }

    phase = Date.now();
    if (nav.kind === 'loaded' || nav.kind === 'download') await settlePage(recorder, budgets.settleMs, deadline - reserve, stop);
    report.timings.settleMs = Date.now() - phase;

    phase = Date.now();
    if (!page.isClosed()) {
      const capture = await capturePage(page, Math.max(0, Math.min(left() - 1_000, reserve)), budgets.maxDomNodes);
      report.title = capture.title;
      report.domNodes = capture.domNodes;
      report.warnings.push(...capture.warnings);
      if (capture.domNodes !== null && capture.domNodes > budgets.maxDomNodes) limits.add('maxDomNodes');
      const header = capture.png ? readPngHeader(capture.png) : null;
      if (capture.png && header) {
        const sha256 = createHash('sha256').update(capture.png).digest('hex');
        const path = options.dataDir ? await saveScreenshot(options.dataDir, capture.png, sha256) : null;
        report.screenshot = { png: capture.png, width: header.width, height: header.height, sha256, path };
      }
      // After a refused or aborted navigation Chromium shows its error page; the last URL the page tried is the useful one.
      report.finalUrl = page.url().startsWith('chrome-error:') ? (recorder.chain.at(-1)?.url ?? page.url()) : page.url();
    }
    report.timings.captureMs = Date.now() - phase;

    phase = Date.now();
    await downloads.finish(left() - 300);
    if (downloads.records.some((d) => d.status === 'incomplete')) limits.add('timeoutMs');
    report.timings.downloadsMs = Date.now() - phase;

    await recorder.flushSizes(Math.min(1_000, Math.max(0, left())));
    recorder.addProxyBlocks(proxy.blocked);
    recorder.addDownloadRequests(downloads.records, proxy.exchanges);
    report.redirectChain = recorder.chain;
    report.requests = recorder.requests;
    report.blocked = recorder.blocked;
    report.downloads = downloads.records;
    report.consoleErrors = recorder.consoleErrors;
    report.pageErrors = recorder.pageErrors;
    for (const l of recorder.limitsHit) limits.add(l);

    const last = recorder.chain.at(-1);
    if (stop.reason !== null) setStatus(stop.reason, STOP_DETAIL[stop.reason](budgets));
    else if (last?.blocked && report.status !== 'too_many_redirects') setStatus('refused_destination', `${last.url}: ${last.blocked}`);
  } finally {
    if (run) {
      const closing = run.close();
      if ((await within(closing, 10_000)) !== undefined) report.warnings.push('browser did not close within 10 s');
    }
    await settle(proxy.close(), 2_000, undefined);
  }
  report.bytesReceived = proxy.totalBytes;
  report.limitsHit = [...limits];
  report.timings.totalMs = Date.now() - started;
  return report;
}
