// End-to-end tests of analyzeUrl against Debian's chromium and a local origin: chain, screenshot, analysed download, hostile pages, refusals.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { analyzeUrl } from './analyze-url.ts';
import { launchSandboxBrowser } from './browser.ts';
import { countPngColours, readPngHeader } from './png.ts';
import { startFakeWorkbench, startTestOrigin, type TestOrigin } from './test-origin.ts';

const FIXTURE = new URL('../../../test/fixtures/pe/signed-x64.exe', import.meta.url).pathname;
const exe = readFileSync(FIXTURE);
const exeSha256 = createHash('sha256').update(exe).digest('hex');

let origin: TestOrigin;
let workbench: Awaited<ReturnType<typeof startFakeWorkbench>>;
let browser: Browser;
let dataDir = '';

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wf-url-test-'));
  workbench = await startFakeWorkbench();
  origin = await startTestOrigin(exe, workbench.origin);
  browser = await launchSandboxBrowser();
});
after(async () => {
  await browser?.close();
  await origin?.close();
  await workbench?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Options of a test run: loopback allowed explicitly, the fake workbench denied. */
const loopback = (extra: Parameters<typeof analyzeUrl>[1] = {}): Parameters<typeof analyzeUrl>[1] => ({
  allowLoopback: true, denyOrigins: [workbench.origin], ...extra,
});

const runDirs = (): string[] => readdirSync(tmpdir()).filter((n) => /^wf-url-(?!test-)/.test(n));

describe('analyzeUrl', () => {
  it('follows 302 → 301 → page, screenshots it and analyses the signed .exe it downloads (own fresh profile, removed afterwards)', async () => {
    const before = new Set(runDirs());
    const r = await analyzeUrl(`${origin.base}/start`, loopback({ dataDir }));
    assert.equal(r.status, 'ok', r.statusDetail ?? '');
    assert.deepEqual(r.redirectChain.slice(0, 3).map((h) => [new URL(h.url).pathname, h.status, h.via]), [
      ['/start', 302, 'start'], ['/hop', 301, 'http_redirect'], ['/landing', 200, 'http_redirect'],
    ]);
    assert.equal(r.finalUrl, `${origin.base}/landing`);
    assert.equal(r.title, 'Invoice portal');

    // A real PNG of the viewport that is not blank.
    const shot = r.screenshot;
    assert.ok(shot);
    assert.deepEqual(readPngHeader(shot.png), { width: 1280, height: 800, bitDepth: 8, colourType: shot.png[25], interlace: 0 });
    assert.equal(shot.width, 1280);
    assert.equal(shot.height, 800);
    assert.ok((countPngColours(shot.png) ?? 0) > 20, 'the gradient and text give many colours');
    assert.ok(shot.path && statSync(shot.path).size === shot.png.length);

    // The download: kept, stored, analysed by the file pipeline.
    assert.equal(r.downloads.length, 1);
    const d = r.downloads[0];
    assert.ok(d);
    assert.equal(d.status, 'ok', d.error);
    assert.equal(d.suggestedFilename, 'setup.exe');
    assert.equal(d.sha256, exeSha256);
    assert.equal(d.size, exe.length);
    assert.equal(d.storedAt, join(dataDir, 'samples', exeSha256.slice(0, 2), exeSha256));
    assert.equal(statSync(d.storedAt).mode & 0o777, 0o444, 'stored read-only, never executable');
    assert.equal(d.file?.type.kind, 'pe-exe');
    assert.equal(d.file?.pe?.format, 'PE32+');
    assert.equal(d.file?.pe?.machineName, 'amd64');
    assert.equal(d.file?.authenticode?.valid, true);
    assert.equal(d.file?.authenticode?.signer?.subject, 'C=XX, O=Watchfloor Test, CN=Watchfloor Test Code Signing');

    // Every request listed with method, status, type, size; console error captured.
    const exeReq = r.requests.find((q) => q.url.endsWith('/files/setup.exe'));
    assert.equal(exeReq?.method, 'GET');
    const landing = r.requests.find((q) => q.url.endsWith('/landing'));
    assert.equal(landing?.resourceType, 'document');
    assert.equal(landing?.status, 200);
    assert.ok((landing?.size ?? 0) > 100);
    assert.ok(r.consoleErrors.some((m) => m.text === 'landing page error log'));
    assert.deepEqual(r.blocked.filter((b) => !b.unattributed), [], 'nothing the page asked for was refused (Chromium\'s own background calls may be)');
    assert.ok(r.bytesReceived > exe.length);
    assert.ok(r.timings.totalMs < 30_000 && r.timings.launchMs > 0);
    assert.deepEqual(runDirs().filter((n) => !before.has(n)), [], 'the temp profile is deleted');
  });

  it('an endless HTTP redirect loop ends with too_many_redirects within budget', async () => {
    const r = await analyzeUrl(`${origin.base}/loop/0`, loopback({ browser, maxRedirects: 5 }));
    assert.equal(r.status, 'too_many_redirects', r.statusDetail ?? '');
    assert.ok(r.limitsHit.includes('maxRedirects'));
    assert.ok(r.redirectChain.length >= 6 && r.redirectChain.every((h, i) => i === 0 || h.via === 'http_redirect'));
    assert.ok(r.timings.totalMs < 15_000, `took ${r.timings.totalMs} ms`);
  });

  it('a script navigation loop also ends with too_many_redirects', async () => {
    const r = await analyzeUrl(`${origin.base}/js-loop`, loopback({ browser, maxRedirects: 4, timeoutMs: 15_000 }));
    assert.equal(r.status, 'too_many_redirects', r.statusDetail ?? '');
    assert.ok(r.redirectChain.slice(1).every((h) => h.via === 'client_navigation'));
  });

  it('an endless download is cut at the size cap and reported', async () => {
    const cap = 2 << 20;
    const r = await analyzeUrl(`${origin.base}/endless.bin`, loopback({ browser, maxDownloadBytes: cap, timeoutMs: 15_000 }));
    const d = r.downloads[0];
    assert.equal(r.downloads.length, 1);
    assert.equal(d?.status, 'too_large', JSON.stringify(d));
    assert.ok((d?.size ?? 0) > cap && (d?.size ?? 0) < cap + (1 << 20), `cut at ${d?.size}`);
    assert.equal(d?.storedAt, null);
    assert.ok(r.limitsHit.includes('maxDownloadBytes'));
    assert.ok(r.timings.totalMs < 15_000);
  });

  it('the total byte budget stops the run with too_large', async () => {
    const r = await analyzeUrl(`${origin.base}/endless.bin`, loopback({ browser, maxTotalBytes: 1 << 20 }));
    assert.equal(r.status, 'too_large', r.statusDetail ?? '');
    assert.ok(r.limitsHit.includes('maxTotalBytes'));
    assert.equal(r.downloads[0]?.status, 'too_large');
    assert.ok(r.bytesReceived > 1 << 20 && r.bytesReceived < 3 << 20, `received ${r.bytesReceived}`);
  });

  it('a page that never finishes loading ends at the budget with a screenshot and status timeout', async () => {
    const r = await analyzeUrl(`${origin.base}/never`, loopback({ browser, timeoutMs: 8_000, navigationTimeoutMs: 3_000 }));
    assert.equal(r.status, 'timeout', r.statusDetail ?? '');
    assert.equal(r.title, 'Never finishes');
    assert.ok(r.screenshot && (countPngColours(r.screenshot.png) ?? 0) > 20);
    assert.ok(r.timings.totalMs < 10_000, `took ${r.timings.totalMs} ms`);
  });

  it('a 200k-element DOM is bounded: counted, flagged, captured or skipped within budget', async () => {
    const r = await analyzeUrl(`${origin.base}/huge`, loopback({ browser, timeoutMs: 20_000 }));
    assert.ok(['ok', 'timeout'].includes(r.status), `${r.status}: ${r.statusDetail}`);
    assert.ok((r.domNodes ?? 0) > 200_000, `dom ${r.domNodes}`);
    assert.ok(r.limitsHit.includes('maxDomNodes'));
    assert.ok(r.timings.captureMs < 9_000, `capture ${r.timings.captureMs} ms`);
    assert.ok(r.timings.totalMs < 20_000);
  });

  it('requests to private, link-local, loopback-elsewhere and the workbench are refused and listed', async () => {
    const r = await analyzeUrl(`${origin.base}/private`, loopback({ browser, allowLoopback: false, allowPrivate: ['127.0.0.1'] }));
    assert.equal(r.status, 'ok', r.statusDetail ?? '');
    const reasonFor = (url: string): string | undefined => r.blocked.find((b) => b.url.startsWith(url))?.reason;
    assert.match(reasonFor('http://10.0.0.1/') ?? '', /private address 10\.0\.0\.1/);
    assert.match(reasonFor('http://169.254.169.254/') ?? '', /link-local/);
    assert.match(reasonFor(`${workbench.origin}/api/auth/me`) ?? '', /denied origin/);
    assert.match(reasonFor('http://[::1]:1/') ?? '', /loopback address ::1/);
    // The redirect hop to 10.0.0.1 bypasses the browser's interception; the egress proxy refuses it.
    const hop = r.blocked.find((b) => b.url === 'http://10.0.0.1/secret.png');
    assert.equal(hop?.by, 'proxy');
    assert.ok(r.requests.find((q) => q.url === 'http://10.0.0.1/secret.png')?.blocked);
    assert.deepEqual(workbench.hits, [], 'the workbench server was never reached');
  });

  it('the denied workbench origin is refused even as the start URL with loopback allowed', async () => {
    const r = await analyzeUrl(`${workbench.origin}/`, loopback({ browser }));
    assert.equal(r.status, 'refused_destination');
    assert.match(r.statusDetail ?? '', /denied origin/);
    assert.deepEqual(workbench.hits, []);
  });

  it('private start URLs are refused before any browser starts', async () => {
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/', 'http://0x7f.1/', 'http://localhost/', 'http://a.localhost/', 'http://[::1]/']) {
      const r = await analyzeUrl(url, { timeoutMs: 5_000 });
      assert.equal(r.status, 'refused_destination', url);
      assert.equal(r.timings.launchMs, 0, url);
      assert.equal(r.requests.length, 0);
    }
    assert.equal((await analyzeUrl('file:///etc/passwd')).status, 'invalid_url');
    assert.equal((await analyzeUrl('not a url')).status, 'invalid_url');
  });

  it('each run gets a fresh context: a cookie planted in one run is not sent in the next', async () => {
    await analyzeUrl(`${origin.base}/cookie-set`, loopback({ browser }));
    await analyzeUrl(`${origin.base}/cookie-check`, loopback({ browser }));
    assert.ok(origin.hits.includes('/cookie-check'));
    assert.equal(origin.cookies.get('/cookie-check'), undefined);
  });
});
