// Correlation windows outlive an ingest run: four downloads split over two log files, ingested by two runs of the CLI,
// are one correlation alert, as they would be in one file; the second file alone raises nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/watchfloor.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'wf-corr-state-'));
const rules = join(work, 'rules');
mkdirSync(rules);
writeFileSync(
  join(rules, 'archive-burst.yml'),
  `title: Archive download
name: archive_download
logsource:
    category: proxy
detection:
    sel:
        cs-host|endswith: '.archive.example'
    condition: sel
---
title: Burst of archive downloads
correlation:
    type: event_count
    rules:
        - archive_download
    group-by:
        - source.ip
    timespan: 10m
    condition:
        gte: 4
`,
);

const line = (t: number, ip: string, n: number) =>
  `${t}.000    120 ${ip} TCP_MISS/200 5120 GET http://dl.archive.example/part${n}.zip - HIER_DIRECT/198.51.100.9 application/zip`;
const T = 1_616_320_931;
const first = join(work, 'a.log');
const second = join(work, 'b.log');
writeFileSync(first, [line(T, '10.1.1.1', 1), line(T + 60, '10.1.1.1', 2)].join('\n'));
writeFileSync(second, [line(T + 120, '10.1.1.1', 3), line(T + 180, '10.1.1.1', 4)].join('\n'));

function run(data: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--data', data], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function burstAlerts(data: string): Promise<number> {
  const listed = await run(data, ['alerts', 'list', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const { alerts } = JSON.parse(listed.stdout) as { alerts: { rule: { name: string } }[] };
  return alerts.filter((a) => a.rule.name === 'Burst of archive downloads').length;
}

test('a correlation spanning two ingest runs raises its alert; the second file alone does not', async () => {
  const data = join(work, 'split');
  const a = await run(data, ['ingest', '--no-progress', first, '--rules', rules]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(await burstAlerts(data), 0, 'two downloads are not a burst');
  const b = await run(data, ['ingest', '--no-progress', second, '--rules', rules]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /correlation windows carried over from earlier runs: 1\b/);
  assert.equal(await burstAlerts(data), 1);

  const alone = join(work, 'alone');
  assert.equal((await run(alone, ['ingest', '--no-progress', second, '--rules', rules])).code, 0);
  assert.equal(await burstAlerts(alone), 0);
});
