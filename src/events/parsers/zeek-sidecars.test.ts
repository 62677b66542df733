// Tests finding and indexing the files.log/pe.log beside a Zeek http log: names, real samples, gzip, the fuid cap, bad files.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadZeekSidecars, siblingLogNames } from './zeek-sidecars.ts';

const LOGS = fileURLToPath(new URL('../../../../shared/data/logs/', import.meta.url));

describe('siblingLogNames', () => {
  it('swaps the http token for files/pe, keeping prefix, suffix and trying gzip both ways', () => {
    assert.deepEqual(siblingLogNames('http.log', 'files'), ['files.log', 'files.log.gz']);
    assert.deepEqual(siblingLogNames('http.log.gz', 'pe'), ['pe.log.gz', 'pe.log']);
    assert.deepEqual(siblingLogNames('UTICA-A_http.log', 'files'), ['UTICA-A_files.log', 'UTICA-A_files.log.gz']);
    assert.deepEqual(siblingLogNames('http.00:00:00-01:00:00.log.gz', 'files'), ['files.00:00:00-01:00:00.log.gz', 'files.00:00:00-01:00:00.log']);
    assert.deepEqual(siblingLogNames('core.http.x--http.log.json', 'files'), ['core.http.x--files.log.json', 'core.http.x--files.log.json.gz']);
    assert.deepEqual(siblingLogNames('conn.log', 'files'), []);
    assert.deepEqual(siblingLogNames('myhttp.log', 'files'), []);
  });
});

describe('loadZeekSidecars on the shared samples', () => {
  it('UTICA-A: indexes the one HTTP file of UTICA-A_files.log (the two SSL certificates are not joinable)', async () => {
    const sidecars = await loadZeekSidecars(join(LOGS, 'zeek-otrf/UTICA-A_http.log'));
    assert.ok(sidecars);
    assert.deepEqual(sidecars.sources, [join(LOGS, 'zeek-otrf/UTICA-A_files.log')]);
    assert.deepEqual([...sidecars.files.keys()], ['FbJqNG3VobFODlAgpj']);
    assert.deepEqual(sidecars.files.get('FbJqNG3VobFODlAgpj'), { mime_type: 'application/x-dosexec', total_bytes: 1011864 });
    assert.equal(sidecars.truncated, false);
  });

  it('SCRANTON: files.log and pe.log, with the PE facts on python.exe', async () => {
    const sidecars = await loadZeekSidecars(join(LOGS, 'zeek-otrf/SCRANTON_http.log'));
    assert.ok(sidecars);
    assert.equal(sidecars.sources.length, 2);
    const python = sidecars.files.get('FV8BmBzhLupORXNNc');
    assert.equal(python?.mime_type, 'application/x-dosexec');
    assert.equal(python?.total_bytes, 5305104);
    assert.equal(python?.pe?.['pe.machine'], 'AMD64');
    assert.equal(python?.pe?.['pe.is_64bit'], true);
    assert.equal(python?.pe?.['pe.compile_ts'], '2018-09-04T14:38:49.000Z');
  });

  it('lsass_campaign_01: TSV files.log and pe.log beside http.log', async () => {
    const sidecars = await loadZeekSidecars(join(LOGS, 'zeek-otrf/lsass_campaign_01/http.log'));
    assert.equal(sidecars?.files.size, 3);
    assert.equal(sidecars?.files.get('FmHWcO2PF9wbqM6cil')?.pe?.['pe.machine'], 'AMD64');
  });

  it('is undefined for logs with no http name or no sibling', async () => {
    assert.equal(await loadZeekSidecars(join(LOGS, 'zeek-otrf/lsass_campaign_01/conn.log')), undefined);
    assert.equal(await loadZeekSidecars(join(LOGS, 'zeek-rita/http.log.gz')), undefined);
  });
});

describe('loadZeekSidecars limits and bad files', () => {
  const dirs: string[] = [];
  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads a gzip JSON files.log, stops at the fuid cap and says so, and survives a corrupt gzip pe.log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zeek-sidecars-'));
    dirs.push(dir);
    const rows = ['F1', 'F2', 'F3'].map((fuid) => JSON.stringify({ ts: 1, fuid, source: 'HTTP', md5: `${fuid}-md5` }));
    await writeFile(join(dir, 'files.log.gz'), gzipSync(`${rows.join('\n')}\nnot json at all\n`));
    await writeFile(join(dir, 'pe.log.gz'), Buffer.from('this is not gzip'));
    const sidecars = await loadZeekSidecars(join(dir, 'http.log'), 2);
    assert.ok(sidecars);
    assert.deepEqual([...sidecars.files.keys()], ['F1', 'F2']);
    assert.equal(sidecars.files.get('F2')?.md5, 'F2-md5');
    assert.equal(sidecars.truncated, true);
    assert.equal(sidecars.notes[0], 'Zeek sidecars: indexed the first 2 files; later downloads are not joined to hashes');
    assert.match(sidecars.notes[1] ?? '', /^Zeek sidecars: stopped reading .*pe\.log\.gz at line 0: /);
  });
});
