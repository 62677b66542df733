// `watchfloor detect --since T`: re-runs the rules over stored events; alerts already raised for the same events are not repeated.
import { loadDetector, type Detector } from '../detect/detector.ts';
import { intelPlaceholders } from '../intel/indicators.ts';
import { rowToEvent } from '../store/event-rows.ts';
import type { AlertWrite, EventStore } from '../store/store.ts';
import { CliError, openStore, type GlobalOptions } from './context.ts';
import { createProgress } from './progress.ts';

export interface DetectOptions extends GlobalOptions {
  since?: string;
  until?: string;
  rules?: string[];
  socPack?: boolean;
  progress?: boolean;
}

export interface DetectResult {
  events: number;
  alerts: number;
  suppressed: number;
  duplicates: number;
  rules: number;
  seconds: number;
}

function time(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new CliError(`--${name}: not a time: ${value} (ISO 8601 or epoch ms)`, 2);
  return ms;
}

const PAGE = 5000;

/** Runs a detector over the stored events of a time range, oldest first, in pages. */
export async function detectStored(store: EventStore, detector: Detector, range: { since?: number; until?: number }, onProgress?: (done: number) => void): Promise<Omit<DetectResult, 'rules' | 'seconds'>> {
  const result = { events: 0, alerts: 0, suppressed: 0, duplicates: 0 };
  let after = { ts: Number.MIN_SAFE_INTEGER, id: 0 };
  for (;;) {
    let query = store.db
      .selectFrom('events')
      .selectAll()
      .where((eb) => eb.or([eb('ts', '>', after.ts), eb.and([eb('ts', '=', after.ts), eb('id', '>', after.id)])]));
    if (range.since !== undefined) query = query.where('ts', '>=', range.since);
    if (range.until !== undefined) query = query.where('ts', '<', range.until);
    const rows = await query.orderBy('ts').orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) break;
    const events = rows.map(rowToEvent);
    const drafts = detector.detect(events);
    const writes: AlertWrite[] = drafts.map(({ eventIndexes, ...d }) => ({ ...d, eventIds: eventIndexes.map((i) => events[i]!.id) }));
    const written = await store.writeAlerts(writes);
    result.events += rows.length;
    result.alerts += written.created.length;
    result.suppressed += written.suppressed;
    result.duplicates += written.duplicates;
    const last = rows[rows.length - 1]!;
    after = { ts: last.ts, id: last.id };
    onProgress?.(result.events);
  }
  return result;
}

export async function detectCommand(options: DetectOptions): Promise<DetectResult> {
  const started = performance.now();
  const range = { since: time(options.since, 'since'), until: time(options.until, 'until') };
  const store = await openStore(options);
  const detector = loadDetector({ ruleDirs: options.rules, socPack: options.socPack, placeholders: await intelPlaceholders(store) });
  const progress = createProgress('detect', options.progress ?? true);
  try {
    const counts = await detectStored(store, detector, range, (done) => progress.update(done, done, done));
    return { ...counts, rules: detector.ruleCount + detector.correlationCount, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
    await store.close();
  }
}

export function formatDetect(r: DetectResult): string {
  return (
    `ran ${r.rules} rules over ${r.events} events in ${r.seconds.toFixed(2)} s: ${r.alerts} new alerts, ` +
    `${r.suppressed} folded into existing alerts, ${r.duplicates} already raised`
  );
}
