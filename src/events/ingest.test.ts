import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { generateSquidCombined } from '../../bench/generate-squid.ts';
import { loadDetector } from '../detect/detector.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { EventStore } from '../store/store.ts';
import { ingestFile, IngestError } from './ingest.ts';

const SQUID = fileURLToPath(new URL('../../../shared/data/logs/squid/plaso-squid_access.log', import.meta.url));
const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wf-ingest-'));

async function freshStore(name: string) {
  return openSqliteStore(join(dir, `${name}.db`));
}

test('a real Squid access.log ingests whole, and a second ingest adds nothing', async () => {
  const store = await freshStore('squid');
  const first = await ingestFile(store, SQUID);
  assert.equal(first.format, 'squid');
  assert.deepEqual([first.read, first.ingested, first.rejected, first.duplicates], [8, 8, 0, 0]);
  const again = await ingestFile(store, SQUID);
  assert.deepEqual([again.read, again.ingested, again.rejected, again.duplicates], [8, 0, 0, 8]);
  const copy = join(dir, 'renamed-access.log');
  writeFileSync(copy, readFileSync(SQUID));
  const renamed = await ingestFile(store, copy);
  assert.equal(renamed.ingested, 0, 'the same content under another name is the same source');
  const { n } = (await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
  assert.equal(n, 8);
  await store.close();
});

test('bad lines are rejected with line and reason, the good lines around them are stored', async () => {
  const good = readFileSync(SQUID, 'utf8').split('\n').filter(Boolean);
  const mixed = [good[0], '\u0000\u0001binary junk\uFFFD', good[2], '', 'GET / HTTP/1.1 nonsense', good[3]].join('\r\n');
  const path = join(dir, 'mixed.log');
  writeFileSync(path, mixed);
  const store = await freshStore('mixed');
  const summary = await ingestFile(store, path, { format: 'squid' });
  assert.equal(summary.ingested, 3);
  const rejects = await store.db.selectFrom('rejects').select(['path', 'line_no', 'reason', 'raw']).orderBy('line_no').execute();
  assert.deepEqual(rejects.map((r) => r.line_no), [2, 5]);
  assert.equal(summary.rejected, 2);
  for (const r of rejects) {
    assert.equal(r.path, path);
    assert.ok(r.reason.length > 5, r.reason);
  }
  assert.equal(rejects[1]!.raw, 'GET / HTTP/1.1 nonsense');
  await store.close();
});

test('a file whose format changes halfway keeps the first format and rejects the rest, line by line', async () => {
  const squid = readFileSync(SQUID, 'utf8').trimEnd();
  const kv = 'Date: 2021-03-21T13:02:11+03:00 · Type: Proxy · Source Address: 172.16.17.5';
  const path = join(dir, 'switch.log');
  writeFileSync(path, `${squid}\n${kv}\n${kv}\n`);
  const store = await freshStore('switch');
  const summary = await ingestFile(store, path);
  assert.deepEqual([summary.format, summary.ingested, summary.rejected], ['squid', 8, 2]);
  await store.close();
});

test('an empty file or an unknown format is a clear error, not a crash', async () => {
  const store = await freshStore('errors');
  const empty = join(dir, 'empty.log');
  writeFileSync(empty, '');
  await assert.rejects(ingestFile(store, empty), (e: unknown) => e instanceof IngestError && /the file is empty/.test(e.message));
  const junk = join(dir, 'junk.bin');
  writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  await assert.rejects(ingestFile(store, junk), /cannot detect the format/);
  await assert.rejects(ingestFile(store, join(dir, 'missing.log')), /missing\.log: .*ENOENT|no such file/);
  await store.close();
});

test('a wrong --format rejects every line with a reason and stores nothing', async () => {
  const store = await freshStore('wrong');
  const summary = await ingestFile(store, SQUID, { format: 'elff' });
  assert.deepEqual([summary.ingested, summary.rejected], [0, 8]);
  await store.close();
});

test('a truncated gzip stores what came before the damage and says why it stopped', async () => {
  const lines = readFileSync(SQUID, 'utf8').trimEnd().split('\n');
  const text = Array.from({ length: 20_000 }, (_, i) => lines[i % lines.length]!.replace(/^\d+/, String(1677971734 + i))).join('\n');
  const gz = gzipSync(text);
  const path = join(dir, 'cut.log.gz');
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
  const store = await freshStore('cut');
  const summary = await ingestFile(store, path);
  assert.match(summary.error ?? '', /unexpected end of file/);
  assert.ok(summary.ingested > 1000 && summary.ingested < 20_000, `ingested ${summary.ingested}`);
  await store.close();
});

const bigLog = join(dir, 'big.log');
const BIG = 400_000;

for (const mode of ['--no-bulk', '--bulk']) test(`SIGKILL mid-ingest (${mode}) leaves a consistent database; a re-run completes the file without duplicates`, async () => {
  const log = bigLog;
  const total = BIG;
  if (mode === '--no-bulk') await generateSquidCombined(log, total, 7);
  const data = join(dir, `killed${mode}`);
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'ingest', '--data', data, '--no-progress', mode, log], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const dbFile = join(data, 'watchfloor.db');
  let committed = 0;
  for (let i = 0; i < 600 && committed === 0 && exitCode === undefined; i++) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
      committed = (db.prepare('SELECT coalesce(max(lines_done), 0) AS n FROM sources').get() as { n: number }).n;
      db.close();
    } catch {
      // not created yet
    }
  }
  const endedByItself = exitCode !== undefined;
  child.kill('SIGKILL');
  await exited;
  assert.equal(endedByItself, false, `the ingest ended by itself before it was killed: ${stderr}`);
  assert.ok(committed > 0 && committed < total, `killed after ${committed} committed lines`);

  const db = new BetterSqlite3(dbFile);
  assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  const indexes = () => (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'").get() as { n: number }).n;
  assert.equal(indexes(), mode === '--bulk' ? 1 : 6, 'a bulk load runs with only the time index');
  const merging = (handle: BetterSqlite3.Database) =>
    ['events_text', 'events_url'].map((t) => handle.prepare(`SELECT group_concat(k || '=' || v, ' ') AS c FROM (SELECT k, v FROM ${t}_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k)`).get());
  if (mode === '--bulk') assert.deepEqual(merging(db), Array(2).fill({ c: 'automerge=0 crisismerge=64' }), 'FTS merging deferred during a bulk load');
  const done = (db.prepare('SELECT lines_done AS n FROM sources').get() as { n: number }).n;
  const stored = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  assert.equal(stored, done, 'every committed batch is whole: one event per committed line');
  assert.ok(done < total);
  db.close();

  const store = await openSqliteStore(dbFile);
  const reopened = new BetterSqlite3(dbFile, { readonly: true });
  assert.equal((reopened.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'").get() as { n: number }).n, 6, 'reopening rebuilds the indexes');
  assert.deepEqual(merging(reopened), Array(2).fill({ c: 'automerge=4 crisismerge=16' }), 'and puts FTS merging back to its defaults');
  reopened.close();
  const rerun = await ingestFile(store, log, { bulk: false });
  assert.equal(rerun.duplicates, done);
  assert.equal(rerun.ingested, total - done);
  await store.close();
  const check = new BetterSqlite3(dbFile, { readonly: true });
  const row = check.prepare('SELECT count(*) AS n, count(DISTINCT line_no) AS lines, min(line_no) AS lo, max(line_no) AS hi FROM events').get();
  assert.deepEqual(row, { n: total, lines: total, lo: 1, hi: total });
  const fts = check.prepare("SELECT count(*) AS n FROM events_text WHERE events_text MATCH 'HTTP'").get() as { n: number };
  assert.equal(fts.n, total, 'the full-text index holds each event once');
  check.close();
});

test('a bulk load through the writer thread stores exactly what a load in process stores: rows, indexes, counts, alerts', async () => {
  const log = join(dir, 'pipelined.log');
  await generateSquidCombined(log, 30_000, 11);
  const load = async (name: string, bulk: boolean) => {
    const store = await freshStore(name);
    const detector = loadDetector();
    const summary = await ingestFile(store, log, { bulk, batchSize: 4_000, detect: (events) => detector.detect(events) });
    await store.close();
    const db = new BetterSqlite3(join(dir, `${name}.db`), { readonly: true });
    const one = (q: string): unknown => db.prepare(q).get();
    const contents = {
      events: one('SELECT count(*) AS n, sum(line_no) AS lines, sum(length(raw)) AS bytes, max(id) AS last FROM events'),
      text: one("SELECT count(*) AS n FROM events_text WHERE events_text MATCH 'HTTP'"),
      urls: one("SELECT count(*) AS n FROM events_url WHERE url_original LIKE '%.exe%'"),
      minutes: one('SELECT count(*) AS n, sum(count) AS events FROM event_minutes'),
      alerts: db.prepare('SELECT a.rule_code, a.count, group_concat(ae.event_id) AS events FROM alerts a JOIN alert_events ae ON ae.alert_id = a.id GROUP BY a.id ORDER BY a.id').all(),
      indexes: one("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'"),
      source: one('SELECT lines_done, events, rejected, finished_at IS NOT NULL AS finished FROM sources'),
    };
    db.close();
    return { summary, contents };
  };
  const threaded = await load('pipelined-bulk', true);
  const inProcess = await load('pipelined-plain', false);
  assert.equal(threaded.summary.ingested, 30_000);
  assert.ok(threaded.summary.alerts > 0, 'the generated downloads raise alerts');
  assert.deepEqual(
    [threaded.summary.ingested, threaded.summary.rejected, threaded.summary.alerts, threaded.summary.suppressed],
    [inProcess.summary.ingested, inProcess.summary.rejected, inProcess.summary.alerts, inProcess.summary.suppressed],
  );
  assert.deepEqual(threaded.contents, inProcess.contents);
});

test('a commit that fails in a threaded bulk load ends the ingest with its error: nothing after it is written, nothing unhandled', async () => {
  const log = join(dir, 'failing.log');
  await generateSquidCombined(log, 12_000, 5);
  const real = await freshStore('failing');
  let batches = 0;
  let firstBatchLines = 0;
  // the second batch names a source that does not exist: its foreign key fails on the writer thread
  const store: EventStore = {
    ...real,
    async beginBulkLoad(expected, force) {
      const bulk = await real.beginBulkLoad(expected, force);
      assert.ok(bulk);
      return {
        ...bulk,
        commitBatch(batch) {
          if (++batches === 1) firstBatchLines = batch.linesDone;
          return bulk.commitBatch(batches === 2 ? { ...batch, sourceId: 999 } : batch);
        },
      };
    },
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await assert.rejects(ingestFile(store, log, { bulk: true, batchSize: 2_000 }), /FOREIGN KEY/);
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  assert.deepEqual(unhandled, []);
  assert.ok(batches >= 2 && firstBatchLines > 0 && firstBatchLines < 12_000);
  const source = await real.db.selectFrom('sources').select(['lines_done', 'events', 'finished_at']).executeTakeFirstOrThrow();
  assert.deepEqual(source, { lines_done: firstBatchLines, events: firstBatchLines, finished_at: null });
  const stored = await real.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(stored.n), firstBatchLines, 'only the batch before the failure');
  await real.close();
  const db = new BetterSqlite3(join(dir, 'failing.db'), { readonly: true });
  const indexes = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'").get();
  db.close();
  assert.deepEqual(indexes, { n: 6 }, 'the indexes are rebuilt after the failed load');
});

test('long lines end a batch early, so a batch stays bounded in memory whatever the line count', async () => {
  const log = join(dir, 'wide.log');
  writeFileSync(log, Array.from({ length: 40 }, (_, i) => `${i} ${'x'.repeat(1 << 20)}`).join('\n') + '\n');
  const real = await freshStore('wide');
  let commits = 0;
  const store: EventStore = { ...real, commitBatch: (batch) => (commits++, real.commitBatch(batch)) };
  const summary = await ingestFile(store, log, { format: 'squid', bulk: false });
  assert.equal(summary.rejected, 40);
  assert.ok(commits >= 3, `40 MiB of lines in ${commits} batches`);
  await real.close();
});

