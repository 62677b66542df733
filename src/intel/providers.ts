// What the UI and CLI may show about providers: types taken, limits, base URL, and whether a key is configured — never the key.
import { EXTERNAL_ANALYZERS } from './analyzers/index.ts';
import { LOCAL_PROVIDER } from './analyzers/local-indicators.ts';
import type { IntelContext } from './lookup.ts';
import type { RateLimit } from './rate-queue.ts';
import type { Pap, Tlp } from './tlp.ts';
import { OBSERVABLE_TYPES, type ObservableType, type ProviderKind } from './types.ts';

export interface ProviderDescription {
  id: string;
  name: string;
  kind: ProviderKind;
  accepts: readonly ObservableType[];
  /** A key is present (environment or intel.json). */
  configured: boolean;
  enabled: boolean;
  disabledReason?: string;
  /** Where the key may come from (names only). */
  keyVariables: readonly string[];
  baseUrl?: string;
  rateLimits: readonly RateLimit[];
  maxTlp?: Tlp;
  maxPap?: Pap;
  /** Answered from the scenario snapshot instead of the service. */
  snapshot: boolean;
}

export function describeProviders(ctx: IntelContext): ProviderDescription[] {
  const local: ProviderDescription = {
    id: LOCAL_PROVIDER.id,
    name: LOCAL_PROVIDER.name,
    kind: 'local',
    accepts: OBSERVABLE_TYPES,
    configured: true,
    enabled: true,
    keyVariables: [],
    rateLimits: [],
    snapshot: false,
  };
  return [
    local,
    ...EXTERNAL_ANALYZERS.map((a): ProviderDescription => {
      const p = ctx.config.providers.get(a.id);
      const d: ProviderDescription = {
        id: a.id,
        name: a.name,
        kind: 'external',
        accepts: a.accepts,
        configured: p?.key !== undefined,
        enabled: ctx.snapshot !== undefined || p?.enabled === true,
        keyVariables: a.keyEnv,
        rateLimits: p?.rateLimits ?? a.rateLimits,
        snapshot: ctx.snapshot !== undefined,
      };
      if (p !== undefined) {
        d.baseUrl = p.baseUrl;
        d.maxTlp = p.maxTlp;
        d.maxPap = p.maxPap;
        if (!p.enabled && p.disabledReason !== undefined && ctx.snapshot === undefined) d.disabledReason = p.disabledReason;
      }
      return d;
    }),
  ];
}
