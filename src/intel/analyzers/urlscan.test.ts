// urlscan.io client against a local server: search for scans, then the newest scan's result and verdicts.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, lookupAgainst, TEST_KEY, type Answer } from './contract.ts';
import { urlscan } from './urlscan.ts';

const URL_VALUE = 'http://gavrilobtcapikey2884238984928.netsons.org/pianificazione.exe';
const UUID = '0e3b5c2a-1f4d-4e6b-8a9c-7d2e1f0a3b4c';

function search(count: number): unknown {
  return {
    results: Array.from({ length: count }, () => ({
      task: { visibility: 'public', method: 'api', domain: 'gavrilobtcapikey2884238984928.netsons.org', apexDomain: 'netsons.org', time: '2021-02-07T18:45:00.000Z', uuid: UUID, url: URL_VALUE },
      stats: { uniqIPs: 2, consoleMsgs: 0, dataLength: 1048576, encodedDataLength: 1048576, requests: 1 },
      page: { country: 'IT', server: 'Apache', ip: '89.40.172.121', mimeType: 'application/x-dosexec', url: URL_VALUE, domain: 'gavrilobtcapikey2884238984928.netsons.org', status: '200' },
      _id: UUID,
      sort: [1612723500000, UUID],
      result: `https://urlscan.io/api/v1/result/${UUID}/`,
      screenshot: `https://urlscan.io/screenshots/${UUID}.png`,
    })),
    total: count,
    took: 12,
    has_more: false,
  };
}

function result(score: number, malicious: boolean): unknown {
  return {
    data: { requests: [], cookies: [], console: [], links: [], timing: {}, globals: [] },
    lists: { ips: ['89.40.172.121'], countries: ['IT'], domains: ['gavrilobtcapikey2884238984928.netsons.org'], urls: [URL_VALUE], hashes: [] },
    meta: { processors: {} },
    page: { url: URL_VALUE, domain: 'gavrilobtcapikey2884238984928.netsons.org', ip: '89.40.172.121', country: 'IT' },
    stats: {},
    task: { uuid: UUID, time: '2021-02-07T18:45:00.000Z', url: URL_VALUE, visibility: 'public' },
    verdicts: {
      overall: { score, categories: malicious ? ['malware'] : [], brands: [], tags: [], malicious, hasVerdicts: malicious },
      urlscan: { score, categories: [], brands: [], tags: [], malicious },
      engines: { score: 0, malicious: [], benign: [], maliciousTotal: 0, benignTotal: 0, verdicts: [], enginesTotal: 0 },
      community: { score: 0, votes: [], votesTotal: 0, votesMalicious: 0, votesBenign: 0, tags: [], categories: [] },
    },
  };
}

function answer(kind: Answer, req: RecordedRequest, res: ServerResponse): void {
  if (req.url.startsWith('/api/v1/search/')) return sendJson(res, 200, search(kind === 'not_found' ? 0 : 2));
  if (req.url === `/api/v1/result/${UUID}/`) return sendJson(res, 200, kind === 'malicious' ? result(100, true) : result(0, false));
  sendJson(res, 404, { message: 'Not found', status: 404 });
}

describeServiceContract({
  analyzer: urlscan,
  basePath: '/api/v1',
  value: URL_VALUE,
  answer,
  auth: ['api-key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'GET');
    const url = new URL(req.url, 'http://x');
    assert.equal(url.pathname, '/api/v1/search/');
    assert.equal(url.searchParams.get('q'), `page.url:"${URL_VALUE}"`);
    assert.equal(url.searchParams.get('size'), '10');
  },
  malicious: { level: 'malicious', value: 'score 100, malicious' },
  clean: { level: 'info', value: 'score 0' },
  errorBody: (code, message) => ({ message, description: message, status: code }),
  extra(r) {
    assert.match(r.summary ?? '', /newest of 2 scans/);
  },
});

test('a scan whose result is not ready (404) is reported from the search alone', async () => {
  const { result: r, requests } = await lookupAgainst(urlscan, '/api/v1', URL_VALUE, (req, res) => {
    if (req.url.startsWith('/api/v1/search/')) sendJson(res, 200, search(1));
    else sendJson(res, 404, { message: 'Scan is not finished yet', status: 404 });
  });
  assert.equal(requests.length, 2);
  assert.equal(r.status, 'ok');
  assert.equal(r.verdict, 'info');
  assert.match(r.summary ?? '', /no result yet/);
});

test('a score above 0 without a malicious flag is suspicious', async () => {
  const { result: r } = await lookupAgainst(urlscan, '/api/v1', URL_VALUE, (req, res) =>
    req.url.startsWith('/api/v1/search/') ? sendJson(res, 200, search(1)) : sendJson(res, 200, result(40, false)),
  );
  assert.equal(r.verdict, 'suspicious');
});
