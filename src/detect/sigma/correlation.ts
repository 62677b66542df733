// Streaming Sigma correlations: event_count, value_count, temporal(_ordered), value_sum/avg/percentile, with group-by, aliases and chaining.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { WatchEvent } from '../../events/event.ts';
import type { CompareOp, SigmaCorrelation } from './ast.ts';
import type { CompiledRule } from './compile.ts';
import {
  groupStateSize, hashString, newGroupState, percentileRank, restoreGroup, shareEqual, snapshotGroup, type GroupSnapshot, type GroupState,
} from './correlation-state.ts';
import { fieldKeys, type FieldMapping } from './field-mapping.ts';
import { compare } from './matchers.ts';

export interface CorrelationAlert {
  correlation: SigmaCorrelation;
  /** group-by field (or alias) → value. */
  group: Record<string, string>;
  /** The aggregate that met the condition: count, distinct count, sum, average, percentile or number of steps. */
  value: number;
  timestamp: number;
  /** The event that completed the correlation. */
  event: WatchEvent;
}

export interface CorrelationOptions {
  /** Most groups kept per correlation (least recently seen evicted first). */
  maxGroups?: number;
  /** Most entries (events or distinct values) kept per group. */
  maxEntriesPerGroup?: number;
  fieldMapping?: FieldMapping;
  /** The referenced rules' definitions by id and name: part of each correlation's fingerprint, so editing one starts afresh. */
  ruleDefinitions?: ReadonlyMap<string, unknown>;
}

/** Every correlation's groups as plain JSON data, each correlation named by a fingerprint of its definition. */
export interface CorrelationSnapshot {
  version: 1;
  correlations: { fingerprint: string; groups: [string, GroupSnapshot][] }[];
}

const time = z.number().finite();
const groupSnapshotSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), lastSeen: time, times: z.array(time), values: z.array(z.number()) }),
  z.object({ kind: z.literal('distinct'), lastSeen: time, seen: z.array(z.tuple([z.string(), time])) }),
  z.object({ kind: z.literal('steps'), lastSeen: time, last: z.array(time.nullable()), chainStart: z.array(time.nullable()) }),
]);
const entrySchema = z.object({ fingerprint: z.string(), groups: z.array(z.tuple([z.string(), groupSnapshotSchema])) });
const snapshotSchema = z.object({ version: z.literal(1), correlations: z.array(z.unknown()) });

/** What a restore did: groups taken over, and those left out (ones that no longer fit; another rule set's are not counted). */
export interface RestoreResult {
  restored: number;
  dropped: number;
  /** Set when the snapshot, or an entry of it, was unreadable (what was readable is restored). */
  problem?: string;
}

/**
 * Each correlation's identity for its saved state: its definition, the definitions of the rules it references, and the
 * identities of the correlations it references (chains). Any change to what is counted, or how, starts the state afresh.
 */
function fingerprints(correlations: readonly SigmaCorrelation[], rules: ReadonlyMap<string, unknown>): Map<SigmaCorrelation, string> {
  const byRef = new Map<string, SigmaCorrelation>();
  for (const c of correlations) for (const ref of refsOf(c)) byRef.set(ref, c);
  const done = new Map<SigmaCorrelation, string>();
  const of = (c: SigmaCorrelation, path: ReadonlySet<SigmaCorrelation>): string => {
    const known = done.get(c);
    if (known !== undefined) return known;
    const referenced = c.rules.map((ref) => {
      const inner = byRef.get(ref);
      if (inner === undefined) return rules.get(ref) ?? null;
      return path.has(inner) ? 'cycle' : of(inner, new Set([...path, c]));
    });
    const definition = [c.id ?? null, c.name ?? null, c.title, c.type, c.rules, c.groupBy, c.timespanMs, c.condition, c.aliases, referenced];
    // source positions are left out: moving a rule in its file changes nothing it counts
    const text = JSON.stringify(definition, (key, value: unknown) => (key === 'pos' ? undefined : value));
    const print = createHash('sha256').update(text).digest('hex').slice(0, 32);
    done.set(c, print);
    return print;
  };
  for (const c of correlations) of(c, new Set());
  return done;
}

interface Node {
  corr: SigmaCorrelation;
  fingerprint: string;
  groups: Map<string, GroupState>;
  /** For threshold-only conditions (gt/gte), the entries needed to decide; fewer are kept. */
  cap: number;
  /** group-by name → (referenced rule name → event keys). */
  groupKeys: { name: string; perRef: Map<string, string[]>; fallback: string[] }[];
  valueKeys: string[];
  /** Whether this correlation's alerts are reported (it is not referenced by another, or that one says `generate`). */
  reported: boolean;
}

