// Threat intel feeds detection: indicators imported with the CLI become the lists SOC105/SOC111/SOC112 match on ingest.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/watchfloor.js', import.meta.url));
const PE = fileURLToPath(new URL('./fixtures/pe/signed-x64.exe', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'wf-intel-cli-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--data', data], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('imported indicators raise SOC111 and SOC112 alerts on the traffic that reaches them', async () => {
  const feed = join(data, 'feed.txt');
  writeFileSync(feed, '# our blocklist\nevil-updates[.]top\n185.220.101.47\n');
  const imported = await run(['intel', 'import', '--json', feed]);
  assert.equal(imported.code, 0, imported.stderr);
  const report = JSON.parse(imported.stdout) as { reports: { indicators: number; bad: unknown[] }[] };
  assert.deepEqual([report.reports[0]!.indicators, report.reports[0]!.bad.length], [2, 0]);

  const log = join(data, 'access.log');
  writeFileSync(
    log,
    [
      '1616320931.000    120 172.16.17.5 TCP_MISS/200 5120 GET http://cdn.evil-updates.top/flash.js - HIER_DIRECT/198.51.100.7 application/javascript',
      '1616320932.000    120 172.16.17.6 TCP_MISS/200 512 GET http://185.220.101.47/gate.php - HIER_DIRECT/185.220.101.47 text/html',
      '1616320933.000    120 172.16.17.7 TCP_MISS/200 512 GET http://www.example.org/ - HIER_DIRECT/93.184.216.34 text/html',
    ].join('\n'),
  );
  const ingested = await run(['ingest', '--json', '--no-progress', log]);
  assert.equal(ingested.code, 0, ingested.stderr);
  const alerts = JSON.parse((await run(['alerts', 'list', '--json'])).stdout) as { alerts: { rule: { code: string }; fields: { label: string; value: string | null }[] }[] };
  const byCode = (code: string) => alerts.alerts.filter((a) => a.rule.code === code).map((a) => a.fields.find((f) => f.label === 'Source Address')!.value);
  assert.deepEqual(byCode('SOC111'), ['172.16.17.5'], 'the subdomain of a listed domain');
  assert.deepEqual(byCode('SOC112'), ['172.16.17.6']);
  assert.ok(!alerts.alerts.some((a) => a.fields.some((f) => f.value === '172.16.17.7')), 'unlisted traffic raises nothing');

  const lookup = JSON.parse((await run(['intel', 'lookup', '--json', '--providers', 'local', 'hxxp://cdn.evil-updates[.]top/flash.js'])).stdout) as {
    observable: { type: string; value: string };
    results: { provider: string; verdict: string }[];
  };
  assert.deepEqual(lookup.observable, { ...lookup.observable, type: 'url', value: 'http://cdn.evil-updates.top/flash.js' });
  assert.equal(lookup.results.find((r) => r.provider === 'local')?.verdict, 'suspicious', 'a URL on a listed domain');
  const exact = JSON.parse((await run(['intel', 'lookup', '--json', '--providers', 'local', '185.220.101[.]47'])).stdout) as { results: { provider: string; verdict: string }[] };
  assert.equal(exact.results.find((r) => r.provider === 'local')?.verdict, 'malicious', 'a listed address');
});

test('analyze file reports PE facts and the Authenticode signer; --json carries the whole report', async () => {
  const r = await run(['analyze', 'file', '--json', PE]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    hashes: { sha256: string };
    pe: { machineName: string; imphash: string };
    authenticode: { valid: boolean; signer: { subject: string } };
    storedAt: string;
  };
  assert.equal(report.pe.machineName, 'amd64');
  assert.equal(report.authenticode.valid, true);
  assert.match(report.authenticode.signer.subject, /CN=Watchfloor Test Code Signing/);
  assert.ok(report.storedAt.endsWith(report.hashes.sha256), 'the sample is kept content-addressed');
});
