// Matches compiled rules against events: never throws, and reports which selections matched ("why").
import type { WatchEvent } from '../../events/event.ts';
import type { CompiledRule } from './compile.ts';
import { viewOf, type EventView } from './event-view.ts';

export interface MatchResult {
  matched: boolean;
  /** The search identifiers that matched, when the rule matched (empty otherwise). */
  selections: string[];
}

/** Whether the rule matches the event, and which selections did. Any failure inside a matcher counts as no match. */
export function matchRule(compiled: CompiledRule, event: WatchEvent | EventView): MatchResult {
  try {
    const view = viewOf(event);
    if (!compiled.condition(view)) return { matched: false, selections: [] };
    return { matched: true, selections: matchedSelections(compiled, view) };
  } catch {
    return { matched: false, selections: [] };
  }
}

/** Just the boolean, for hot loops. */
export function ruleMatches(compiled: CompiledRule, view: EventView): boolean {
  try {
    return compiled.condition(view);
  } catch {
    return false;
  }
}

/** The names of the rule's selections that match the event. */
export function matchedSelections(compiled: CompiledRule, view: EventView): string[] {
  const names: string[] = [];
  for (const s of compiled.detection.selections) {
    try {
      if (s.test(view)) names.push(s.name);
    } catch {
      continue;
    }
  }
  return names;
}
