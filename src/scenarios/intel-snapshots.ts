// The intel snapshots of the loaded scenarios, merged into one: training lookups are answered offline from it.
import { loadIntelSnapshot, type IntelSnapshot, type Tlp } from '../intel/index.ts';
import type { SnapshotEntry } from '../intel/snapshot.ts';
import { workflowDb } from '../soc/workflow-tables.ts';
import type { EventStore } from '../store/store.ts';

/** A key that changes whenever the set of loaded scenarios does (to know when to rebuild). */
export async function scenariosVersion(store: EventStore): Promise<string> {
  const rows = await workflowDb(store).selectFrom('scenarios').select(['name', 'loaded_at']).orderBy('name').execute();
  return rows.map((r) => `${r.name}@${r.loaded_at}`).join(',');
}

export async function loadedSnapshot(store: EventStore): Promise<IntelSnapshot | undefined> {
  const rows = await workflowDb(store).selectFrom('scenarios').select(['name', 'intel']).where('intel', 'is not', null).orderBy('name').execute();
  const snapshots = rows.map((r) => loadIntelSnapshot(r.intel!));
  if (snapshots.length === 0) return undefined;
  const entries = new Map<string, Map<string, SnapshotEntry>>();
  const tlp = new Map<string, Tlp>();
  for (const snapshot of snapshots) {
    for (const [key, services] of snapshot.entries) {
      const merged = entries.get(key) ?? new Map<string, SnapshotEntry>();
      for (const [service, entry] of services) merged.set(service, entry);
      entries.set(key, merged);
    }
    for (const [key, marking] of snapshot.tlp) tlp.set(key, marking);
  }
  return {
    name: snapshots.map((s) => s.name).join('+'),
    capturedAt: snapshots.map((s) => s.capturedAt).sort()[0]!,
    entries,
    tlp,
  };
}
