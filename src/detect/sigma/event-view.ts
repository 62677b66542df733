// A read-only view of one event for matching: field lookup by candidate keys and a lower-case cache shared by every rule.
import type { WatchEvent } from '../../events/event.ts';

/** Wraps an event for the duration of matching it; create one per event and reuse it across rules. */
export class EventView {
  readonly event: WatchEvent;
  readonly fields: Readonly<Record<string, unknown>>;
  private readonly cacheIn: string[] = [];
  private readonly cacheOut: string[] = [];
  private cacheNext = 0;

  constructor(event: WatchEvent) {
    this.event = event;
    const fields: unknown = event.fields;
    this.fields = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
  }

  /** The value of the first candidate key present (undefined if none is). */
  get(keys: readonly string[]): unknown {
    for (let i = 0; i < keys.length; i++) {
      const v = this.fields[keys[i] as string];
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Whether any candidate key is present (even with a null or empty value). */
  has(keys: readonly string[]): boolean {
    for (let i = 0; i < keys.length; i++) if (Object.hasOwn(this.fields, keys[i] as string)) return true;
    return false;
  }

  /** The raw line, or '' when the event has none. */
  raw(): string {
    const raw: unknown = this.event.raw;
    return typeof raw === 'string' ? raw : '';
  }

  /** `s` in lower case; the last few long strings lowered are remembered, since many rules test the same fields. */
  lower(s: string): string {
    if (s.length < 16) return s.toLowerCase();
    const ins = this.cacheIn;
    for (let i = 0; i < ins.length; i++) if (ins[i] === s) return this.cacheOut[i] as string;
    const l = s.toLowerCase();
    const slot = this.cacheNext;
    ins[slot] = s;
    this.cacheOut[slot] = l;
    this.cacheNext = (slot + 1) & 7;
    return l;
  }
}

/** Accepts an event or a view of one. */
export function viewOf(event: WatchEvent | EventView): EventView {
  return event instanceof EventView ? event : new EventView(event);
}
