// Real SigmaHQ proxy rules against hand-made ECS events built from each rule's intent, and against benign traffic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EventFields, WatchEvent } from '../../events/event.ts';
import type { CompiledRule } from './compile.ts';
import { loadRuleText } from './loader.ts';
import { matchRule } from './match.ts';
import { routeRules } from './routing.ts';

const PROXY = new URL('../../../../shared/data/sigma/rules/web/proxy_generic/', import.meta.url);

function load(name: string): CompiledRule {
  const { rules, rejected } = loadRuleText(readFileSync(new URL(name, PROXY), 'utf8'), name);
  assert.deepEqual(rejected, []);
  assert.equal(rules.length, 1);
  return rules[0] as CompiledRule;
}

function proxyEvent(fields: Partial<EventFields>): WatchEvent {
  const all = {
    '@timestamp': '2024-05-01T10:00:00.000Z',
    'event.dataset': 'squid.access',
    'http.request.method': 'GET',
    'http.response.status_code': 200,
    'source.ip': '10.0.0.15',
    'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    ...fields,
  } as EventFields;
  return { timestamp: Date.parse(all['@timestamp']), fields: all, raw: JSON.stringify(all) };
}

const BENIGN = [
  proxyEvent({ 'url.original': 'https://www.example.com/index.html', 'url.domain': 'www.example.com', 'url.extension': 'html' }),
  proxyEvent({ 'url.original': 'https://download.mozilla.org/firefox.exe', 'url.domain': 'download.mozilla.org', 'url.extension': 'exe' }),
  proxyEvent({ 'url.original': 'https://api.github.com/repos', 'url.domain': 'api.github.com', 'user_agent.original': 'git/2.43.0' }),
];

const CASES: { file: string; hits: WatchEvent[] }[] = [
  {
    file: 'proxy_ua_powershell.yml',
    hits: [proxyEvent({ 'url.original': 'http://198.51.100.7/payload.ps1', 'url.domain': '198.51.100.7', 'user_agent.original': 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3803' })],
  },
  {
    file: 'proxy_ua_bitsadmin_susp_ip.yml',
    hits: [proxyEvent({ 'url.original': 'http://203.0.113.54/update.bin', 'url.domain': '203.0.113.54', 'user_agent.original': 'Microsoft BITS/7.8' })],
  },
  {
    file: 'proxy_telegram_api.yml',
    hits: [proxyEvent({ 'url.original': 'https://api.telegram.org/bot123:abc/sendMessage', 'url.domain': 'api.telegram.org', 'user_agent.original': 'python-requests/2.31' })],
  },
  {
    file: 'proxy_ua_hacktool.yml',
    hits: [
      proxyEvent({ 'url.original': 'http://intranet/login', 'url.domain': 'intranet', 'user_agent.original': 'Mozilla/5.0 (Hydra)' }),
      proxyEvent({ 'url.original': 'http://intranet/', 'url.domain': 'intranet', 'user_agent.original': 'masscan/1.3 (https://github.com/robertdavidgraham/masscan)' }),
    ],
  },
  {
    file: 'proxy_download_susp_tlds_whitelist.yml',
    hits: [proxyEvent({ 'url.original': 'http://cdn.evil.xyz/invoice.hta', 'url.domain': 'cdn.evil.xyz', 'url.extension': 'hta' })],
  },
];

for (const { file, hits } of CASES) {
  test(`${file}: fires on its intent, not on benign traffic`, () => {
    const rule = load(file);
    for (const e of hits) {
      const r = matchRule(rule, e);
      assert.ok(r.matched, `${file} should match ${e.fields['url.original']}`);
      assert.ok(r.selections.length > 0);
    }
    for (const e of BENIGN) assert.equal(matchRule(rule, e).matched, false, `${file} should not match ${e.fields['url.original']}`);
  });
}

test('near misses: the telegram filter and the BITS IP suffix keep benign look-alikes quiet', () => {
  const telegram = load('proxy_telegram_api.yml');
  assert.equal(matchRule(telegram, proxyEvent({ 'url.domain': 'api.telegram.org', 'user_agent.original': 'TelegramBot (like TwitterBot)' })).matched, false);
  const bits = load('proxy_ua_bitsadmin_susp_ip.yml');
  assert.equal(matchRule(bits, proxyEvent({ 'url.domain': 'windowsupdate.com', 'user_agent.original': 'Microsoft BITS/7.8' })).matched, false);
});

test('routing: a proxy event sees only the proxy rules', () => {
  const index = routeRules(CASES.map((c) => load(c.file)));
  const hits = index.match(CASES[0]?.hits[0] as WatchEvent);
  assert.deepEqual(hits.map((h) => h.rule.rule.title), ['Windows PowerShell User Agent']);
  const windows: WatchEvent = { timestamp: 0, raw: '', fields: { '@timestamp': '', 'event.dataset': 'windows.sysmon', 'user_agent.original': 'WindowsPowerShell/5.1' } };
  assert.equal(index.rulesFor(windows).length, 0);
});
