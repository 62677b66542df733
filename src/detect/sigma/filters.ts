// Sigma global filters: a filter's condition is ANDed onto every rule it names (or every rule of its log source), as pySigma does.
import type { LogSource, SigmaFilter } from './ast.ts';
import { compileDetection, type CompiledDetection, type CompiledRule, type CompileOptions } from './compile.ts';

export interface CompiledFilter {
  filter: SigmaFilter;
  detection: CompiledDetection;
}

export function compileFilter(filter: SigmaFilter, options: CompileOptions = {}): CompiledFilter {
  return { filter, detection: compileDetection(filter.file, filter.detection, options) };
}

/** Whether every log source attribute the filter sets is the rule's too. */
export function logSourceCovers(outer: LogSource, inner: LogSource): boolean {
  return (['category', 'product', 'service'] as const).every((k) => outer[k] === undefined || outer[k] === inner[k]);
}

/** Whether a filter applies to a rule: its log source covers the rule's, and it names the rule (by id or name) or says `any`. */
export function filterApplies(filter: SigmaFilter, rule: CompiledRule): boolean {
  if (!logSourceCovers(filter.logsource, rule.rule.logsource)) return false;
  if (filter.rules === 'any') return true;
  return filter.rules.some((r) => r === rule.rule.id || r === rule.rule.name || r === rule.key);
}

/** Returns the rules with the applicable filters' conditions ANDed onto theirs (rules no filter touches are returned as they are). */
export function applyFilters(rules: readonly CompiledRule[], filters: readonly CompiledFilter[]): CompiledRule[] {
  return rules.map((rule) => {
    const applicable = filters.filter((f) => filterApplies(f.filter, rule));
    if (applicable.length === 0) return rule;
    const base = rule.detection.condition;
    const extra = applicable.map((f) => f.detection.condition);
    return {
      ...rule,
      condition: (view) => {
        if (!base(view)) return false;
        for (const f of extra) if (!f(view)) return false;
        return true;
      },
    };
  });
}
