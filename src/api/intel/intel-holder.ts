// The server's threat-intel context, rebuilt when the loaded scenarios change so their snapshots answer training lookups.
import { createIntelContext, type IntelContext } from '../../intel/index.ts';
import type { CreateIntelContextOptions } from '../../intel/lookup.ts';
import { loadedSnapshot, scenariosVersion } from '../../scenarios/intel-snapshots.ts';
import type { EventStore } from '../../store/store.ts';

export interface IntelHolder {
  get(): Promise<IntelContext>;
  close(): Promise<void>;
}

export function createIntelHolder(store: EventStore, dataDir: string, policy?: CreateIntelContextOptions['policy']): IntelHolder {
  let current: { version: string; ctx: IntelContext } | undefined;
  return {
    async get() {
      const version = await scenariosVersion(store);
      if (current?.version === version) return current.ctx;
      const old = current;
      current = { version, ctx: createIntelContext({ store, dataDir, snapshot: await loadedSnapshot(store), policy }) };
      await old?.ctx.close();
      return current.ctx;
    },
    async close() {
      await current?.ctx.close();
    },
  };
}
