// Local origin for the URL sandbox tests: redirect chain to a page that downloads a signed PE, plus hostile pages (loops, endless bodies, huge DOM, private fetches).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestOrigin {
  base: string;
  /** Request paths seen, in order. */
  hits: string[];
  /** Cookie headers seen on requests, by path. */
  cookies: Map<string, string>;
  close(): Promise<void>;
}

const COLOURFUL = `<style>body{margin:0;font:24px sans-serif;background:#f4f1e8}
.bar{height:120px;background:linear-gradient(90deg,#c0392b,#f1c40f,#27ae60,#2980b9,#8e44ad)}
h1{color:#2c3e50;padding:20px}</style><div class="bar"></div>`;

function html(res: http.ServerResponse, body: string, extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...extra });
  res.end(`<!doctype html><html><head><meta charset="utf-8">${body}</html>`);
}

/** Starts the origin on 127.0.0.1 (ephemeral port). `exe` is served as /files/setup.exe; `workbench` is an origin pages try to reach. */
export async function startTestOrigin(exe: Uint8Array, workbench: string): Promise<TestOrigin> {
  const hits: string[] = [];
  const cookies = new Map<string, string>();
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://origin').pathname;
    hits.push(path);
    if (req.headers.cookie) cookies.set(path, req.headers.cookie);
    open.add(res);
    res.on('close', () => open.delete(res));
    const loop = /^\/loop\/(\d+)$/.exec(path);
    if (path === '/start') res.writeHead(302, { location: '/hop' }).end();
    else if (path === '/hop') res.writeHead(301, { location: '/landing' }).end();
    else if (path === '/landing') {
      html(res, `<title>Invoice portal</title></head><body>${COLOURFUL}<h1>Your invoice is downloading</h1>
<a id="dl" href="/files/setup.exe" download="setup.exe">setup.exe</a>
<script>console.error('landing page error log'); window.addEventListener('load', () => document.getElementById('dl').click());</script></body>`);
    } else if (path === '/files/setup.exe') {
      res.writeHead(200, { 'content-type': 'application/x-msdownload', 'content-disposition': 'attachment; filename="setup.exe"', 'content-length': exe.length });
      res.end(exe);
    } else if (loop) res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
    else if (path === '/js-loop') html(res, '<title>loop</title><script>location.href = "/js-loop?" + Date.now()</script>');
    else if (path === '/endless.bin') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="endless.bin"' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    } else if (path === '/never') {
      html(res, `<title>Never finishes</title></head><body>${COLOURFUL}<h1>Still loading…</h1><img src="/hang.png"></body>`);
    } else if (path === '/hang.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(Buffer.from([0x89, 0x50, 0x4e, 0x47])); // and never more
    } else if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(`<!doctype html><title>Huge DOM</title><body>${COLOURFUL}<h1>200k elements</h1>`);
      const row = '<span>x</span>'.repeat(1000);
      for (let i = 0; i < 200; i++) res.write(`<div>${row}</div>`);
      res.end('</body>');
    } else if (path === '/private') {
      html(res, `<title>Reaching inside</title></head><body>${COLOURFUL}<h1>probing</h1>
<img src="http://169.254.169.254/latest/meta-data/"><img src="/redirect-private">
<script>
fetch('http://10.0.0.1/').catch(() => {});
fetch('${workbench}/api/auth/me', { credentials: 'include' }).catch(() => {});
fetch('http://[::1]:1/').catch(() => {});
</script></body>`);
    } else if (path === '/redirect-private') res.writeHead(302, { location: 'http://10.0.0.1/secret.png' }).end();
    else if (path === '/cookie-set') html(res, '<title>set</title>', { 'set-cookie': 'wf_session=planted; Path=/; Max-Age=3600' });
    else if (path === '/cookie-check') html(res, '<title>check</title>');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    cookies,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A stand-in for the workbench's own server: records every request it gets (there must be none). */
export async function startFakeWorkbench(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '/');
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'wf_sid=secret; Path=/; HttpOnly' }).end('{"user":"analyst"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
