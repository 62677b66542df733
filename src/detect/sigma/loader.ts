// Loads Sigma files and directories: every document parsed and compiled on its own, so one bad rule never sinks the batch.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SigmaCorrelation } from './ast.ts';
import { compileRule, type CompiledRule, type CompileOptions } from './compile.ts';
import { SigmaReferenceError, toRejection, type Rejection } from './errors.ts';
import { applyFilters, compileFilter, type CompiledFilter } from './filters.ts';
import { parseSigmaFile } from './parse-rule.ts';

export interface LoadedRules {
  rules: CompiledRule[];
  correlations: SigmaCorrelation[];
  filters: CompiledFilter[];
  rejected: Rejection[];
}

/** Parses and compiles the documents of one file's text; filters in it are applied to its rules. */
export function loadRuleText(text: string, file: string, options: CompileOptions = {}): LoadedRules {
  const out: LoadedRules = { rules: [], correlations: [], filters: [], rejected: [] };
  addText(out, text, file, options);
  return finish(out);
}

/** Loads every `.yml`/`.yaml` file under `dir`, recursively. Rejections carry file (relative to `dir`), line, column and reason. */
export function loadRuleDirectory(dir: string, options: CompileOptions = {}): LoadedRules {
  const out: LoadedRules = { rules: [], correlations: [], filters: [], rejected: [] };
  for (const path of listRuleFiles(dir)) {
    const file = relative(dir, path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      out.rejected.push(toRejection(err, file, { line: 1, column: 1 }));
      continue;
    }
    addText(out, text, file, options);
  }
  return finish(out);
}

/** Every rule file under a directory, sorted, recursively. */
export function listRuleFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.yml') || name.endsWith('.yaml')) files.push(path);
    }
  };
  walk(dir);
  return files;
}

function addText(out: LoadedRules, text: string, file: string, options: CompileOptions): void {
  for (const result of parseSigmaFile(text, file)) {
    if (!result.ok) {
      out.rejected.push(toRejection(result.error, file, { line: 1, column: 1 }));
      continue;
    }
    const doc = result.document;
    try {
      if (doc.kind === 'rule') out.rules.push(compileRule(doc, options));
      else if (doc.kind === 'filter') out.filters.push(compileFilter(doc, options));
      else out.correlations.push(doc);
    } catch (err) {
      out.rejected.push(toRejection(err, file, doc.pos));
    }
  }
}

/** Applies filters and rejects correlations that refer to rules not loaded. */
function finish(out: LoadedRules): LoadedRules {
  const known = new Set<string>();
  for (const r of out.rules) for (const k of [r.rule.id, r.rule.name]) if (k !== undefined) known.add(k);
  for (const c of out.correlations) for (const k of [c.id, c.name]) if (k !== undefined) known.add(k);
  const correlations: SigmaCorrelation[] = [];
  for (const c of out.correlations) {
    const missing = c.rules.find((r) => !known.has(r));
    if (missing === undefined) correlations.push(c);
    else out.rejected.push(toRejection(new SigmaReferenceError(c.file, c.pos, `correlation refers to rule '${missing}', which is not loaded`), c.file, c.pos));
  }
  return { ...out, rules: applyFilters(out.rules, out.filters), correlations };
}
