// Correlation windows outlive an ingest run: four downloads split over two log files, ingested by two runs of the CLI,
// are one correlation alert, as they would be in one file; the second file alone raises nothing. Windows never count
// events twice (a failed commit), never join events a window apart (a backfilled log) and survive runs with other rules.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
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

const otherRules = join(work, 'other-rules');
mkdirSync(otherRules);
writeFileSync(
  join(otherRules, 'exe-burst.yml'),
  `title: Executable download
name: exe_download
logsource:
    category: proxy
detection:
    sel:
        cs-uri|endswith: '.exe'
    condition: sel
---
title: Burst of executable downloads
correlation:
    type: event_count
    rules:
        - exe_download
    group-by:
        - source.ip
    timespan: 10m
    condition:
        gte: 3
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

test('a file whose commit failed leaves no window behind: its events are counted once, when a re-run commits them', async () => {
  const data = join(work, 'failed');
  assert.equal(await burstAlerts(data), 0, 'the store exists, migrated');
  // a real SQLite failure in the middle of the commit: the batch is rolled back
  const db = new BetterSqlite3(join(data, 'watchfloor.db'));
  db.exec("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.line_no = 2 BEGIN SELECT RAISE(ABORT, 'disk full, say'); END");
  db.close();
  const failed = await run(data, ['ingest', '--no-progress', first, '--rules', rules]);
  assert.match(failed.stdout, /disk full, say/);
  const fixed = new BetterSqlite3(join(data, 'watchfloor.db'));
  fixed.exec('DROP TRIGGER refuse');
  fixed.close();
  assert.equal((await run(data, ['ingest', '--no-progress', first, '--rules', rules])).code, 0);
  assert.equal(await burstAlerts(data), 0, 'two downloads, however many attempts it took to store them, are not a burst');
});

test('a log backfilled after newer ones does not join windows a month apart', async () => {
  const data = join(work, 'backfill');
  assert.equal((await run(data, ['ingest', '--no-progress', first, '--rules', rules])).code, 0);
  const older = join(work, 'older.log');
  const month = 30 * 86_400;
  writeFileSync(older, [line(T - month, '10.1.1.1', 5), line(T - month + 60, '10.1.1.1', 6)].join('\n'));
  assert.equal((await run(data, ['ingest', '--no-progress', older, '--rules', rules])).code, 0);
  assert.equal(await burstAlerts(data), 0);
});

test("a run with other rules leaves the first rule set's windows in place", async () => {
  const data = join(work, 'rule-sets');
  assert.equal((await run(data, ['ingest', '--no-progress', first, '--rules', rules])).code, 0);
  const exe = join(work, 'exe.log');
  writeFileSync(exe, `${T + 90}.000    120 10.9.9.9 TCP_MISS/200 5120 GET http://dl.example.org/setup.exe - HIER_DIRECT/198.51.100.9 application/octet-stream`);
  assert.equal((await run(data, ['ingest', '--no-progress', exe, '--rules', otherRules])).code, 0);
  assert.equal((await run(data, ['ingest', '--no-progress', second, '--rules', rules])).code, 0);
  assert.equal(await burstAlerts(data), 1, 'the archive windows outlived the run with the executable rules');
});

test('after a commit fails partway, the windows of the batches that did commit carry on to the re-run', async () => {
  const data = join(work, 'partial');
  const big = join(work, 'big.log');
  const filler = (i: number) => `${T + 1}.000    80 10.2.${(i >> 8) & 255}.${i & 255} TCP_MISS/200 900 GET http://www.example.org/page${i} - HIER_DIRECT/198.51.100.7 text/html`;
  const lines = Array.from({ length: 10_004 }, (_, i) => filler(i));
  lines[99] = line(T, '10.1.1.1', 1);
  lines[100] = line(T + 1, '10.1.1.1', 2);
  lines[10_002] = line(T + 60, '10.1.1.1', 3);
  lines[10_003] = line(T + 61, '10.1.1.1', 4);
  writeFileSync(big, lines.join('\n'));

  const clean = join(work, 'partial-clean');
  assert.equal((await run(clean, ['ingest', '--no-progress', '--bulk', big, '--rules', rules])).code, 0);
  assert.equal(await burstAlerts(clean), 1, 'in one go, the four downloads are a burst');

  assert.equal(await burstAlerts(data), 0, 'the store exists, migrated');
  const db = new BetterSqlite3(join(data, 'watchfloor.db'));
  db.exec("CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.line_no = 10004 BEGIN SELECT RAISE(ABORT, 'disk full, say'); END");
  db.close();
  // bulk batches are about 10,000 lines: the first (two downloads) commits, the one with the last line fails
  const failed = await run(data, ['ingest', '--no-progress', '--bulk', big, '--rules', rules]);
  assert.match(failed.stdout, /disk full, say/);
  const fixed = new BetterSqlite3(join(data, 'watchfloor.db'));
  fixed.exec('DROP TRIGGER refuse');
  fixed.close();
  const rerun = await run(data, ['ingest', '--no-progress', '--bulk', big, '--rules', rules]);
  assert.equal(rerun.code, 0, rerun.stderr);
  const duplicates = Number(/duplicates (\d+)/.exec(rerun.stdout)?.[1]);
  assert.ok(duplicates >= 10_000 && duplicates < 10_004, `the committed lines are skipped: ${duplicates}`);
  assert.equal(await burstAlerts(data), 1, 'the committed half of the burst was remembered');
});
