// URLhaus client against a local server answering with its documented url/host/payload shapes.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, form, lookupAgainst, TEST_KEY, type Answer } from './contract.ts';
import { urlhaus, urlhausRequest } from './urlhaus.ts';

const URL_VALUE = 'http://45.95.147.236/bins/sora.arm7';
const PAYLOAD_SHA256 = '0fc1d5bd6b5e8e7d8b3c4a2f1e0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281';

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 200, { query_status: 'no_results' });
  sendJson(res, 200, {
    query_status: 'ok',
    id: '2883112',
    urlhaus_reference: 'https://urlhaus.abuse.ch/url/2883112/',
    url: URL_VALUE,
    url_status: 'online',
    host: '45.95.147.236',
    date_added: '2024-05-10 11:02:05 UTC',
    last_online: null,
    threat: 'malware_download',
    blacklists: { spamhaus_dbl: 'not listed', surbl: 'not listed' },
    reporter: 'abuse_ch',
    larted: 'true',
    takedown_time_seconds: null,
    tags: ['elf', 'mirai'],
    payloads: [
      {
        firstseen: '2024-05-10',
        filename: 'sora.arm7',
        file_type: 'elf',
        response_size: '67632',
        response_md5: '5b3c9e1a2f4d6e8a0b1c2d3e4f5a6b7c',
        response_sha256: PAYLOAD_SHA256,
        urlhaus_download: `https://urlhaus-api.abuse.ch/v1/download/${PAYLOAD_SHA256}/`,
        signature: 'Mirai',
        virustotal: null,
        imphash: null,
        ssdeep: '1536:abc:def',
        tlsh: 'T1ABCDEF',
        magika: 'elf',
      },
    ],
  });
}

describeServiceContract({
  analyzer: urlhaus,
  basePath: '/v1',
  value: 'hxxp://45.95.147[.]236/bins/sora.arm7',
  answer,
  auth: ['auth-key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/url/');
    assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(form(req), { url: URL_VALUE });
  },
  malicious: { level: 'malicious', value: 'malware_download (online)' },
  extra(result) {
    assert.deepEqual(result.artifacts, [{ type: 'sha256', value: PAYLOAD_SHA256 }]);
    assert.match(result.summary ?? '', /\[elf, mirai\]/);
  },
});

test('hosts and payloads go to /host/ and /payload/ with their form fields', async () => {
  assert.deepEqual(urlhausRequest({ type: 'domain', value: 'evil.example.com' }), { method: 'POST', path: '/host/', form: { host: 'evil.example.com' } });
  assert.deepEqual(urlhausRequest({ type: 'md5', value: 'a'.repeat(32) }), { method: 'POST', path: '/payload/', form: { md5_hash: 'a'.repeat(32) } });
  const { result, requests } = await lookupAgainst(urlhaus, '/v1', PAYLOAD_SHA256, (_req, res) =>
    sendJson(res, 200, { query_status: 'ok', md5_hash: '5b3c9e1a2f4d6e8a0b1c2d3e4f5a6b7c', sha256_hash: PAYLOAD_SHA256, file_type: 'elf', file_size: '67632', signature: 'Mirai', firstseen: '2024-05-10 11:05:12', lastseen: null, url_count: '3', urls: [{ url: URL_VALUE, url_status: 'online' }] }),
  );
  assert.equal(requests[0]!.url, '/v1/payload/');
  assert.deepEqual(form(requests[0]!), { sha256_hash: PAYLOAD_SHA256 });
  assert.equal(result.taxonomies[0]?.value, 'Mirai (3 URLs)');
  assert.deepEqual(result.artifacts, [{ type: 'url', value: URL_VALUE }]);
});

test('an invalid_url query status is a bad_request, not a verdict', async () => {
  const { result } = await lookupAgainst(urlhaus, '/v1', URL_VALUE, (_req, res) => sendJson(res, 200, { query_status: 'invalid_url' }));
  assert.equal(result.status, 'bad_request');
  assert.match(result.message ?? '', /invalid_url/);
});
