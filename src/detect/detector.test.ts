import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestFile } from '../events/ingest.ts';
import { getAlert, listAlerts } from '../soc/alerts-query.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { detectStored } from '../cli/detect-command.ts';
import { loadDetector } from './detector.ts';

const dir = mkdtempSync(join(tmpdir(), 'wf-detect-'));
const rules = join(dir, 'rules');
mkdirSync(rules);
writeFileSync(
  join(rules, 'exe.yml'),
  `title: Executable download
id: 5f0c2a4e-2d7b-4b55-9d55-9a1f9b7f0e01
status: test
description: An executable was downloaded. More words here.
logsource:
  category: proxy
detection:
  selection:
    c-uri-extension: exe
  condition: selection
level: medium
tags:
  - attack.execution
  - attack.t1204.002
watchfloor:
  code: SOC119
  name: Proxy - Malicious Executable File Detected
  type: Proxy
  family: proxy
  playbook: proxy
  mitre: [T1204]
  suppress:
    window: 10m
    by: [source.ip, url.original]
`,
);
writeFileSync(
  join(rules, 'plain.yml'),
  `title: Denied request
logsource:
  category: proxy
detection:
  selection:
    sc-status: 403
  condition: selection
level: high
`,
);
writeFileSync(
  join(rules, 'broken.yml'),
  `title: Broken meta
logsource:
  category: proxy
detection:
  selection:
    cs-method: GET
  condition: selection
watchfloor:
  code: X1
  type: Proxy
  family: proxy
  playbook: proxy
`,
);

const T0 = Date.UTC(2021, 2, 21, 10, 2, 11);
function line(secondsAfter: number, ip: string, url: string, status = 200): string {
  const result = status === 403 ? 'TCP_DENIED' : 'TCP_MISS';
  return `${(T0 / 1000 + secondsAfter).toFixed(3)}    120 ${ip} ${result}/${status} 1024 GET ${url} susie HIER_DIRECT/51.195.68.163 application/x-msdownload`;
}

test('a rule with a malformed watchfloor attribute is rejected with its reason; the others load', () => {
  const detector = loadDetector({ ruleDirs: [rules], socPack: false });
  assert.equal(detector.ruleCount, 2);
  assert.equal(detector.rejected.length, 1);
  assert.match(detector.rejected[0]!.reason, /watchfloor\.code: a catalogue code such as SOC119/);
  assert.equal(detector.rejected[0]!.file, 'broken.yml');
});

test('ingest raises alerts with the family fields in order; repeats fold by suppression; re-detection adds nothing', async () => {
  const log = join(dir, 'access.log');
  writeFileSync(
    log,
    [
      line(0, '172.16.17.5', 'https://www.win-rar.com/winrar-x32-622.exe'),
      line(60, '172.16.17.5', 'https://www.win-rar.com/winrar-x32-622.exe'),
      line(1200, '172.16.17.5', 'https://www.win-rar.com/winrar-x32-622.exe'),
      line(5, '10.0.0.9', 'http://example.com/index.html'),
      line(7, '10.0.0.9', 'http://example.com/setup.exe', 403),
    ].join('\n'),
  );
  const store = await openSqliteStore(join(dir, 'w.db'));
  const detector = loadDetector({ ruleDirs: [rules], socPack: false });
  const summary = await ingestFile(store, log, { detect: (events) => detector.detect(events) });
  // exe at 0 s and 60 s fold into one (10 minutes), 1200 s is a new one; the denied exe raises both rules
  assert.deepEqual([summary.alerts, summary.suppressed], [4, 1]);
  const { alerts } = await listAlerts(store, { rule: 'SOC119' });
  assert.equal(alerts.length, 3);
  const first = alerts.find((a) => a.count === 2)!;
  assert.deepEqual(first.fields.map((f) => f.label), [
    'EventID', 'Event Time', 'Rule', 'Level', 'Source Address', 'Source Hostname', 'Destination Address',
    'Destination Hostname', 'Username', 'Request URL', 'User Agent', 'Device Action',
  ]);
  const value = (label: string): string | null => first.fields.find((f) => f.label === label)!.value;
  assert.equal(value('EventID'), String(first.eventId));
  assert.equal(value('Event Time'), '2021-03-21T10:02:11.000Z');
  assert.equal(value('Rule'), 'SOC119 - Proxy - Malicious Executable File Detected');
  assert.equal(value('Level'), 'Security Analyst');
  assert.equal(value('Source Address'), '172.16.17.5');
  assert.equal(value('Destination Address'), '51.195.68.163');
  assert.equal(value('Destination Hostname'), 'www.win-rar.com');
  assert.equal(value('Username'), 'susie');
  assert.equal(value('Device Action'), 'Allowed');
  assert.deepEqual(first.mitre, ['T1204', 'T1204.002']);
  assert.equal(first.channel, 'main');
  const detail = await getAlert(store, first.eventId);
  assert.equal(detail!.events.length, 2, 'the alert links both events it folded');
  const denied = (await listAlerts(store, { rule: 'Denied request' })).alerts;
  assert.equal(denied.length, 1);
  assert.equal(denied[0]!.severity, 'High');
  assert.equal(denied[0]!.fields.find((f) => f.label === 'Device Action')!.value, 'Blocked');
  const blockedExe = alerts.find((a) => a.fields.some((f) => f.label === 'Request URL' && f.value === 'http://example.com/setup.exe'))!;
  assert.equal(blockedExe.fields.find((f) => f.label === 'Device Action')!.value, 'Blocked');

  const ids = alerts.map((a) => a.eventId).sort((a, b) => a - b);
  assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'EventIDs increase');
  const rerun = await detectStored(store, loadDetector({ ruleDirs: [rules], socPack: false }), {});
  assert.equal(rerun.events, 5);
  assert.equal(rerun.alerts, 0, 'alerts already raised for the same events are not raised again');
  assert.equal((await listAlerts(store)).total, 4);
  await store.close();
});
