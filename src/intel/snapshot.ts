// Scenario intel snapshots: per observable, per service, what the service reported — replayed offline in the live result shape.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ProviderFailure, tax, type AnalyzerReport } from './analyzer.ts';
import { EXTERNAL_ANALYZERS, externalAnalyzer } from './analyzers/index.ts';
import { virusTotal } from './analyzers/virustotal.ts';
import { detectObservable } from './observable.ts';
import { parseTlp, type Tlp } from './tlp.ts';
import type { Observable } from './types.ts';

const levelSchema = z.enum(['info', 'safe', 'suspicious', 'malicious']);

const entrySchema = z.strictObject({
  /** Default: ok (or whatever `response` maps to). */
  status: z.enum(['ok', 'not_found']).optional(),
  /** Engine counts, "malicious of total", e.g. {malicious: 1, total: 90}. */
  engines: z
    .strictObject({
      malicious: z.number().int().nonnegative(),
      suspicious: z.number().int().nonnegative().optional(),
      total: z.number().int().positive(),
      /** Per-engine verdicts worth keeping, e.g. {"Trustwave": "malicious"} or {"Trustwave": {category, result}}. */
      results: z.record(z.string(), z.union([z.string(), z.strictObject({ category: z.string(), result: z.string().nullable().optional() })])).optional(),
    })
    .refine((e) => e.malicious + (e.suspicious ?? 0) <= e.total, 'malicious + suspicious exceed total')
    .optional(),
  /** The service's answer verbatim: mapped by the live client's own code. */
  response: z.unknown().optional(),
  /** An explicit verdict, for services without engine counts. */
  verdict: levelSchema.optional(),
  value: z.string().optional(),
  summary: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const snapshotSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().optional(),
  /** When the intel was captured: the fetchedAt of every replayed result. */
  capturedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  observables: z.array(
    z.strictObject({
      value: z.string(),
      tlp: z.string().optional(),
      services: z.record(z.string(), entrySchema),
    }),
  ),
});

export type SnapshotEntry = z.infer<typeof entrySchema>;

export interface IntelSnapshot {
  name: string;
  capturedAt: string;
  /** By `${type}\0${value}` of the normalised observable, then by service id. */
  entries: ReadonlyMap<string, ReadonlyMap<string, SnapshotEntry>>;
  tlp: ReadonlyMap<string, Tlp>;
}

export class SnapshotError extends Error {}

function obsKey(o: Observable): string {
  return `${o.type === 'file' ? 'sha256' : o.type}\u0000${o.value}`;
}

/** Parses a snapshot (YAML or JSON text). Throws SnapshotError naming the place of the first problem. */
export function parseIntelSnapshot(text: string, origin = 'snapshot'): IntelSnapshot {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new SnapshotError(`${origin}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(`${origin}: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
  }
  const entries = new Map<string, Map<string, SnapshotEntry>>();
  const tlp = new Map<string, Tlp>();
  parsed.data.observables.forEach((o, i) => {
    const detected = detectObservable(o.value);
    if (!detected.ok) throw new SnapshotError(`${origin}: observables.${i}.value: ${detected.reason}`);
    for (const service of Object.keys(o.services)) {
      if (!externalAnalyzer(service)) throw new SnapshotError(`${origin}: observables.${i}.services.${service}: unknown service (known: ${EXTERNAL_ANALYZERS.map((a) => a.id).join(', ')})`);
    }
    const key = obsKey(detected.observable);
    entries.set(key, new Map([...(entries.get(key) ?? []), ...Object.entries(o.services)]));
    const marking = parseTlp(o.tlp);
    if (marking !== undefined) tlp.set(key, marking);
  });
  return { name: parsed.data.name ?? origin, capturedAt: new Date(parsed.data.capturedAt).toISOString(), entries, tlp };
}

export function loadIntelSnapshot(path: string): IntelSnapshot {
  return parseIntelSnapshot(readFileSync(path, 'utf8'), path);
}

export function snapshotEntry(snapshot: IntelSnapshot, service: string, observable: Observable): SnapshotEntry | undefined {
  return snapshot.entries.get(obsKey(observable))?.get(service);
}

/** The report a service's snapshot entry stands for, through the same mapping as the live client where possible. */
export function snapshotReport(service: string, observable: Observable, entry: SnapshotEntry): AnalyzerReport {
  const analyzer = externalAnalyzer(service);
  if (analyzer === undefined) throw new ProviderFailure('error', `unknown service ${service}`);
  if (entry.response !== undefined) return analyzer.interpret(observable, entry.response);
  if (entry.status === 'not_found') {
    return { status: 'not_found', taxonomies: [], summary: entry.summary ?? `nothing on ${analyzer.name}`, full: entry.details ?? {} };
  }
  if (entry.engines !== undefined) {
    const e = entry.engines;
    const suspicious = e.suspicious ?? 0;
    const results = Object.fromEntries(
      Object.entries(e.results ?? {}).map(([engine, r]) => [engine, typeof r === 'string' ? { category: r, engine_name: engine, result: r } : { ...r, engine_name: engine }]),
    );
    // Shaped like VirusTotal's answer, so the VirusTotal mapping (and any UI reading `full`) sees what a live lookup gives.
    const body = {
      data: {
        id: observable.value,
        type: 'snapshot',
        attributes: {
          last_analysis_stats: { malicious: e.malicious, suspicious, undetected: e.total - e.malicious - suspicious, harmless: 0, timeout: 0 },
          last_analysis_results: results,
          ...(entry.details ?? {}),
        },
      },
    };
    const report = virusTotal.interpret(observable, body);
    if (analyzer.id === virusTotal.id) return report;
    return { ...report, taxonomies: report.taxonomies.map((t) => ({ ...t, namespace: analyzer.namespace, predicate: 'Detections' })) };
  }
  const taxonomies = entry.verdict !== undefined ? [tax(entry.verdict, analyzer.namespace, 'Verdict', entry.value ?? entry.verdict)] : [];
  return { status: 'ok', taxonomies, summary: entry.summary ?? entry.value, full: entry.details ?? {} };
}
