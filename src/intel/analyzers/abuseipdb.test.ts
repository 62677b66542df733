// AbuseIPDB client against a local server answering with API v2 CHECK's documented shape.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { abuseIpDb, abuseIpDbLevel } from './abuseipdb.ts';
import { describeServiceContract, lookupAgainst, TEST_KEY, type Answer } from './contract.ts';

const IP = '185.220.101.1';

function check(score: number, reports: number, extra: Record<string, unknown> = {}): unknown {
  return {
    data: {
      ipAddress: IP,
      isPublic: true,
      ipVersion: 4,
      isWhitelisted: false,
      abuseConfidenceScore: score,
      countryCode: 'DE',
      usageType: 'Data Center/Web Hosting/Transit',
      isp: 'Zwiebelfreunde e.V.',
      domain: 'Zwiebelfreunde.de',
      hostnames: [],
      isTor: score > 0,
      totalReports: reports,
      numDistinctUsers: Math.min(reports, 600),
      lastReportedAt: reports > 0 ? '2021-03-21T09:58:12+00:00' : null,
      reports: [],
      ...extra,
    },
  };
}

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  sendJson(res, 200, kind === 'malicious' ? check(100, 4512) : check(0, 0));
}

describeServiceContract({
  analyzer: abuseIpDb,
  basePath: '/api/v2',
  value: IP,
  answer,
  auth: ['key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'GET');
    assert.equal(req.url, `/api/v2/check?ipAddress=${IP}&maxAgeInDays=30&verbose`);
    assert.equal(req.headers.accept, 'application/json');
  },
  malicious: { level: 'malicious', value: '100% (4512 reports)' },
  clean: { level: 'safe', value: '0% (0 reports)' },
  notFoundStatus: 'ok',
  errorBody: (code, message) => ({ errors: [{ detail: message, status: code }] }),
  extra(result) {
    assert.ok(result.taxonomies.some((t) => t.predicate === 'Tor'));
    assert.deepEqual(result.artifacts, [{ type: 'domain', value: 'zwiebelfreunde.de' }]);
  },
});

test('IPv6 addresses are URL-encoded; private addresses are never sent', async () => {
  const v6 = await lookupAgainst(abuseIpDb, '/api/v2', '2606:4700:4700::1111', (_req, res) => sendJson(res, 200, check(0, 0, { ipAddress: '2606:4700:4700::1111' })));
  assert.equal(v6.requests[0]!.url, '/api/v2/check?ipAddress=2606%3A4700%3A4700%3A%3A1111&maxAgeInDays=30&verbose');
  const internal = await lookupAgainst(abuseIpDb, '/api/v2', '172.16.17.5', (_req, res) => sendJson(res, 200, check(0, 0)));
  assert.equal(internal.result.status, 'unsupported');
  assert.match(internal.result.message ?? '', /private address/);
  assert.equal(internal.requests.length, 0);
});

test('score mapping: ≥75 malicious, >0 suspicious, 0 safe', () => {
  assert.equal(abuseIpDbLevel(75), 'malicious');
  assert.equal(abuseIpDbLevel(1), 'suspicious');
  assert.equal(abuseIpDbLevel(0), 'safe');
});
