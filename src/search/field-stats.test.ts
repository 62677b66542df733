// fieldStats and listFields: top values and presence over the most recent matches, counted independently from the events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FieldValue, WatchEvent } from '../events/event.ts';
import { HOT_COLUMNS } from '../store/columns.ts';
import { fieldStats, listFields } from './field-stats.ts';
import { openTestStore, type TestStore } from './test-events.ts';

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(async () => {
  await t.close();
});

/** The newest `limit` events matching, as the store orders them (time, then id). */
function newest(predicate: (e: WatchEvent) => boolean, limit: number): WatchEvent[] {
  const hits = t.events.map((e, i) => ({ e, id: t.ids[i]! })).filter(({ e }) => predicate(e));
  hits.sort((a, b) => b.e.timestamp - a.e.timestamp || b.id - a.id);
  return hits.slice(0, limit).map((h) => h.e);
}

function top(events: WatchEvent[], field: string, size: number): { present: number; values: { value: FieldValue; count: number }[] } {
  const counts = new Map<string | number, number>();
  let present = 0;
  for (const e of events) {
    const v = e.fields[field];
    if (v === undefined) continue;
    present++;
    for (const item of Array.isArray(v) ? v : [v]) counts.set(item as string | number, (counts.get(item as string | number) ?? 0) + 1);
  }
  const values = [...counts].map(([value, count]) => ({ value, count }));
  values.sort((a, b) => b.count - a.count || (typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value) < String(b.value) ? -1 : 1));
  return { present, values: values.slice(0, size) };
}

describe('fieldStats', () => {
  it('gives top values and presence of hot and JSON fields over the sample', async () => {
    const fields = ['sc-status', 'username', 'url.domain', 'tags', 'threat.verdict'];
    const canonical = ['http.response.status_code', 'user.name', 'url.domain', 'tags', 'threat.verdict'];
    for (const [query, predicate] of [
      ['', () => true],
      ['NOT sc-status:200', (e: WatchEvent) => e.fields['http.response.status_code'] !== 200],
    ] as const) {
      const result = await fieldStats(t.store, { query, fields, size: 3, sampleLimit: 150 });
      const sample = newest(predicate, 150);
      assert.equal(result.sampled, sample.length);
      assert.deepEqual(
        result.fields,
        canonical.map((field) => ({ field, ...top(sample, field, 3) })),
      );
    }
  });
  it('covers every hot field but @timestamp by default', async () => {
    const result = await fieldStats(t.store, { query: 'user.name:*' });
    assert.deepEqual(result.fields.map((f) => f.field), Object.keys(HOT_COLUMNS).filter((f) => f !== '@timestamp'));
    const users = result.fields.find((f) => f.field === 'user.name')!;
    assert.equal(users.present, result.sampled);
  });
});

describe('listFields', () => {
  it('lists column fields then the JSON fields seen recently', async () => {
    const names = await listFields(t.store);
    assert.deepEqual(names.slice(0, Object.keys(HOT_COLUMNS).length), Object.keys(HOT_COLUMNS));
    for (const name of ['url.query', 'tags', 'threat.verdict', 'event.duration', 'destination.port']) assert.ok(names.includes(name), name);
    assert.equal(new Set(names).size, names.length);
  });
});
