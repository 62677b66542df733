// `watchfloor rules check DIR` and `watchfloor rules test RULE EVENTS`: load Sigma rules, and show which events a rule matches and why.
import { readFileSync, statSync } from 'node:fs';
import { openLineSource } from '../events/line-reader.ts';
import { parseSafely, resolveParser } from '../events/ingest.ts';
import type { WatchEvent } from '../events/event.ts';
import type { FormatName } from '../events/parsers/types.ts';
import { ruleMeta } from '../detect/rule-meta.ts';
import { loadRuleDirectory, loadRuleText, type LoadedRules } from '../detect/sigma/loader.ts';
import { matchRule } from '../detect/sigma/match.ts';
import type { Rejection } from '../detect/sigma/errors.ts';
import { CliError } from './context.ts';

export interface RulesCheckResult {
  dir: string;
  files: number;
  loaded: { rules: number; correlations: number; filters: number };
  rejected: Rejection[];
  /** Share of documents that loaded, in percent. */
  loadedPercent: number;
  seconds: number;
}

function load(path: string): LoadedRules {
  try {
    return statSync(path).isDirectory() ? loadRuleDirectory(path) : loadRuleText(readFileSync(path, 'utf8'), path);
  } catch (error) {
    throw new CliError(`${path}: ${error instanceof Error ? error.message : String(error)}`, 3);
  }
}

export function rulesCheck(dir: string): RulesCheckResult {
  const started = performance.now();
  const loaded = load(dir);
  const rejected = [...loaded.rejected];
  for (const doc of [...loaded.rules.map((r) => r.rule), ...loaded.correlations]) {
    try {
      ruleMeta(doc);
    } catch (error) {
      rejected.push({ file: doc.file, line: doc.pos.line, column: doc.pos.column, stage: 'compile', reason: (error as Error).message });
    }
  }
  const ok = loaded.rules.length + loaded.correlations.length + loaded.filters.length - (rejected.length - loaded.rejected.length);
  const total = ok + rejected.length;
  return {
    dir,
    files: new Set([...loaded.rules.map((r) => r.rule.file), ...rejected.map((r) => r.file)]).size,
    loaded: { rules: loaded.rules.length, correlations: loaded.correlations.length, filters: loaded.filters.length },
    rejected,
    loadedPercent: total === 0 ? 100 : (100 * ok) / total,
    seconds: (performance.now() - started) / 1000,
  };
}

export function formatRulesCheck(r: RulesCheckResult): string {
  const lines = r.rejected.map((x) => `${x.file}:${x.line}:${x.column}: ${x.stage}: ${x.reason}`);
  lines.push(
    `${r.dir}: loaded ${r.loaded.rules} rules, ${r.loaded.correlations} correlations, ${r.loaded.filters} filters; ` +
      `rejected ${r.rejected.length} (${r.loadedPercent.toFixed(2)}% loaded) in ${r.seconds.toFixed(2)} s`,
  );
  return lines.join('\n');
}

export interface RuleTestResult {
  rules: string[];
  events: number;
  matches: { line: number; rule: string; selections: string[]; raw: string }[];
}

/** Reads events from a log file in any supported format (NDJSON for hand-made events). */
async function readEvents(path: string, format: FormatName | 'auto'): Promise<{ line: number; event: WatchEvent }[]> {
  const source = await openLineSource(path);
  const { parser } = await resolveParser(source, format, undefined);
  const out: { line: number; event: WatchEvent }[] = [];
  for await (const lines of source.batches()) {
    for (const line of lines) {
      const outcome = parseSafely(parser, line.text, line.no);
      if (outcome.kind === 'event') out.push({ line: line.no, event: outcome.event });
    }
  }
  return out;
}

export async function rulesTest(rulePath: string, eventsPath: string, format: FormatName | 'auto' = 'auto'): Promise<RuleTestResult> {
  const loaded = load(rulePath);
  if (loaded.rejected.length > 0) {
    const r = loaded.rejected[0]!;
    throw new CliError(`${r.file}:${r.line}:${r.column}: ${r.reason}`, 2);
  }
  const events = await readEvents(eventsPath, format);
  const matches: RuleTestResult['matches'] = [];
  for (const { line, event } of events) {
    for (const rule of loaded.rules) {
      const result = matchRule(rule, event);
      if (result.matched) matches.push({ line, rule: rule.rule.title, selections: result.selections, raw: event.raw });
    }
  }
  return { rules: loaded.rules.map((r) => r.rule.title), events: events.length, matches };
}

export function formatRulesTest(r: RuleTestResult): string {
  const lines = r.matches.map((m) => `line ${m.line}: ${m.rule} — matched ${m.selections.join(', ')}\n    ${m.raw.slice(0, 200)}`);
  lines.push(`${r.matches.length} matches over ${r.events} events (${r.rules.length} rules)`);
  return lines.join('\n');
}
