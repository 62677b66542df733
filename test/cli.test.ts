// The watchfloor command as a user runs it: bin entry, --json contract, exit codes, help.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/watchfloor.js', import.meta.url));
const SQUID = fileURLToPath(new URL('../../shared/data/logs/squid/plaso-squid_access.log', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'wf-cli-'));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('ingest --json prints one versioned JSON document with the summary', async () => {
  const r = await run(['ingest', '--data', data, '--json', SQUID]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { version: number; kind: string; totals: Record<string, number>; files: { format: string }[] };
  assert.equal(out.version, 1);
  assert.equal(out.kind, 'ingest');
  assert.deepEqual(out.totals && { read: out.totals.read, ingested: out.totals.ingested, rejected: out.totals.rejected }, { read: 8, ingested: 8, rejected: 0 });
  assert.equal(out.files[0]!.format, 'squid');
});

test('search prints matching events; --json carries them whole', async () => {
  const text = await run(['search', '--data', data, 'url.domain:example.com AND http.response.status_code:>=400']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /2 of 2 events/);
  const json = await run(['search', '--data', data, '--json', '--sort', 'asc', 'source.ip:2001:db8::/32']);
  const out = JSON.parse(json.stdout) as { events: { fields: Record<string, unknown> }[] };
  assert.deepEqual(out.events.map((e) => e.fields['user.name']), ['admin']);
});

test('a query error exits 2 and names the position', async () => {
  const r = await run(['search', '--data', data, 'url.domain:(']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /query error: .* at \d+/);
});

test('a file that cannot be read is reported and the exit code says so; rejects lists kept lines', async () => {
  const junk = join(data, 'junk.log');
  writeFileSync(junk, '1677971734.079 x\nnot a log line at all\n');
  const r = await run(['ingest', '--data', data, '--format', 'squid', junk, join(data, 'missing.log')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /junk\.log \[squid\]: read 2, ingested 0, rejected 2/);
  assert.match(r.stdout, /✗ .*missing\.log: /);
  const rejects = await run(['rejects', '--data', data, '--json']);
  const out = JSON.parse(rejects.stdout) as { rejects: { path: string; line: number; reason: string }[] };
  assert.deepEqual(out.rejects.map((x) => x.line), [1, 2]);
  assert.ok(out.rejects.every((x) => x.path === junk && x.reason.length > 0));
});

test('--help explains every command', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  for (const command of ['ingest', 'search', 'rejects', 'serve']) assert.match(r.stdout, new RegExp(`\\b${command}\\b`));
  const ingest = await run(['ingest', '--help']);
  assert.match(ingest.stdout, /--squid-logformat/);
  assert.match(ingest.stdout, /choices: "auto", "squid"/);
});
