// Tests for the URL sandbox's destination policy, the egress proxy's refusals and caps, and the Chromium path check.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumPath } from './browser.ts';
import { classifyIp } from '../../events/ip-class.ts';
import { DestinationPolicy } from './destination-policy.ts';
import { startEgressProxy } from './egress-proxy.ts';

const DNS: Record<string, string[]> = {
  'public.example': ['93.184.216.34'],
  'rebind.example': ['93.184.216.34', '10.0.0.5'],
  'meta.example': ['169.254.169.254'],
  'v6local.example': ['fd00::1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'workbench.example': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
};
const resolve = async (host: string): Promise<string[]> => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};

describe('DestinationPolicy', () => {
  it('classifies IPv4 and IPv6 special ranges', () => {
    assert.deepEqual(
      ['8.8.8.8', '127.0.0.2', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '224.0.0.1', '0.0.0.0', '255.255.255.255',
        '::1', '::', 'fe80::1', 'fd12::1', 'ff02::1', '::ffff:10.0.0.1', '2001:4860:4860::8888', '64:ff9b::a00:1'].map(classifyIp),
      ['public', 'loopback', 'private', 'private', 'private', 'private', 'link_local', 'multicast', 'unspecified', 'multicast',
        'loopback', 'unspecified', 'link_local', 'private', 'multicast', 'private', 'public', 'special'],
    );
  });

  it('refuses private, loopback (any encoding), localhost names and special addresses by default', async () => {
    const p = new DestinationPolicy({ resolve });
    for (const url of ['http://10.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::1]/',
      'http://[::ffff:127.0.0.1]/', 'http://0/', 'http://[fe80::1]/', 'http://224.0.0.251/', 'http://localhost:8080/', 'http://app.localhost/',
      'http://LOCALHOST./', 'http://meta.example/', 'http://v6local.example/', 'http://mapped.example/', 'http://rebind.example/']) {
      const v = await p.checkUrl(url);
      assert.equal(v.allowed, false, url);
    }
    assert.match(((await p.checkUrl('http://rebind.example/')) as { reason: string }).reason, /private address 10\.0\.0\.5 \(rebind\.example resolves to it\)/);
    assert.match(((await p.checkUrl('http://nx.example/')) as { reason: string }).reason, /DNS lookup failed .*ENOTFOUND/);
    assert.match(((await p.checkUrl('ftp://public.example/')) as { reason: string }).reason, /scheme ftp:/);
    assert.deepEqual(await p.checkUrl('https://public.example/x'), { allowed: true, addresses: ['93.184.216.34'] });
  });

  it('allows only what is listed: allowPrivate addresses/CIDRs, allowLoopback; denyOrigins always wins', async () => {
    const p = new DestinationPolicy({ resolve, allowPrivate: ['127.0.0.1', '10.9.0.0/16', 'fd00::1'], denyOrigins: ['http://workbench.example:8080'] });
    assert.equal((await p.checkUrl('http://127.0.0.1:3000/')).allowed, true);
    assert.equal((await p.checkUrl('http://127.0.0.2/')).allowed, false);
    assert.equal((await p.checkUrl('http://10.9.200.1/')).allowed, true);
    assert.equal((await p.checkUrl('http://10.8.0.1/')).allowed, false);
    assert.equal((await p.checkUrl('http://v6local.example/')).allowed, true);
    for (const url of ['http://127.0.0.1:8080/api', 'http://workbench.example:8080/', 'http://[::ffff:127.0.0.1]:8080/', 'ws://127.0.0.1:8080/ws', 'https://127.0.0.1:8080/']) {
      assert.match(((await p.checkUrl(url)) as { reason: string }).reason ?? '', /denied origin/, url);
    }
    const loop = new DestinationPolicy({ resolve, allowLoopback: true, denyOrigins: ['http://127.0.0.1:8080'] });
    assert.equal((await loop.checkUrl('http://localhost:9/')).allowed, true);
    assert.equal((await loop.checkUrl('http://127.0.0.1:8080/')).allowed, false);
    assert.equal((await loop.checkEndpoint('127.0.0.1', 8080)).allowed, false);
  });
});

describe('egress proxy', () => {
  it('refuses CONNECT and plain requests to refused destinations, forwards allowed ones, cuts oversized bodies', async () => {
    const origin = http.createServer((req, res) => {
      if (req.url === '/big') res.end(Buffer.alloc(300_000));
      else res.end('hello');
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', () => r()));
    const port = (origin.address() as AddressInfo).port;
    const cuts: string[] = [];
    const proxy = await startEgressProxy({
      policy: new DestinationPolicy({ resolve, allowPrivate: ['127.0.0.1'] }), maxResponseBytes: 100_000, maxTotalBytes: 10_000_000,
      onCut: (what) => cuts.push(what),
    });
    const proxyPort = Number(new URL(proxy.url).port);
    const viaProxy = (target: string): Promise<{ status: number; body: string } | 'reset'> => new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: proxyPort, path: target, headers: { host: new URL(target).host } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve('reset'));
      });
      req.on('error', () => resolve('reset'));
      req.end();
    });
    assert.deepEqual(await viaProxy(`http://127.0.0.1:${port}/`), { status: 200, body: 'hello' });
    assert.equal(await viaProxy('http://10.0.0.1/'), 'reset');
    assert.equal(await viaProxy('http://meta.example/latest'), 'reset');
    assert.equal(await viaProxy(`http://127.0.0.1:${port}/big`), 'reset');
    assert.deepEqual(cuts, [`http://127.0.0.1:${port}/big`]);
    const connect = (authority: string): Promise<string> => new Promise((resolve) => {
      const s = net.connect(proxyPort, '127.0.0.1', () => s.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
      s.once('data', (d: Buffer) => { resolve(d.toString().split('\r\n')[0] ?? ''); s.destroy(); });
      s.on('error', () => resolve('error'));
    });
    assert.equal(await connect('169.254.169.254:443'), 'HTTP/1.1 403 Forbidden');
    assert.equal(await connect('[::1]:443'), 'HTTP/1.1 403 Forbidden');
    assert.equal(await connect(`127.0.0.1:${port}`), 'HTTP/1.1 200 Connection Established');
    assert.deepEqual(proxy.blocked.map((b) => b.url), ['http://10.0.0.1/', 'http://meta.example/latest', 'https://169.254.169.254:443', 'https://[::1]:443']);
    await proxy.close();
    origin.closeAllConnections();
    origin.close();
  });
});

describe('chromiumPath', () => {
  it('says to install Debian chromium when the binary is missing', () => {
    assert.throws(() => chromiumPath({ WATCHFLOOR_CHROMIUM: '/nonexistent/chromium' }), /install Debian's chromium/);
    assert.equal(chromiumPath({}), '/usr/bin/chromium');
  });
});
