// Detection at run time: routes each event to its rules, advances correlations, and turns matches into alert drafts.
import { fileURLToPath } from 'node:url';
import type { EventFields, WatchEvent } from '../events/event.ts';
import { alertFields, type AlertField } from './alert-fields.ts';
import { durationMs, ruleMeta, type Family, type RuleMeta, type Severity } from './rule-meta.ts';
import type { DocumentBase, LogSource, SigmaCorrelation } from './sigma/ast.ts';
import type { CompiledRule, CompileOptions } from './sigma/compile.ts';
import { CorrelationEngine, type CorrelationSnapshot, type RestoreResult } from './sigma/correlation.ts';
import type { Rejection } from './sigma/errors.ts';
import { viewOf } from './sigma/event-view.ts';
import { loadRuleDirectory, type LoadedRules } from './sigma/loader.ts';
import { routeRules, type RuleIndex } from './sigma/routing.ts';

/** Watchfloor's own SOC rule pack, shipped with the code. */
export const SOC_PACK_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

/** The indicator lists the pack's threat-intel rules (SOC105, SOC111, SOC112) expand; empty until intel is imported. */
export const INTEL_PLACEHOLDERS = ['watchfloor_intel_url', 'watchfloor_intel_domain', 'watchfloor_intel_ip'] as const;

/** An alert about to be written: the store assigns its EventID, applies suppression and links its events. */
export interface AlertDraft {
  ruleKey: string;
  ruleCode: string | null;
  ruleName: string;
  type: string;
  family: Family;
  playbook: string | null;
  severity: Severity;
  tier: string;
  eventTime: number;
  fields: AlertField[];
  mitre: string[];
  hint: string | null;
  trigger: string;
  /** Matches with the same rule and key within the window fold into one alert with a count. */
  suppressKey: string | null;
  suppressWindowMs: number | null;
  /** Positions, in the list handed to `detect`, of the events that raised it. */
  eventIndexes: number[];
}

export interface Detector {
  readonly ruleCount: number;
  readonly correlationCount: number;
  readonly rejected: readonly (Rejection & { dir: string })[];
  /** The alert type the rule with this catalogue code raises (SOC119 → Proxy), when one is loaded. */
  typeOfCode(code: string): string | undefined;
  /** Runs every routed rule over the events in order; never throws. Correlation state carries over between calls. */
  detect(events: readonly WatchEvent[]): AlertDraft[];
  /** The open correlation windows, as plain data to keep between runs. */
  correlationState(): CorrelationSnapshot;
  /** Takes over windows kept by an earlier run (those of unchanged correlations); never throws. */
  restoreCorrelationState(snapshot: unknown): RestoreResult;
}

export interface DetectorOptions {
  /** Rule folders; the SOC pack is loaded unless `socPack` is false. */
  ruleDirs?: string[];
  socPack?: boolean;
  /** Values of `expand` placeholders, e.g. the local indicator lists (`watchfloor_intel_domain`…). */
  placeholders?: CompileOptions['placeholders'];
}

