// ThreatFox client against a local server answering with search_ioc / search_hash's documented shapes.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, lookupAgainst, TEST_KEY, type Answer } from './contract.ts';
import { threatFox, threatFoxLevel } from './threatfox.ts';

const DOMAIN = 'gavrilobtcapikey2884238984928.netsons.org';

function ioc(confidence: number): Record<string, unknown> {
  return {
    id: '1350134',
    ioc: DOMAIN,
    threat_type: 'payload_delivery',
    threat_type_desc: 'Indicator that identifies a malware distribution server (payload delivery)',
    ioc_type: 'domain',
    ioc_type_desc: 'Domain that is used for botnet Command&control (C&C)',
    malware: 'win.agent_tesla',
    malware_printable: 'Agent Tesla',
    malware_alias: 'AgenTesla,AgentTesla',
    malware_malpedia: 'https://malpedia.caad.fkie.fraunhofer.de/details/win.agent_tesla',
    confidence_level: confidence,
    first_seen: '2021-02-07 18:40:02 UTC',
    last_seen: null,
    reference: null,
    reporter: 'abuse_ch',
    tags: ['AgentTesla'],
  };
}

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 200, { query_status: 'no_result', data: 'Your search did not yield any results' });
  sendJson(res, 200, { query_status: 'ok', data: kind === 'malicious' ? [ioc(50), ioc(100)] : [ioc(50)] });
}

describeServiceContract({
  analyzer: threatFox,
  basePath: '/api/v1',
  value: DOMAIN,
  answer,
  auth: ['auth-key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/api/v1/');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), { query: 'search_ioc', search_term: DOMAIN });
  },
  malicious: { level: 'malicious', value: 'Agent Tesla (payload_delivery, confidence 100%)' },
  clean: { level: 'info', value: 'Agent Tesla (payload_delivery, confidence 50%)' },
});

test('hashes use search_hash', async () => {
  const md5 = 'c74862e16bcc2b0e02cadb7ab14e3cd6';
  const { requests } = await lookupAgainst(threatFox, '/api/v1', md5, (_req, res) => sendJson(res, 200, { query_status: 'no_result', data: 'Your search did not yield any results' }));
  assert.deepEqual(JSON.parse(requests[0]!.body), { query: 'search_hash', hash: md5 });
});

test('confidence mapping: >75 malicious, >50 suspicious, else info', () => {
  assert.equal(threatFoxLevel(76), 'malicious');
  assert.equal(threatFoxLevel(75), 'suspicious');
  assert.equal(threatFoxLevel(50), 'info');
});
