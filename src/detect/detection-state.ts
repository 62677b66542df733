// Correlation windows kept in the store between ingest runs: a brute force split over two log files is still one brute
// force. One row per correlation, named by its fingerprint (its definition and the rules it references), so a run with
// another rule set leaves the other set's windows alone and an edited rule starts afresh. Saved after each file whose
// batches all committed; restored when a detector starts.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Detector } from './detector.ts';
import type { RestoreResult } from './sigma/correlation.ts';

type DetectionStateTables = { detection_state: { name: string; state: string; updated_at: number } };
type StoreLike = { db: Kysely<Database> };

const PREFIX = 'correlation:';
/** Windows of a correlation no run has loaded for this long (an edited or retired rule's) are deleted on save. */
export const STALE_STATE_MS = 90 * 86_400_000;

const stateDb = (store: StoreLike): Kysely<Database & DetectionStateTables> => store.db.withTables<DetectionStateTables>();

/** Replaces the detector's windows with those saved by earlier runs; unreadable rows are reported in `problem` and skipped. */
export async function restoreCorrelationState(store: StoreLike, detector: Detector): Promise<RestoreResult> {
  const rows = await stateDb(store).selectFrom('detection_state').select(['name', 'state']).where('name', 'like', `${PREFIX}%`).execute();
  const correlations: unknown[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    try {
      correlations.push({ fingerprint: row.name.slice(PREFIX.length), groups: (JSON.parse(row.state) as { groups?: unknown }).groups });
    } catch {
      unreadable.push(row.name);
    }
  }
  const result = detector.restoreCorrelationState({ version: 1, correlations });
  if (unreadable.length === 0) return result;
  const problem = `saved state is not JSON: ${unreadable.join(', ')}`;
  return { ...result, problem: result.problem ? `${result.problem}; ${problem}` : problem };
}

/** Writes the detector's windows, one row per correlation (none for a correlation with no open window), in one transaction. */
export async function saveCorrelationState(store: StoreLike, detector: Detector, now = Date.now()): Promise<void> {
  const { correlations } = detector.correlationState();
  await stateDb(store)
    .transaction()
    .execute(async (trx) => {
      for (const { fingerprint, groups } of correlations) {
        const name = `${PREFIX}${fingerprint}`;
        if (groups.length === 0) {
          await trx.deleteFrom('detection_state').where('name', '=', name).execute();
          continue;
        }
        const state = JSON.stringify({ groups });
        await trx
          .insertInto('detection_state')
          .values({ name, state, updated_at: now })
          .onConflict((oc) => oc.column('name').doUpdateSet({ state, updated_at: now }))
          .execute();
      }
      await trx.deleteFrom('detection_state').where('name', 'like', `${PREFIX}%`).where('updated_at', '<', now - STALE_STATE_MS).execute();
    });
}
