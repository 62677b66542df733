// ANY.RUN TI lookup client against a local server answering with its documented shapes (threatLevel 0/1/2).
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { anyRun, anyrunScoreLevel } from './anyrun.ts';
import { describeServiceContract, TEST_KEY, type Answer } from './contract.ts';

const DOMAIN = 'gavrilobtcapikey2884238984928.netsons.org';

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 200, { summary: { threatLevel: null, lastSeen: null, tags: [] }, sourceTasks: [], relatedURLs: [] });
  const level = kind === 'malicious' ? 2 : 0;
  sendJson(res, 200, {
    summary: { threatLevel: level, lastSeen: '2021-02-07T18:32:00Z', tags: kind === 'malicious' ? ['agenttesla', 'trojan'] : [], detectedType: 'domain' },
    sourceTasks: [{ related: 'https://app.any.run/tasks/3f1b2c4d-0000-4000-8000-000000000001', uuid: '3f1b2c4d-0000-4000-8000-000000000001' }],
    relatedURLs: [{ url: `http://${DOMAIN}/pianificazione.exe`, threatLevel: level }],
    destinationIP: [{ destinationIP: '89.40.172.121', threatLevel: level }],
  });
}

describeServiceContract({
  analyzer: anyRun,
  basePath: '/v1',
  value: DOMAIN,
  answer,
  auth: ['authorization', `API-Key ${TEST_KEY}`],
  checkRequest(req) {
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/intelligence/api/search');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), { query: `domainName:"${DOMAIN}"` });
  },
  malicious: { level: 'malicious', value: 'Malicious activity' },
  clean: { level: 'safe', value: 'No threats detected' },
});

test('analysis scores: 100 malicious, 51–99 suspicious, else safe', () => {
  assert.equal(anyrunScoreLevel(100), 'malicious');
  assert.equal(anyrunScoreLevel(75), 'suspicious');
  assert.equal(anyrunScoreLevel(50), 'safe');
});
