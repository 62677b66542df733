// Local indicators (table indicators + indicator_tags): merge-on-import writes, the Threat Intel page query, and value lists for rules.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { EventStore } from '../store/store.ts';
import { detectObservable, type IndicatorType } from './observable.ts';
import { intelDb, runReusable, type IntelTables } from './tables.ts';
import { parseTlp, type Tlp } from './tlp.ts';

export interface IndicatorInput {
  type: IndicatorType;
  /** Already normalised (importers use normaliseAs). */
  value: string;
  source: string;
  tags?: readonly string[];
  /** Epoch ms; default: now. */
  firstSeen?: number;
  lastSeen?: number;
  description?: string | null;
  tlp?: Tlp | null;
}

export interface Indicator {
  id: number;
  type: IndicatorType;
  value: string;
  source: string;
  tags: string[];
  description: string | null;
  tlp: Tlp | null;
  firstSeen: string;
  lastSeen: string;
}

export interface UpsertSummary {
  inserted: number;
  updated: number;
}

type Store = Pick<EventStore, 'db'>;
type Eb = ExpressionBuilder<Database & IntelTables, 'indicators'>;

const TLP_RANK = (column: string) =>
  sql`CASE ${sql.ref(column)} WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2 WHEN 'amber+strict' THEN 3 WHEN 'red' THEN 4 ELSE -1 END`;

function cleanTags(tags: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of tags ?? []) {
    const tag = t.trim();
    if (tag !== '' && tag.length <= 200) out.add(tag);
  }
  return [...out];
}

/**
 * Adds indicators, merging with what (type, value, source) already holds: tags are united, first_seen keeps the
 * earliest, last_seen the latest, the description the newest given, TLP the most restrictive. One transaction.
 */
