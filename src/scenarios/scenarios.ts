// The training range's scenarios: the packs shipped with Watchfloor, which are loaded, resetting one, the default demo.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EventStore } from '../store/store.ts';
import { workflowDb } from '../soc/workflow-tables.ts';
import { loadPack, ScenarioError, type LoadResult } from './load-pack.ts';

export const BUILTIN_PACKS = fileURLToPath(new URL('./packs/', import.meta.url));
export const DEFAULT_SCENARIO = 'soc119-event83';

export const scenarioInfoSchema = z.object({
  name: z.string(),
  dir: z.string(),
  loaded: z.boolean(),
  title: z.string().optional(),
  description: z.string().optional(),
  difficulty: z.string().optional(),
  tags: z.array(z.string()).optional(),
  loadedAt: z.string().optional(),
});
export type ScenarioInfo = z.infer<typeof scenarioInfoSchema>;

/** A pack by name among the shipped ones, or a folder path. */
export function packDir(nameOrDir: string): string {
  const builtin = join(BUILTIN_PACKS, nameOrDir);
  if (/^[a-z0-9-]+$/.test(nameOrDir) && existsSync(join(builtin, 'scenario.yaml'))) return builtin;
  if (existsSync(join(nameOrDir, 'scenario.yaml'))) return nameOrDir;
  throw new ScenarioError(`no scenario pack named ${nameOrDir} (watchfloor scenario list shows them)`);
}

export async function listScenarios(store: EventStore): Promise<ScenarioInfo[]> {
  const loaded = await workflowDb(store).selectFrom('scenarios').selectAll().execute();
  const byName = new Map(loaded.map((s) => [s.name, s]));
  const shipped = existsSync(BUILTIN_PACKS) ? readdirSync(BUILTIN_PACKS).filter((n) => existsSync(join(BUILTIN_PACKS, n, 'scenario.yaml'))) : [];
  const names = [...new Set([...shipped, ...byName.keys()])].sort();
  return names.map((name) => {
    const row = byName.get(name);
    return row
      ? { name, dir: row.dir, loaded: true, title: row.title, description: row.description, difficulty: row.difficulty, tags: JSON.parse(row.tags) as string[], loadedAt: new Date(row.loaded_at).toISOString() }
      : { name, dir: join(BUILTIN_PACKS, name), loaded: false };
  });
}

export async function loadScenario(store: EventStore, nameOrDir: string): Promise<LoadResult> {
  return loadPack(store, packDir(nameOrDir));
}

/**
 * Starts a scenario's exercise again: its alerts go back to the Main Channel with no owner, their investigations and
 * cases are removed, hosts are released from containment and deleted e-mails come back. The audit trail keeps it all.
 */
export async function resetScenario(store: EventStore, name: string): Promise<{ alerts: number }> {
  const db = workflowDb(store);
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('scenarios').select('name').where('name', '=', name).executeTakeFirst())) {
      throw new ScenarioError(`scenario ${name} is not loaded`);
    }
    const ids = (await trx.selectFrom('answer_keys').select('alert_id').where('scenario', '=', name).execute()).map((r) => r.alert_id);
    if (ids.length > 0) {
      await trx.deleteFrom('cases').where('alert_id', 'in', ids).execute();
      await trx.deleteFrom('investigations').where('alert_id', 'in', ids).execute();
      await trx.updateTable('alerts').set({ channel: 'main', owner: null }).where('id', 'in', ids).execute();
    }
    await trx.updateTable('hosts').set({ contained: 0 }).where('scenario', '=', name).execute();
    await trx.updateTable('emails').set({ deleted_at: null, deleted_by: null }).where('scenario', '=', name).execute();
    return { alerts: ids.length };
  });
}

/** On an empty data folder (no events, no scenario), the reference incident is loaded so there is something to work. */
export async function ensureDefaultScenario(store: EventStore): Promise<LoadResult | null> {
  const db = workflowDb(store);
  const anyScenario = await db.selectFrom('scenarios').select('name').limit(1).executeTakeFirst();
  const anyEvent = await db.selectFrom('events').select('id').limit(1).executeTakeFirst();
  if (anyScenario || anyEvent) return null;
  return loadScenario(store, DEFAULT_SCENARIO);
}
