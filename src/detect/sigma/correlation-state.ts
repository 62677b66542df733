// Per-group sliding-window state for each correlation type; every structure prunes to its window and has a size cap, and
// turns into plain data (a snapshot) and back, so the state outlives the process that built it.
import type { CorrelationType } from './ast.ts';

/** A deque of (time, value) pairs in arrival order, trimmed from the front as the window slides. */
export class TimeWindow {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;
  sum = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  push(time: number, value: number, cap: number): void {
    this.times.push(time);
    this.values.push(value);
    this.sum += value;
    while (this.size > cap) this.shift();
  }

  /** Drops entries older than `from`. */
  trim(from: number): void {
    while (this.size > 0 && (this.times[this.head] as number) < from) this.shift();
  }

  valuesInWindow(): number[] {
    return this.values.slice(this.head);
  }

  timesInWindow(): number[] {
    return this.times.slice(this.head);
  }

  static of(times: readonly number[], values: readonly number[]): TimeWindow {
    const window = new TimeWindow();
    window.times = [...times];
    window.values = [...values];
    window.sum = values.reduce((a, b) => a + b, 0);
    return window;
  }

  private shift(): void {
    this.sum -= this.values[this.head] as number;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}

/** Distinct values with the time each was last seen, oldest first. */
export class DistinctWindow {
  private readonly seen = new Map<string, number>();

  get size(): number {
    return this.seen.size;
  }

  add(value: string, time: number, cap: number): void {
    this.seen.delete(value);
    this.seen.set(value, time);
    if (this.seen.size > cap) {
      const oldest = this.seen.keys().next();
      if (oldest.done !== true) this.seen.delete(oldest.value);
    }
  }

  trim(from: number): void {
    for (const [value, time] of this.seen) {
      if (time >= from) break;
      this.seen.delete(value);
    }
  }

  /** [value, last seen] pairs, oldest first. */
  entries(): [string, number][] {
    return [...this.seen];
  }

  static of(entries: readonly (readonly [string, number])[]): DistinctWindow {
    const window = new DistinctWindow();
    for (const [value, time] of entries) window.seen.set(value, time);
    return window;
  }
}

/** For `temporal`: the last time each referenced rule fired. For `temporal_ordered`: the latest start of a chain completing each step. */
export class StepState {
  readonly last: (number | undefined)[];
  readonly chainStart: (number | undefined)[];

  constructor(steps: number) {
    this.last = new Array<number | undefined>(steps).fill(undefined);
    this.chainStart = new Array<number | undefined>(steps).fill(undefined);
  }

  get size(): number {
    return this.last.length;
  }

  /** Distinct steps seen at or after `from`. */
  distinctSince(from: number): number {
    return this.last.filter((t) => t !== undefined && t >= from).length;
  }

  /** Records step `i` at `time` for ordered matching; returns whether the whole sequence is now complete within `span`. */
  advanceOrdered(i: number, time: number, span: number): boolean {
    if (i === 0) this.chainStart[0] = Math.max(this.chainStart[0] ?? -Infinity, time);
    else {
      const prev = this.chainStart[i - 1];
      if (prev !== undefined && time - prev <= span && time >= prev) this.chainStart[i] = Math.max(this.chainStart[i] ?? -Infinity, prev);
    }
    return this.chainStart[this.chainStart.length - 1] !== undefined;
  }
}

export type GroupState = { lastSeen: number } & (
  | { kind: 'window'; window: TimeWindow }
  | { kind: 'distinct'; distinct: DistinctWindow }
  | { kind: 'steps'; steps: StepState }
);

export function newGroupState(type: CorrelationType, steps: number, time: number): GroupState {
  switch (type) {
    case 'value_count':
      return { kind: 'distinct', distinct: new DistinctWindow(), lastSeen: time };
    case 'temporal':
    case 'temporal_ordered':
      return { kind: 'steps', steps: new StepState(steps), lastSeen: time };
    default:
      return { kind: 'window', window: new TimeWindow(), lastSeen: time };
  }
}

/** A group's state as plain JSON data (`null` stands for a step not seen). */
export type GroupSnapshot = { lastSeen: number } & (
  | { kind: 'window'; times: number[]; values: number[] }
  | { kind: 'distinct'; seen: [string, number][] }
  | { kind: 'steps'; last: (number | null)[]; chainStart: (number | null)[] }
);

export function snapshotGroup(state: GroupState): GroupSnapshot {
  const { lastSeen } = state;
  if (state.kind === 'window') return { kind: 'window', lastSeen, times: state.window.timesInWindow(), values: state.window.valuesInWindow() };
  if (state.kind === 'distinct') return { kind: 'distinct', lastSeen, seen: state.distinct.entries() };
  const orNull = (t: number | undefined): number | null => t ?? null;
  return { kind: 'steps', lastSeen, last: state.steps.last.map(orNull), chainStart: state.steps.chainStart.map(orNull) };
}

/** The state a snapshot describes, or undefined when it does not fit a correlation of `type` over `steps` rules. */
export function restoreGroup(snapshot: GroupSnapshot, type: CorrelationType, steps: number): GroupState | undefined {
  const expected = newGroupState(type, steps, snapshot.lastSeen);
  if (snapshot.kind !== expected.kind) return undefined;
  const { lastSeen } = snapshot;
  if (snapshot.kind === 'window') {
    return snapshot.times.length === snapshot.values.length ? { kind: 'window', lastSeen, window: TimeWindow.of(snapshot.times, snapshot.values) } : undefined;
  }
  if (snapshot.kind === 'distinct') return { kind: 'distinct', lastSeen, distinct: DistinctWindow.of(snapshot.seen) };
  if (snapshot.last.length !== steps || snapshot.chainStart.length !== steps) return undefined;
  const state = new StepState(steps);
  snapshot.last.forEach((t, i) => (state.last[i] = t ?? undefined));
  snapshot.chainStart.forEach((t, i) => (state.chainStart[i] = t ?? undefined));
  return { kind: 'steps', lastSeen, steps: state };
}

export function groupStateSize(state: GroupState): number {
  return state.kind === 'window' ? state.window.size : state.kind === 'distinct' ? state.distinct.size : state.steps.size;
}

/** Percentile rank (0–100) of `value` among `values`: the share at or below it for numbers. */
export function percentileRank(values: readonly number[], value: number): number {
  if (values.length === 0) return 0;
  let atOrBelow = 0;
  for (const v of values) if (v <= value) atOrBelow++;
  return (atOrBelow / values.length) * 100;
}

/** Share (0–100) of `values` equal to `value` — the percentile of a non-numeric value (by its hash). */
export function shareEqual(values: readonly number[], value: number): number {
  if (values.length === 0) return 0;
  let equal = 0;
  for (const v of values) if (v === value) equal++;
  return (equal / values.length) * 100;
}

/** FNV-1a hash of a string, for storing non-numeric values in a numeric window. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