const GENERIC: Record<string, { type: string; family: Family; playbook: string | null }> = {
  proxy: { type: 'Proxy', family: 'proxy', playbook: 'proxy' },
  webserver: { type: 'Web Attack', family: 'web-attack', playbook: 'web-attack' },
};
const LEVEL_SEVERITY: Record<string, Severity> = { informational: 'Low', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

interface Presentation {
  key: string;
  meta: RuleMeta | undefined;
  doc: DocumentBase;
  logsource: LogSource;
}

function describe(p: Presentation): Omit<AlertDraft, 'eventTime' | 'fields' | 'trigger' | 'suppressKey' | 'suppressWindowMs' | 'eventIndexes'> {
  const { meta, doc } = p;
  if (meta) {
    return {
      ruleKey: p.key, ruleCode: meta.code, ruleName: meta.name, type: meta.type, family: meta.family,
      playbook: meta.playbook, severity: meta.severity, tier: meta.tier, mitre: meta.mitre, hint: meta.hint ?? null,
    };
  }
  const generic = GENERIC[p.logsource.category ?? ''] ?? { type: 'Unauthorized Access', family: 'edr' as Family, playbook: null };
  const mitre = doc.tags.filter((t) => /^attack\.t\d{4}(\.\d{3})?$/i.test(t)).map((t) => t.slice(7).toUpperCase());
  return {
    ruleKey: p.key, ruleCode: null, ruleName: doc.title, ...generic,
    severity: LEVEL_SEVERITY[doc.level ?? 'medium'] ?? 'Medium', tier: 'Security Analyst', mitre, hint: null,
  };
}

function suppression(meta: RuleMeta | undefined, fields: EventFields): { suppressKey: string | null; suppressWindowMs: number | null } {
  if (!meta?.suppress) return { suppressKey: null, suppressWindowMs: null };
  const key = meta.suppress.by.map((f) => JSON.stringify(fields[f] ?? null)).join('|');
  return { suppressKey: key, suppressWindowMs: durationMs(meta.suppress.window) };
}

function draft(p: Presentation, event: WatchEvent, index: number, trigger: string): AlertDraft {
  const base = describe(p);
  const rule = base.ruleCode ? `${base.ruleCode} - ${base.ruleName}` : base.ruleName;
  const reason = p.meta?.hint ?? p.doc.description?.split(/(?<=\.)\s/)[0] ?? trigger;
  return {
    ...base,
    eventTime: event.timestamp,
    fields: alertFields(base.family, { eventTime: event.timestamp, rule, tier: base.tier, reason }, event.fields),
    trigger,
    ...suppression(p.meta, event.fields),
    eventIndexes: [index],
  };
}

/** A detector over already loaded rules (their `watchfloor:` attributes must be valid: they are read here). */
export function createDetector(loaded: LoadedRules & { dirRejected?: (Rejection & { dir: string })[] }): Detector {
  const rules = loaded.rules;
  const index: RuleIndex = routeRules(rules);
  const byRef = new Map<string, CompiledRule>();
  for (const r of rules) for (const ref of [r.rule.id, r.rule.name]) if (ref) byRef.set(ref, r);
  const ruleDefinitions = new Map([...byRef].map(([ref, r]) => [ref, { logsource: r.rule.logsource, detection: r.rule.detection }]));
  const correlations = new CorrelationEngine(loaded.correlations, { ruleDefinitions });
  const presentations = new Map<CompiledRule | SigmaCorrelation, Presentation>();
  for (const r of rules) presentations.set(r, { key: r.key, meta: ruleMeta(r.rule), doc: r.rule, logsource: r.rule.logsource });
  for (const c of loaded.correlations) {
    const base = c.rules.map((ref) => byRef.get(ref)).find((r) => r !== undefined);
    presentations.set(c, { key: c.id ?? c.name ?? c.title, meta: ruleMeta(c), doc: c, logsource: base?.rule.logsource ?? {} });
  }
  const standalone = new Set(rules.filter((r) => correlations.emitsStandalone(r)));
  const typeByCode = new Map<string, string>();
  for (const p of presentations.values()) if (p.meta) typeByCode.set(p.meta.code, p.meta.type);
  return {
    typeOfCode: (code) => typeByCode.get(code),
    ruleCount: rules.length,
    correlationCount: loaded.correlations.length,
    rejected: loaded.dirRejected ?? [],
    correlationState: () => correlations.snapshot(),
    restoreCorrelationState: (snapshot) => correlations.restore(snapshot),
    detect(events) {
      const drafts: AlertDraft[] = [];
      events.forEach((event, i) => {
        const hits = index.match(viewOf(event));
        if (hits.length === 0) return;
        for (const hit of hits) {
          if (standalone.has(hit.rule)) drafts.push(draft(presentations.get(hit.rule)!, event, i, `matched ${hit.selections.join(', ')}`));
        }
        if (loaded.correlations.length === 0) return;
        for (const alert of correlations.process(event, hits.map((h) => h.rule))) {
          const group = Object.entries(alert.group).map(([k, v]) => `${k}=${v}`).join(', ');
          const trigger = `${alert.correlation.type} ${alert.value} within ${alert.correlation.timespanMs / 1000}s${group ? ` for ${group}` : ''}`;
          drafts.push(draft(presentations.get(alert.correlation)!, alert.event, i, trigger));
        }
      });
      return drafts;
    },
  };
}

/** Loads the SOC pack and the given folders into a detector; rejected rules are reported, never fatal. */
export function loadDetector(options: DetectorOptions = {}): Detector {
  const dirs = [...(options.socPack === false ? [] : [SOC_PACK_DIR]), ...(options.ruleDirs ?? [])];
  const merged: LoadedRules & { dirRejected: (Rejection & { dir: string })[] } = {
    rules: [], correlations: [], filters: [], rejected: [], dirRejected: [],
  };
  for (const dir of dirs) {
    const placeholders = { ...Object.fromEntries(INTEL_PLACEHOLDERS.map((p) => [p, []])), ...options.placeholders };
    const loaded = loadRuleDirectory(dir, { placeholders });
    const metaIsValid = (doc: DocumentBase): boolean => {
      try {
        ruleMeta(doc);
        return true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        merged.dirRejected.push({ dir, file: doc.file, line: doc.pos.line, column: doc.pos.column, stage: 'compile', reason });
        return false;
      }
    };
    merged.rules.push(...loaded.rules.filter((r) => metaIsValid(r.rule)));
    merged.correlations.push(...loaded.correlations.filter(metaIsValid));
    merged.filters.push(...loaded.filters);
    merged.dirRejected.push(...loaded.rejected.map((r) => ({ ...r, dir })));
  }
  return createDetector(merged);
}
