// Compiles a parsed rule into selection closures and a condition closure, built once and reused for every event.
import type { ConditionNode, Detection, SigmaRule } from './ast.ts';
import { compileItem, type CompileOptions, type ValueBudget } from './compile-item.ts';
import { identifierMatches } from './condition.ts';
import type { EventView } from './event-view.ts';
import type { ItemTest } from './item-test.ts';

export type { CompileOptions } from './compile-item.ts';

export type Predicate = (view: EventView) => boolean;

/** A search identifier, compiled: OR over alternatives of AND over item tests. */
export interface CompiledSelection {
  name: string;
  alternatives: ItemTest[][];
  test: Predicate;
}

/** A detection (a rule's, or a filter's), compiled. */
export interface CompiledDetection {
  selections: CompiledSelection[];
  condition: Predicate;
}

export interface CompiledRule {
  /** The rule's id, else its name, else `file#title`. */
  key: string;
  rule: SigmaRule;
  detection: CompiledDetection;
  /** The condition actually evaluated: the rule's, with any global filters applied. */
  condition: Predicate;
}

/** The key a rule is known by in correlations, filters and results. */
export function ruleKey(rule: { id?: string; name?: string; file: string; title: string }): string {
  return rule.id ?? rule.name ?? `${rule.file}#${rule.title}`;
}

/** Compiles a rule. Throws `SigmaCompileError`/`SigmaLimitError` with the offending item's position. */
export function compileRule(rule: SigmaRule, options: CompileOptions = {}): CompiledRule {
  const detection = compileDetection(rule.file, rule.detection, options);
  return { key: ruleKey(rule), rule, detection, condition: detection.condition };
}

export function compileDetection(file: string, detection: Detection, options: CompileOptions): CompiledDetection {
  const budget: ValueBudget = { used: 0 };
  const selections = detection.selections.map((s): CompiledSelection => {
    const alternatives = s.alternatives.map((items) => items.map((item) => compileItem(file, item, options, budget)));
    return { name: s.name, alternatives, test: selectionPredicate(alternatives) };
  });
  const conditions = detection.conditions.map((c) => conditionPredicate(c.node, selections));
  const condition = conditions.length === 1 ? (conditions[0] as Predicate) : anyOf(conditions);
  return { selections, condition };
}

function allOf(preds: Predicate[]): Predicate {
  if (preds.length === 1) return preds[0] as Predicate;
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (v) => a(v) && b(v);
  }
  return (v) => {
    for (let i = 0; i < preds.length; i++) if (!(preds[i] as Predicate)(v)) return false;
    return true;
  };
}

function anyOf(preds: Predicate[]): Predicate {
  if (preds.length === 1) return preds[0] as Predicate;
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (let i = 0; i < preds.length; i++) if ((preds[i] as Predicate)(v)) return true;
    return false;
  };
}

function selectionPredicate(alternatives: ItemTest[][]): Predicate {
  return anyOf(alternatives.map((items) => allOf(items.map((t) => t.run))));
}

function conditionPredicate(node: ConditionNode, selections: readonly CompiledSelection[]): Predicate {
  switch (node.type) {
    case 'id': {
      const s = selections.find((x) => x.name === node.name);
      return s === undefined ? () => false : s.test;
    }
    case 'not': {
      const inner = conditionPredicate(node.operand, selections);
      return (v) => !inner(v);
    }
    case 'and':
      return allOf(node.operands.map((o) => conditionPredicate(o, selections)));
    case 'or':
      return anyOf(node.operands.map((o) => conditionPredicate(o, selections)));
    case 'of': {
      const preds = selections.filter((s) => identifierMatches(node.pattern, s.name)).map((s) => s.test);
      if (node.quantifier === 'all') return allOf(preds);
      if (node.quantifier === 1) return anyOf(preds);
      const need = node.quantifier;
      return (v) => {
        let n = 0;
        for (const p of preds) if (p(v) && ++n >= need) return true;
        return false;
      };
    }
  }
}
