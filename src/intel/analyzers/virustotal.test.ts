// VirusTotal client against a local server answering with v3's documented shapes (the reference URL is 1 / 90).
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, TEST_KEY, type Answer } from './contract.ts';
import { URL_VALUE, vtUrlReport } from './virustotal-responses.ts';
import { virusTotal, vtDetectionRatio, vtPath } from './virustotal.ts';

const URL_ID = Buffer.from(URL_VALUE).toString('base64url');

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 404, { error: { code: 'NotFoundError', message: `URL "${URL_ID}" not found` } });
  sendJson(res, 200, kind === 'malicious' ? vtUrlReport(1, 90) : vtUrlReport(0, 88));
}

describeServiceContract({
  analyzer: virusTotal,
  basePath: '/api/v3',
  value: URL_VALUE,
  answer,
  auth: ['x-apikey', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'GET');
    assert.equal(req.url, `/api/v3/urls/${URL_ID}`);
    assert.ok(!URL_ID.includes('='), 'unpadded base64url');
  },
  malicious: { level: 'malicious', value: '1 / 90' },
  clean: { level: 'safe', value: '0 / 88' },
  errorBody: (code, message) => ({ error: { code: code === 429 ? 'QuotaExceededError' : code === 401 ? 'WrongCredentialsError' : 'Error', message } }),
  extra(result) {
    assert.match(result.summary ?? '', /^1 \/ 90 engines \(Trustwave: malicious\), analysed 2021-03-21$/);
  },
});

test('"N / total engines": every category counts except type-unsupported', () => {
  assert.equal(vtDetectionRatio({ harmless: 60, malicious: 1, suspicious: 0, undetected: 28, timeout: 1 }), '1 / 90');
  assert.equal(vtDetectionRatio({ harmless: 0, malicious: 0, suspicious: 0, undetected: 71, timeout: 0, 'type-unsupported': 5, 'confirmed-timeout': 0, failure: 0 }), '0 / 71');
});

test('object paths for each observable type', () => {
  assert.equal(vtPath({ type: 'ip', value: '51.195.68.163' }), '/ip_addresses/51.195.68.163');
  assert.equal(vtPath({ type: 'domain', value: 'win-rar.com' }), '/domains/win-rar.com');
  assert.equal(vtPath({ type: 'md5', value: 'c74862e16bcc2b0e02cadb7ab14e3cd6' }), '/files/c74862e16bcc2b0e02cadb7ab14e3cd6');
  assert.equal(vtPath({ type: 'url', value: 'http://a.b/' }), `/urls/${Buffer.from('http://a.b/').toString('base64url')}`);
});
