// AlienVault OTX client against a local server answering with the "general" section's documented shape.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { sendJson, type RecordedRequest } from '../test-server.ts';
import { describeServiceContract, TEST_KEY, type Answer } from './contract.ts';
import { otx, otxPath } from './otx.ts';

function general(count: number): unknown {
  const pulses = Array.from({ length: count }, (_, i) => ({
    id: `60575f1b2c3d4e5f6a7b8c${i}d`,
    name: `Agent Tesla campaign ${i + 1}`,
    tags: ['agenttesla', 'phishing'],
    created: '2021-03-20T10:00:00.000000',
    TLP: 'white',
  }));
  return {
    sections: ['general', 'geo', 'url_list', 'passive_dns', 'malware', 'whois', 'http_scans'],
    whois: 'http://whois.domaintools.com/netsons.org',
    alexa: 'http://www.alexa.com/siteinfo/netsons.org',
    indicator: 'netsons.org',
    type: 'domain',
    type_title: 'Domain',
    validation: [],
    base_indicator: {},
    pulse_info: { count, pulses, references: [], related: { alienvault: { adversary: [], malware_families: [], industries: [] } } },
    false_positive: [],
  };
}

function answer(kind: Answer, _req: RecordedRequest, res: ServerResponse): void {
  if (kind === 'not_found') return sendJson(res, 404, { detail: 'Not found.' });
  sendJson(res, 200, general(kind === 'malicious' ? 3 : 0));
}

describeServiceContract({
  analyzer: otx,
  basePath: '/api/v1',
  value: 'netsons.org',
  answer,
  auth: ['x-otx-api-key', TEST_KEY],
  checkRequest(req) {
    assert.equal(req.method, 'GET');
    assert.equal(req.url, '/api/v1/indicators/domain/netsons.org/general');
  },
  malicious: { level: 'info', value: '3' },
  clean: { level: 'info', value: '0' },
  extra(result) {
    assert.match(result.summary ?? '', /^3 pulses: Agent Tesla campaign 1; .*\[agenttesla, phishing\]$/);
  },
});

test('sections by type: IPv4/IPv6, domain vs hostname, url (slashes kept, ? escaped), file', () => {
  assert.equal(otxPath({ type: 'ip', value: '51.195.68.163' }), '/indicators/IPv4/51.195.68.163/general');
  assert.equal(otxPath({ type: 'ip', value: '2001:db8::1' }), '/indicators/IPv6/2001:db8::1/general');
  assert.equal(otxPath({ type: 'domain', value: 'www.win-rar.com' }), '/indicators/hostname/www.win-rar.com/general');
  assert.equal(
    otxPath({ type: 'url', value: 'https://www.win-rar.com/postdownload.html?&L=0&Version=32bit' }),
    '/indicators/url/https://www.win-rar.com/postdownload.html%3F%26L%3D0%26Version%3D32bit/general',
  );
  assert.equal(otxPath({ type: 'sha256', value: 'a'.repeat(64) }), `/indicators/file/${'a'.repeat(64)}/general`);
});