const refsOf = (x: { id?: string; name?: string }): string[] => [x.id, x.name].filter((v): v is string => v !== undefined);

/** Holds the state of every correlation and advances it as rule matches stream in. */
export class CorrelationEngine {
  private readonly nodes: Node[];
  private readonly listeners = new Map<string, { node: Node; step: number; ref: string }[]>();
  private readonly generating = new Set<string>();
  private readonly maxGroups: number;

  constructor(correlations: readonly SigmaCorrelation[], options: CorrelationOptions = {}) {
    this.maxGroups = options.maxGroups ?? 100_000;
    const maxEntries = options.maxEntriesPerGroup ?? 10_000;
    const referenced = new Set(correlations.flatMap((c) => c.rules));
    const mapping = options.fieldMapping;
    const prints = fingerprints(correlations, options.ruleDefinitions ?? new Map());
    this.nodes = correlations.map((corr) => {
      const lowerOnly = corr.condition.tests.every((t) => t.op === 'gt' || t.op === 'gte');
      const threshold = Math.max(...corr.condition.tests.map((t) => t.value));
      const cap = lowerOnly && corr.type === 'event_count' ? Math.min(maxEntries, Math.ceil(threshold) + 1) : maxEntries;
      const groupKeys = corr.groupBy.map((name) => {
        const perRef = new Map<string, string[]>();
        for (const [ref, field] of Object.entries(corr.aliases[name] ?? {})) perRef.set(ref, fieldKeys(field, mapping));
        return { name, perRef, fallback: fieldKeys(name, mapping) };
      });
      const valueKeys = corr.condition.field === undefined ? [] : fieldKeys(corr.condition.field, mapping);
      const reported = !refsOf(corr).some((r) => referenced.has(r));
      return { corr, fingerprint: prints.get(corr)!, groups: new Map(), cap, groupKeys, valueKeys, reported };
    });
    for (const node of this.nodes) {
      node.corr.rules.forEach((ref, step) => {
        const list = this.listeners.get(ref) ?? [];
        list.push({ node, step, ref });
        this.listeners.set(ref, list);
        if (node.corr.generate) this.generating.add(ref);
      });
    }
  }

  /** Whether a rule raises its own alerts: it is not referenced by a correlation, or a correlation referencing it says `generate: true`. */
  emitsStandalone(rule: CompiledRule): boolean {
    const refs = refsOf(rule.rule);
    return !refs.some((r) => this.listeners.has(r)) || refs.some((r) => this.generating.has(r));
  }

  /** Feeds the rules an event matched; returns the alerts of reported correlations it completed. Chained correlations advance too. */
  process(event: WatchEvent, matched: readonly CompiledRule[]): CorrelationAlert[] {
    const alerts: CorrelationAlert[] = [];
    const queue: string[][] = matched.map((r) => refsOf(r.rule));
    for (let i = 0; i < queue.length && i < 1_000; i++) {
      for (const ref of queue[i] as string[]) {
        for (const l of this.listeners.get(ref) ?? []) {
          const alert = this.feed(l.node, l.step, l.ref, event);
          if (alert === null) continue;
          if (l.node.reported) alerts.push(alert);
          queue.push(refsOf(l.node.corr));
        }
      }
    }
    return alerts;
  }

  /** Total state held: groups plus the entries inside them. */
  stateSize(): number {
    let n = 0;
    for (const node of this.nodes) {
      n += node.groups.size;
      for (const g of node.groups.values()) n += groupStateSize(g);
    }
    return n;
  }

  /** Every correlation's state, an entry per correlation (empty groups included, so a save can clear what was kept). */
  snapshot(): CorrelationSnapshot {
    return {
      version: 1,
      correlations: this.nodes.map((node) => ({ fingerprint: node.fingerprint, groups: [...node.groups].map(([key, state]) => [key, snapshotGroup(state)]) })),
    };
  }