export async function upsertIndicators(store: Store, inputs: readonly IndicatorInput[], now = Date.now()): Promise<UpsertSummary> {
  if (inputs.length === 0) return { inserted: 0, updated: 0 };
  return intelDb(store).transaction().execute(async (trx) => {
    const count = async () => Number((await trx.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const touched = new Set<number>();
    for (const input of inputs) {
      const tags = cleanTags(input.tags);
      const row = await trx
        .insertInto('indicators')
        .values({
          type: input.type,
          value: input.value,
          source: input.source,
          tags: JSON.stringify(tags),
          description: input.description ?? null,
          tlp: input.tlp ?? null,
          first_seen: input.firstSeen ?? input.lastSeen ?? now,
          last_seen: input.lastSeen ?? input.firstSeen ?? now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['type', 'value', 'source']).doUpdateSet({
            first_seen: sql<number>`min(indicators.first_seen, excluded.first_seen)`,
            last_seen: sql<number>`max(indicators.last_seen, excluded.last_seen)`,
            description: sql<string | null>`coalesce(excluded.description, indicators.description)`,
            tlp: sql<string | null>`CASE WHEN ${TLP_RANK('excluded.tlp')} > ${TLP_RANK('indicators.tlp')} THEN excluded.tlp ELSE indicators.tlp END`,
            updated_at: now,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      if (tags.length > 0) {
        await trx.insertInto('indicator_tags').values(tags.map((tag) => ({ tag, indicator_id: row.id }))).onConflict((oc) => oc.doNothing()).execute();
        touched.add(row.id);
      }
    }
    const ids = [...touched];
    for (let i = 0; i < ids.length; i += 500) {
      await sql`UPDATE indicators SET tags = (SELECT json_group_array(tag) FROM (SELECT tag FROM indicator_tags WHERE indicator_id = indicators.id ORDER BY tag))
        WHERE id IN (${sql.join(ids.slice(i, i + 500))})`.execute(trx);
    }
    const inserted = (await count()) - before;
    return { inserted, updated: inputs.length - inserted };
  });
}

export interface IndicatorFilters {
  /** Free text: a substring of the value, description, source or a tag. */
  text?: string;
  /** One type, or 'hash' for md5 + sha1 + sha256. */
  type?: IndicatorType | 'hash';
  /** Exact value (normalised the way imports are). */
  value?: string;
  tag?: string;
  source?: string;
  /** Seen within [from, to] (epoch ms or ISO): first_seen ≤ to and last_seen ≥ from. */
  from?: number | string;
  to?: number | string;
}

export interface IndicatorQuery extends IndicatorFilters {
  /** Page size, default 50, at most 1,000. */
  limit?: number;
  offset?: number;
  /** From a previous page's nextCursor (newest last_seen first). */
  cursor?: string;
}

export interface IndicatorPage {
  items: Indicator[];
  total: number;
  nextCursor: string | null;
}

export class IndicatorQueryError extends Error {}

function toMs(t: number | string, what: string): number {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new IndicatorQueryError(`${what} is not a date: ${String(t)}`);
  return ms;
}

function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

function filterExpr(eb: Eb, f: IndicatorFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.type === 'hash') parts.push(eb('indicators.type', 'in', ['md5', 'sha1', 'sha256']));
  else if (f.type !== undefined) parts.push(eb('indicators.type', '=', f.type));
  if (f.value !== undefined && f.value.trim() !== '') {
    const detected = detectObservable(f.value);
    const value = detected.ok ? detected.observable.value : f.value.trim();
    parts.push(eb('indicators.value', '=', value));
  }
  if (f.source !== undefined) parts.push(eb('indicators.source', '=', f.source));
  if (f.tag !== undefined) {
    parts.push(eb.exists(eb.selectFrom('indicator_tags').select('indicator_tags.tag').whereRef('indicator_tags.indicator_id', '=', 'indicators.id').where('indicator_tags.tag', '=', f.tag)));
  }
  if (f.from !== undefined) parts.push(eb('indicators.last_seen', '>=', toMs(f.from, 'from')));
  if (f.to !== undefined) parts.push(eb('indicators.first_seen', '<=', toMs(f.to, 'to')));
  if (f.text !== undefined && f.text.trim() !== '') {
    const pattern = like(f.text.trim());
    parts.push(
      eb.or(
        (['indicators.value', 'indicators.description', 'indicators.source', 'indicators.tags'] as const).map(
          (c) => sql<SqlBool>`${sql.ref(c)} LIKE ${pattern} ESCAPE '\\'`,
        ),
      ),
    );
  }
  return eb.and(parts);
}

function present(row: { id: number; type: string; value: string; source: string; tags: string; description: string | null; tlp: string | null; first_seen: number; last_seen: number }): Indicator {
  return {
    id: row.id,
    type: row.type as IndicatorType,
    value: row.value,
    source: row.source,
    tags: JSON.parse(row.tags) as string[],
    description: row.description,
    tlp: parseTlp(row.tlp) ?? null,
    firstSeen: new Date(row.first_seen).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
  };
}

function encodeCursor(lastSeen: number, id: number): string {
  return Buffer.from(`i1.${lastSeen}.${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { lastSeen: number; id: number } {
  const m = /^i1\.(-?\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new IndicatorQueryError('invalid cursor');
  return { lastSeen: Number(m[1]), id: Number(m[2]) };
}

/** One page of indicators, newest last_seen first, with the total matching the filters. */
export async function queryIndicators(store: Store, q: IndicatorQuery = {}): Promise<IndicatorPage> {
  const db = intelDb(store);
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 50)), 1000);
  const total = Number(
    (await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).where((eb) => filterExpr(eb, q)).executeTakeFirstOrThrow()).n,
  );
  let query = db.selectFrom('indicators').selectAll().where((eb) => filterExpr(eb, q));
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('last_seen', '<', c.lastSeen), eb.and([eb('last_seen', '=', c.lastSeen), eb('id', '<', c.id)])]));
  } else if (q.offset !== undefined && q.offset > 0) {
    query = query.offset(Math.trunc(q.offset));
  }
  const rows = await query.orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(present), total, nextCursor: more && last ? encodeCursor(last.last_seen, last.id) : null };
}

export type IndicatorCounts = Record<IndicatorType | 'hash' | 'total', number>;

/** Counters for the Threat Intel page (per type, plus hash = md5 + sha1 + sha256), under the same filters minus the type. */
export async function countIndicators(store: Store, filters: Omit<IndicatorFilters, 'type'> = {}): Promise<IndicatorCounts> {
  const rows = await intelDb(store)
    .selectFrom('indicators')
    .select((eb) => ['type', eb.fn.countAll().as('n')])
    .where((eb) => filterExpr(eb, filters))
    .groupBy('type')
    .execute();
  const counts: IndicatorCounts = { url: 0, domain: 0, ip: 0, md5: 0, sha1: 0, sha256: 0, email: 0, hash: 0, total: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.type in counts) counts[r.type as IndicatorType] += n;
    counts.total += n;
  }
  counts.hash = counts.md5 + counts.sha1 + counts.sha256;
  return counts;
}

/** Distinct values of one type, sorted: the lists behind the Sigma placeholders watchfloor_intel_url / _domain / _ip. */
export async function indicatorValues(store: Store, type: IndicatorType): Promise<string[]> {
  const rows = await intelDb(store).selectFrom('indicators').select('value').distinct().where('type', '=', type).orderBy('value').execute();
  return rows.map((r) => r.value);
}

/** The Sigma placeholder values for detection rules (SOC105, SOC111, SOC112). */
export async function intelPlaceholders(store: Store): Promise<Record<'watchfloor_intel_url' | 'watchfloor_intel_domain' | 'watchfloor_intel_ip', string[]>> {
  return {
    watchfloor_intel_url: await indicatorValues(store, 'url'),
    watchfloor_intel_domain: await indicatorValues(store, 'domain'),
    watchfloor_intel_ip: await indicatorValues(store, 'ip'),
  };
}

/** Indicators holding exactly these (type, value) pairs. */
export async function findIndicators(store: Store, keys: readonly { type: IndicatorType; value: string }[]): Promise<Indicator[]> {
  if (keys.length === 0) return [];
  const db = intelDb(store);
  const values = [...new Set(keys.map((k) => k.value))];
  // Compiled once per number of values (lookups ask for 1–3): the hot path of every lookup.
  const rows = await runReusable(store.db, `findIndicators:${values.length}`, () => db.selectFrom('indicators').selectAll().where('value', 'in', values), values);
  return rows.filter((r) => keys.some((k) => k.type === r.type && k.value === r.value)).map(present);
}

/** Removes every indicator of a source (before re-importing a feed that dropped entries). */
export async function deleteIndicatorSource(store: Store, source: string): Promise<number> {
  const res = await intelDb(store).deleteFrom('indicators').where('source', '=', source).executeTakeFirst();
  return Number(res.numDeletedRows);
}
