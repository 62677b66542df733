// Hybrid Analysis client against a local server answering with API v2's documented shapes.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, form, lookupAgainst, TEST_KEY, type Answer } from './contract.ts';
import { hybridAnalysis } from './hybrid-analysis.ts';

const SHA256 = 'a7d4ca8ea4d1e8e3e9f0f1b7e2e2f5bfb0e9e1c1b3f8c7d2a6b5c4d3e2f1a0b9';

function report(verdict: string, score: number | null): Record<string, unknown> {
  return {
    job_id: '6058a0c1b1d5e91b2a3c4d5e',
    environment_id: 160,
    environment_description: 'Windows 10 64 bit',
    state: 'SUCCESS',
    verdict,
    threat_score: score,
    analysis_start_time: '2021-03-21T10:20:11+00:00',
    sha256: SHA256,
    submit_name: 'pianificazione.exe',
    vx_family: verdict === 'malicious' ? 'Trojan.AgentTesla' : null,
  };
}

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 200, []);
  sendJson(res, 200, kind === 'malicious' ? [report('no specific threat', 12), report('malicious', 100)] : [report('no specific threat', 0)]);
}

describeServiceContract({
  analyzer: hybridAnalysis,
  basePath: '/api/v2',
  value: SHA256.toUpperCase(),
  answer,
  auth: ['api-key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'GET');
    assert.equal(req.url, `/api/v2/search/hash?hash=${SHA256}`);
    assert.equal(req.headers['user-agent'], 'Falcon Sandbox');
    assert.equal(req.headers.accept, 'application/json');
  },
  malicious: { level: 'malicious', value: 'malicious, threat score 100' },
  clean: { level: 'info', value: 'no specific threat, threat score 0' },
  extra(result) {
    assert.deepEqual(result.artifacts, [{ type: 'sha256', value: SHA256 }, { type: 'sha256', value: SHA256 }]);
  },
});

test('URLs go to POST /search/terms (form url=); the reference URL has nothing on Hybrid Analysis', async () => {
  const url = 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit';
  const { result, requests } = await lookupAgainst(hybridAnalysis, '/api/v2', url, (_req, res) =>
    sendJson(res, 200, { search_terms: [{ id: 'url', value: url }], count: 0, result: [] }),
  );
  assert.equal(requests[0]!.method, 'POST');
  assert.equal(requests[0]!.url, '/api/v2/search/terms');
  assert.equal(requests[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.deepEqual(form(requests[0]!), { url });
  assert.equal(result.status, 'not_found');
});

test('a whitelisted verdict from a term search is safe', async () => {
  const { result, requests } = await lookupAgainst(hybridAnalysis, '/api/v2', 'win-rar.com', (_req, res) =>
    sendJson(res, 200, { search_terms: [{ id: 'domain', value: 'win-rar.com' }], count: 1, result: [report('whitelisted', 0)] }),
  );
  assert.deepEqual(form(requests[0]!), { domain: 'win-rar.com' });
  assert.equal(result.verdict, 'safe');
});
