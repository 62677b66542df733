// TLP and PAP markings, and the gate that keeps marked observables away from external services.

export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export type Pap = 'clear' | 'green' | 'amber' | 'red';

const TLP_RANK: Record<Tlp, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };
const PAP_RANK: Record<Pap, number> = { clear: 0, green: 1, amber: 2, red: 3 };

/** Reads `TLP:RED`, `tlp:amber+strict`, `white` (TLP 1.0's name for clear)… Undefined when it is not a TLP level. */
export function parseTlp(text: string | null | undefined): Tlp | undefined {
  if (text == null) return undefined;
  const level = text.trim().toLowerCase().replace(/^tlp\s*:\s*/, '');
  if (level === 'white') return 'clear';
  return level in TLP_RANK ? (level as Tlp) : undefined;
}

export function parsePap(text: string | null | undefined): Pap | undefined {
  if (text == null) return undefined;
  const level = text.trim().toLowerCase().replace(/^pap\s*:\s*/, '');
  if (level === 'white') return 'clear';
  return level in PAP_RANK ? (level as Pap) : undefined;
}

/** The more restrictive of two TLP levels. */
export function stricterTlp(a: Tlp | undefined, b: Tlp | undefined): Tlp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return TLP_RANK[a] >= TLP_RANK[b] ? a : b;
}

export interface Marking {
  tlp?: Tlp;
  pap?: Pap;
}

export interface MarkingLimit {
  maxTlp: Tlp;
  maxPap: Pap;
}

/** Why an observable with this marking may not go to an external service with these limits, or undefined if it may. */
export function gateReason(marking: Marking, limit: MarkingLimit): string | undefined {
  if (marking.tlp !== undefined && TLP_RANK[marking.tlp] > TLP_RANK[limit.maxTlp]) {
    return `observable is TLP:${marking.tlp.toUpperCase()}; this service takes at most TLP:${limit.maxTlp.toUpperCase()}`;
  }
  if (marking.pap !== undefined && PAP_RANK[marking.pap] > PAP_RANK[limit.maxPap]) {
    return `observable is PAP:${marking.pap.toUpperCase()}; this service takes at most PAP:${limit.maxPap.toUpperCase()}`;
  }
  return undefined;
}
