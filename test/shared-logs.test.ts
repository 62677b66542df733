// Every real log under ../shared/data/logs ingests through the normal pipeline with auto-detection: no crash, known counts.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ingestFile, IngestError } from '../src/events/ingest.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const LOGS = fileURLToPath(new URL('../../shared/data/logs', import.meta.url));

function logFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return logFiles(path);
    return /\.(log|gz|json)$/.test(name) ? [path] : [];
  });
}

test('every shared log file ingests with auto-detection and no crash', async () => {
  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'wf-shared-')), 'w.db'));
  const files = logFiles(LOGS).sort();
  assert.ok(files.length >= 60, `found ${files.length} log files`);
  const results = new Map<string, { format: string; ingested: number; rejected: number }>();
  for (const file of files) {
    try {
      const s = await ingestFile(store, file);
      assert.equal(s.error, undefined, `${file}: ${s.error}`);
      assert.equal(s.read, s.ingested + s.rejected + (s.read - s.ingested - s.rejected), 'every line is accounted for');
      results.set(relative(LOGS, file), { format: s.format, ingested: s.ingested, rejected: s.rejected });
    } catch (error) {
      // only a clear, typed refusal is acceptable, never a crash
      assert.ok(error instanceof IngestError, `${file}: ${String(error)}`);
      results.set(relative(LOGS, file), { format: 'refused', ingested: 0, rejected: 0 });
    }
  }
  assert.deepEqual(results.get('squid/plaso-squid_access.log'), { format: 'squid', ingested: 8, rejected: 0 });
  assert.deepEqual(results.get('zeek-rita/http.log.gz'), { format: 'zeek', ingested: 27_204, rejected: 0 });
  assert.deepEqual(results.get('zeek-rita/proxy-http.log'), { format: 'zeek', ingested: 407, rejected: 0 });
  for (const name of ['zeek-otrf/UTICA-A_http.log', 'zeek-otrf/SCRANTON_http.log', 'zeek-otrf/lsass_campaign_01/http.log']) {
    const r = results.get(name);
    assert.equal(r?.format, 'zeek', name);
    assert.equal(r?.rejected, 0, name);
    assert.ok((r?.ingested ?? 0) > 0, name);
  }
  const refused = [...results].filter(([, r]) => r.format === 'refused').map(([name]) => name);
  assert.deepEqual(refused, [], 'every shared file is recognised');
  await store.close();
});
