// The bulk-load writer thread: batches commit in order on its own connection; a failed batch leaves nothing behind and
// every batch after it is refused, so no later batch can mark the failed batch's lines as done.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventToRow } from '../event-rows.ts';
import { toColumns, type RowBatch } from './batch-writer.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { startWriterThread } from './writer-thread.ts';

const dir = mkdtempSync(join(tmpdir(), 'wf-writer-'));

function batch(sourceId: number, first: number, count: number): RowBatch {
  const rows = Array.from({ length: count }, (_, i) => {
    const ts = Date.UTC(2024, 0, 1) + (first + i) * 1000;
    const url = `http://example.com/file-${first + i}.exe`;
    return eventToRow(
      { timestamp: ts, fields: { '@timestamp': new Date(ts).toISOString(), 'event.dataset': 'proxy', 'url.original': url }, raw: `GET ${url}` },
      sourceId,
      first + i,
    );
  });
  return { sourceId, path: 'test.log', rows: toColumns(rows), rejects: [], alerts: [], linesDone: first + count - 1 };
}

test('batches commit in order; a failed batch poisons the ones after it', async () => {
  const file = join(dir, 'writer.db');
  const store = await openSqliteStore(file);
  const source = await store.openSource('identity', 'test.log', 'squid');
  const thread = await startWriterThread(file);
  const first = thread.commit(batch(source.id, 1, 100));
  const second = thread.commit(batch(source.id, 101, 100));
  assert.deepEqual(await first, { created: [], suppressed: 0, duplicates: 0 });
  await second;
  // source 999 does not exist: the foreign key fails the whole transaction
  await assert.rejects(thread.commit(batch(999, 201, 100)), /FOREIGN KEY/);
  await assert.rejects(thread.commit(batch(source.id, 301, 100)), /earlier batch failed/);
  await thread.close();

  const count = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 200);
  const progress = await store.db.selectFrom('sources').select(['lines_done', 'events']).where('id', '=', source.id).executeTakeFirstOrThrow();
  assert.deepEqual(progress, { lines_done: 200, events: 200 });
  await store.close();
});
