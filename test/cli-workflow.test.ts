// CLI parity: the EventID 83 walkthrough from the command line, as a named user, scored like the API's.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/watchfloor.js', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'wf-cli-flow-'));

function wf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--data', data], (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

test('EventID 83 from the command line: take, case, playbook, artifacts, note, close — scored', async () => {
  assert.equal((await wf('scenario', 'load', 'soc119-event83')).code, 0);
  assert.match((await wf('users', 'add', 'susie', '--role', 'analyst')).stdout, /susie \(analyst\) password: \S{12,}/);
  assert.equal((await wf('alerts', 'take', '83')).code, 3, 'a user must be named, and exist');
  assert.match((await wf('alerts', 'take', '83', '--as', 'susie')).stdout, /EventID 83 is now owned by susie/);
  assert.equal((await wf('alerts', 'take', '83', '--as', 'susie')).code, 2, 'taking it twice is a conflict');
  assert.match((await wf('alerts', 'case', '83', '--as', 'susie')).stdout, /case 1 created/);
  assert.equal((await wf('case', 'answer', '1', 'analyze-url-address', 'Non-malicious', '--as', 'susie')).code, 2, 'out of order');
  for (const step of ['collection-data', 'search-log']) assert.equal((await wf('case', 'answer', '1', step, '--as', 'susie')).code, 0);
  assert.match((await wf('case', 'answer', '1', 'analyze-url-address', 'Non-malicious', '--as', 'susie')).stdout, /next step: Add Artifacts/);
  assert.equal((await wf('case', 'artifact', '1', 'IP Address=172.16.17.5=SusieHost', 'IP Address=51.195.68.163', '--as', 'susie')).code, 0);
  assert.equal((await wf('case', 'note', '1', 'Genuine WinRAR installer.', '--as', 'susie')).code, 0);
  const show = await wf('case', 'show', '1');
  assert.match(show.stdout, /Incident Name : EventID: 83 - \[SOC119 - Proxy - Malicious Executable File Detected\]/);
  const closed = await wf('alerts', 'close', '83', '--verdict', 'False Positive', '--note', 'Legitimate download.', '--as', 'susie');
  assert.match(closed.stdout, /Answer: False Positive \(\+5 Point\)/);
  assert.match(closed.stdout, /Analyze URL Address \(\+5 Point\)/);
  const metrics = JSON.parse((await wf('metrics', '--json')).stdout) as { alerts: { closed: number }; analysts: { analyst: string }[] };
  assert.equal(metrics.alerts.closed, 1);
  assert.deepEqual(metrics.analysts.map((a) => a.analyst), ['susie']);
  const hosts = await wf('hosts', 'chrome.exe');
  assert.match(hosts.stdout, /SusieHost .* Agent Down/);
});

test('a site mapping in the data folder changes which playbook a case starts with', async () => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(data, 'playbook-mapping.yaml'), 'types:\n  Proxy: threat-intel\n');
  assert.equal((await wf('alerts', 'take', '79', '--as', 'susie')).code, 0);
  const created = await wf('alerts', 'case', '79', '--as', 'susie');
  const caseId = /case (\d+)/.exec(created.stdout)![1]!;
  assert.match((await wf('case', 'show', caseId)).stdout, /Playbook: Threat Intel/);
});
