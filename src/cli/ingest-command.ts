// `watchfloor ingest FILE…`: parses log files into the store, with progress and a per-file summary.
import { ingestFile, type IngestSummary } from '../events/ingest.ts';
import type { FormatName } from '../events/parsers/types.ts';
import { restoreCorrelationState, saveCorrelationState } from '../detect/detection-state.ts';
import { loadDetector } from '../detect/detector.ts';
import type { RestoreResult } from '../detect/sigma/correlation.ts';
import { intelPlaceholders } from '../intel/indicators.ts';
import { openStore, type GlobalOptions } from './context.ts';
import { createProgress } from './progress.ts';

export interface IngestCommandOptions extends GlobalOptions {
  format?: FormatName | 'auto';
  squidLogformat?: string;
  progress?: boolean;
  /** Detection during ingest (on by default) with the SOC pack and these extra rule folders. */
  detect?: boolean;
  rules?: string[];
  bulk?: boolean;
}

export interface IngestCommandResult {
  files: (IngestSummary | { path: string; error: string })[];
  totals: { read: number; ingested: number; rejected: number; duplicates: number; alerts: number; seconds: number };
  /** Rules that could not be loaded (detection runs with the others). */
  ruleRejections: string[];
  /** Correlation windows taken over from earlier runs (absent without detection). */
  correlationState?: RestoreResult;
  /** Correlation windows that could not be saved or reloaded after a file (detection went on; the next run may miss them). */
  correlationStateErrors?: string[];
}

export async function ingestCommand(paths: string[], options: IngestCommandOptions): Promise<IngestCommandResult> {
  const store = await openStore(options);
  const files: IngestCommandResult['files'] = [];
  const totals = { read: 0, ingested: 0, rejected: 0, duplicates: 0, alerts: 0, seconds: 0 };
  try {
    const detector = options.detect === false ? undefined : loadDetector({ ruleDirs: options.rules, placeholders: await intelPlaceholders(store) });
    const ruleRejections = (detector?.rejected ?? []).map((r) => `${r.dir}/${r.file}:${r.line}:${r.column}: ${r.reason}`);
    const correlationState = detector && (await restoreCorrelationState(store, detector));
    /** The windows of the events the store holds: as restored, then as each committed batch left them. */
    let committedState = detector?.correlationState();
    const stateProblems: string[] = [];
    for (const path of paths) {
      const progress = createProgress(path, options.progress ?? true);
      let failed = false;
      try {
        const summary = await ingestFile(store, path, {
          format: options.format,
          squidLogformat: options.squidLogformat,
          onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, p.lines),
          detect: detector ? (events) => detector.detect(events) : undefined,
          checkpoint: detector
            ? () => {
                const state = detector.correlationState();
                return () => {
                  committedState = state;
                };
              }
            : undefined,
          bulk: options.bulk,
        });
        files.push(summary);
        totals.read += summary.read;
        totals.ingested += summary.ingested;
        totals.rejected += summary.rejected;
        totals.duplicates += summary.duplicates;
        totals.alerts += summary.alerts;
        totals.seconds += summary.seconds;
      } catch (error) {
        failed = true;
        files.push({ path, error: error instanceof Error ? error.message : String(error) });
      } finally {
        progress.stop();
      }
      if (detector && committedState) {
        // After a failure the detector may have seen events the store does not hold (a re-run feeds them again): it
        // goes back to the windows of the batches that did commit, which a re-run skips. Those stay open for the next
        // file and run (after a file that ingested whole, they are the detector's own).
        if (failed) detector.restoreCorrelationState(committedState);
        try {
          await saveCorrelationState(store, detector);
        } catch (error) {
          stateProblems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    return {
      files,
      totals,
      ruleRejections,
      ...(correlationState ? { correlationState } : {}),
      ...(stateProblems.length > 0 ? { correlationStateErrors: stateProblems } : {}),
    };
  } finally {
    await store.close();
  }
}

export function formatIngestResult(result: IngestCommandResult): string {
  const lines = result.files.map((f) => {
    if ('error' in f && !('format' in f)) return `✗ ${f.path}: ${f.error}`;
    const s = f as IngestSummary;
    const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
    const problem = s.error ? `\n  ! reading stopped early: ${s.error}` : '';
    const notes = s.notes.map((n) => `\n  · ${n}`).join('');
    const rejected = s.rejected > 0 ? ` (see \`watchfloor rejects\` for lines and reasons)` : '';
    return (
      `✓ ${s.path} [${s.format}]: read ${s.read}, ingested ${s.ingested}, rejected ${s.rejected}${rejected}, ` +
      `duplicates ${s.duplicates}, alerts ${s.alerts}${s.suppressed > 0 ? ` (+${s.suppressed} folded)` : ''}, ` +
      `${s.seconds.toFixed(2)} s (${rate} lines/s)${notes}${problem}`
    );
  });
  const t = result.totals;
  lines.push(`total: read ${t.read}, ingested ${t.ingested}, rejected ${t.rejected}, duplicates ${t.duplicates}, alerts ${t.alerts}, ${t.seconds.toFixed(2)} s`);
  if (result.ruleRejections.length > 0) lines.unshift(...result.ruleRejections.map((r) => `! rule not loaded: ${r}`));
  for (const problem of result.correlationStateErrors ?? []) lines.push(`! correlation windows not kept: ${problem}`);
  const kept = result.correlationState;
  if (kept?.problem) lines.unshift(`! saved correlation windows not all readable (the readable ones are kept): ${kept.problem}`);
  else if (kept && kept.restored + kept.dropped > 0) {
    const dropped = kept.dropped > 0 ? ` (${kept.dropped} no longer fitting the limits dropped)` : '';
    lines.unshift(`· correlation windows carried over from earlier runs: ${kept.restored}${dropped}`);
  }
  return lines.join('\n');
}