  /**
   * Replaces this engine's state with a snapshot's, for the correlations whose fingerprint it holds (others start empty;
   * entries of correlations this engine does not have are ignored). Never throws: a snapshot that is not one is reported
   * in `problem` and restores nothing; an unreadable entry is reported there and skipped.
   */
  restore(snapshot: unknown): RestoreResult {
    const parsed = snapshotSchema.safeParse(snapshot);
    if (!parsed.success) return { restored: 0, dropped: 0, problem: `not a correlation state: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    for (const node of this.nodes) node.groups.clear();
    const byFingerprint = new Map(this.nodes.map((node) => [node.fingerprint, node]));
    let restored = 0;
    let dropped = 0;
    const problems: string[] = [];
    for (const entry of parsed.data.correlations) {
      const read = entrySchema.safeParse(entry);
      if (!read.success) {
        problems.push(read.error.issues[0]?.message ?? 'invalid');
        continue;
      }
      const saved = read.data;
      const node = byFingerprint.get(saved.fingerprint);
      if (node === undefined) continue;
      // least recently seen first, as the engine keeps them; only the newest maxGroups fit
      for (const [key, group] of saved.groups.slice(-this.maxGroups)) {
        const state = restoreGroup(group, node.corr.type, node.corr.rules.length);
        if (state === undefined || groupStateSize(state) > node.cap) {
          dropped++;
          continue;
        }
        node.groups.set(key, state);
        restored++;
      }
      dropped += Math.max(0, saved.groups.length - this.maxGroups);
    }
    const problem = problems.length === 0 ? undefined : `not a correlation state: ${problems[0]!}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
    return { restored, dropped, ...(problem ? { problem } : {}) };
  }

  private feed(node: Node, step: number, ref: string, event: WatchEvent): CorrelationAlert | null {
    const { corr } = node;
    const time = event.timestamp;
    const fields = event.fields as Record<string, unknown>;
    const group: Record<string, string> = {};
    for (const g of node.groupKeys) group[g.name] = textOf(lookup(fields, g.perRef.get(ref) ?? g.fallback));
    const key = corr.groupBy.length === 0 ? '' : Object.values(group).join('\u0000');
    this.expire(node, time);
    let state = node.groups.get(key);
    // an event older than the group's newest by more than the window (a log backfilled after newer ones, or a saved
    // state from later times) does not belong with it: the group starts again at this event
    if (state !== undefined && state.lastSeen - time > corr.timespanMs) {
      node.groups.delete(key);
      state = undefined;
    }
    if (state === undefined) {
      state = newGroupState(corr.type, corr.rules.length, time);
      if (node.groups.size >= this.maxGroups) {
        const oldest = node.groups.keys().next();
        if (oldest.done !== true) node.groups.delete(oldest.value);
      }
    } else node.groups.delete(key);
    node.groups.set(key, state);
    state.lastSeen = Math.max(state.lastSeen, time);
    const from = time - corr.timespanMs;
    const value = this.aggregate(node, state, step, event, from);
    if (value === null || !corr.condition.tests.every((t) => compare(t.op as CompareOp, value, t.value))) return null;
    node.groups.delete(key);
    return { correlation: corr, group, value, timestamp: time, event };
  }

  private aggregate(node: Node, state: GroupState, step: number, event: WatchEvent, from: number): number | null {
    const { corr } = node;
    const time = event.timestamp;
    const raw = node.valueKeys.length === 0 ? undefined : lookup(event.fields as Record<string, unknown>, node.valueKeys);
    if (state.kind === 'distinct') {
      state.distinct.trim(from);
      if (raw === undefined || raw === null) return null;
      state.distinct.add(textOf(raw), time, node.cap);
      return state.distinct.size;
    }
    if (state.kind === 'steps') {
      if (corr.type === 'temporal_ordered') return state.steps.advanceOrdered(step, time, corr.timespanMs) ? corr.rules.length : null;
      state.steps.last[step] = time;
      return state.steps.distinctSince(from);
    }
    const w = state.window;
    w.trim(from);
    if (corr.type === 'event_count') {
      w.push(time, 1, node.cap);
      return w.size;
    }
    const num = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (corr.type === 'value_percentile') {
      const v = Number.isFinite(num) ? num : raw === undefined ? NaN : hashString(textOf(raw));
      if (Number.isNaN(v)) return null;
      w.push(time, v, node.cap);
      return Number.isFinite(num) ? percentileRank(w.valuesInWindow(), v) : shareEqual(w.valuesInWindow(), v);
    }
    if (!Number.isFinite(num)) return null;
    w.push(time, num, node.cap);
    return corr.type === 'value_sum' ? w.sum : w.sum / w.size;
  }

  /** Drops groups idle for longer than the window (groups are kept least-recently-seen first). */
  private expire(node: Node, now: number): void {
    const from = now - node.corr.timespanMs;
    for (const [key, state] of node.groups) {
      if (state.lastSeen >= from) break;
      node.groups.delete(key);
    }
  }
}

function lookup(fields: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) if (fields[k] !== undefined) return fields[k];
  return undefined;
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(textOf).join(',');
  return '';
}
