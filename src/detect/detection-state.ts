// Correlation windows kept in the store between ingest runs: a brute force split over two log files is still one brute
// force. Saved after each file, restored when a detector starts; a rule whose definition changed starts afresh.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Detector } from './detector.ts';
import type { RestoreResult } from './sigma/correlation.ts';

type DetectionStateTables = { detection_state: { name: string; state: string; updated_at: number } };

const CORRELATIONS = 'correlations';

const stateDb = (store: { db: Kysely<Database> }): Kysely<Database & DetectionStateTables> => store.db.withTables<DetectionStateTables>();

/** Restores the windows an earlier run saved; an unreadable saved state is reported in `problem` and ignored. */
export async function restoreCorrelationState(store: { db: Kysely<Database> }, detector: Detector): Promise<RestoreResult> {
  const row = await stateDb(store).selectFrom('detection_state').select('state').where('name', '=', CORRELATIONS).executeTakeFirst();
  if (row === undefined) return { restored: 0, dropped: 0 };
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(row.state);
  } catch (error) {
    return { restored: 0, dropped: 0, problem: `saved correlation state is not JSON: ${(error as Error).message}` };
  }
  return detector.restoreCorrelationState(snapshot);
}

export async function saveCorrelationState(store: { db: Kysely<Database> }, detector: Detector, now = Date.now()): Promise<void> {
  const state = JSON.stringify(detector.correlationState());
  await stateDb(store)
    .insertInto('detection_state')
    .values({ name: CORRELATIONS, state, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ state, updated_at: now }))
    .execute();
}
