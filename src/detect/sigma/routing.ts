// Routes compiled rules by log source so an event is only evaluated against the rules for its dataset.
import type { WatchEvent } from '../../events/event.ts';
import type { CompiledRule } from './compile.ts';
import { viewOf, type EventView } from './event-view.ts';
import { eventRouteKeys, ruleRouteKeys } from './logsource-routing.ts';
import { matchedSelections, ruleMatches } from './match.ts';

export interface RuleHit {
  rule: CompiledRule;
  selections: string[];
}

/** An index from route key to rules, with the rule list per combination of keys memoised. */
export interface RuleIndex {
  /** The rules that apply to an event (deduplicated, in load order). */
  rulesFor(event: WatchEvent | EventView): readonly CompiledRule[];
  /** Every routed rule that matches the event. Never throws. */
  match(event: WatchEvent | EventView): RuleHit[];
  readonly size: number;
}

export function routeRules(rules: readonly CompiledRule[]): RuleIndex {
  const byKey = new Map<string, CompiledRule[]>();
  const order = new Map<CompiledRule, number>();
  rules.forEach((rule, i) => {
    order.set(rule, i);
    for (const key of ruleRouteKeys(rule.rule.logsource)) {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [rule]);
      else list.push(rule);
    }
  });
  const combos = new Map<string, CompiledRule[]>();
  const byDataset = new Map<unknown, CompiledRule[]>();
  const rulesFor = (event: WatchEvent | EventView): readonly CompiledRule[] => {
    const fields = viewOf(event).fields;
    // Fast path: most events carry a dataset and no ECS category, so the dataset alone decides.
    const plain = fields['event.category'] === undefined;
    if (plain) {
      const known = byDataset.get(fields['event.dataset']);
      if (known !== undefined) return known;
    }
    const keys = eventRouteKeys(fields);
    const combo = keys.join('\n');
    let list = combos.get(combo);
    if (list === undefined) {
      const set = new Set<CompiledRule>();
      for (const k of keys) for (const r of byKey.get(k) ?? []) set.add(r);
      list = [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      if (combos.size < 10_000) combos.set(combo, list);
    }
    if (plain && byDataset.size < 10_000) byDataset.set(fields['event.dataset'], list);
    return list;
  };
  const match = (event: WatchEvent | EventView): RuleHit[] => {
    const view = viewOf(event);
    const hits: RuleHit[] = [];
    for (const rule of rulesFor(view)) {
      if (ruleMatches(rule, view)) hits.push({ rule, selections: matchedSelections(rule, view) });
    }
    return hits;
  };
  return { rulesFor, match, size: rules.length };
}
