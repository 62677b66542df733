// End to end through a real Squid: a browser downloads a page and executables; SOC119 fires for exactly the executables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDetector } from '../src/detect/detector.ts';
import { ingestFile } from '../src/events/ingest.ts';
import { listAlerts } from '../src/soc/alerts-query.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { startSquid, TEST_LOGFORMAT, type SquidProxy } from './helpers/squid.ts';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.90 Safari/537.36';
const PE = readFileSync(fileURLToPath(new URL('./fixtures/pe/hello-x64.exe', import.meta.url)));
const MSI_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The origin: an HTML page, a PE .exe, an .msi, and a PE without extension sent as application/x-dosexec. */
const ROUTES: Record<string, { type: string; body: Buffer }> = {
  '/index.html': { type: 'text/html; charset=utf-8', body: Buffer.from('<!doctype html><title>Downloads</title><a href="/files/setup.exe">setup</a>') },
  '/files/setup.exe': { type: 'application/octet-stream', body: PE },
  '/files/installer.msi': { type: 'application/x-msi', body: Buffer.concat([MSI_MAGIC, Buffer.alloc(4096)]) },
  '/download?id=42': { type: 'application/x-dosexec', body: PE },
  '/logo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
};

let origin: Server;
let originPort = 0;
let squid: SquidProxy;

before(async () => {
  origin = createServer((req, res) => {
    const route = ROUTES[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'content-length': route.body.length }).end(route.body);
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
  originPort = (origin.address() as { port: number }).port;
  squid = await startSquid();
});

after(async () => {
  await squid?.stop();
  await new Promise((r) => origin?.close(r));
});

function viaProxy(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: squid.port, method: 'GET', path: `http://127.0.0.1:${originPort}${path}`, headers: { 'user-agent': CHROME, host: `127.0.0.1:${originPort}` } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end();
  });
}

test('SOC119 fires on the executables downloaded through squid, and on nothing else', async () => {
  const paths = Object.keys(ROUTES);
  for (const path of paths) assert.equal(await viaProxy(path), 200, path);
  const lines = await squid.waitForLines(paths.length);
  assert.equal(lines.length, paths.length, lines.join("\n"));
  assert.match(lines.find((l) => l.includes('/download?'))!, /application\/x-dosexec "Mozilla\/5\.0 /);

  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'wf-squid-store-')), 'w.db'));
  const detector = loadDetector();
  assert.equal(detector.rejected.length, 0, JSON.stringify(detector.rejected));
  const summary = await ingestFile(store, squid.accessLog, { squidLogformat: TEST_LOGFORMAT, detect: (e) => detector.detect(e) });
  assert.deepEqual([summary.format, summary.ingested, summary.rejected], ['squid-logformat', paths.length, 0]);

  const { alerts } = await listAlerts(store, { rule: 'SOC119' });
  const urls = alerts.map((a) => a.fields.find((f) => f.label === 'Request URL')!.value).sort();
  const base = `http://127.0.0.1:${originPort}`;
  // squid strips query terms from what it logs (strip_query_terms on, its default)
  assert.deepEqual(urls, [`${base}/download?`, `${base}/files/installer.msi`, `${base}/files/setup.exe`]);
  for (const alert of alerts) {
    const field = (label: string) => alert.fields.find((f) => f.label === label)!.value;
    assert.equal(field('User Agent'), CHROME);
    assert.equal(field('Source Address'), '127.0.0.1');
    assert.equal(field('Device Action'), 'Allowed');
    assert.equal(alert.type, 'Proxy');
  }
  const all = await listAlerts(store);
  assert.ok(all.alerts.every((a) => !a.fields.some((f) => f.value?.endsWith('/index.html') || f.value?.endsWith('/logo.png'))), 'the page and the image raise nothing');
  await store.close();
});
