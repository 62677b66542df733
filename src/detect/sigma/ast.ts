// The typed rule AST produced by parsing: rules, their detections and conditions, correlations and filters.
import type { SourcePos } from './errors.ts';
import type { ScalarValue } from './yaml-tree.ts';

/** A condition expression. `of` nodes keep their pattern (`null` = `them`); identifiers are checked against the detection at parse time. */
export type ConditionNode =
  | { type: 'id'; name: string; column: number }
  | { type: 'not'; operand: ConditionNode }
  | { type: 'and'; operands: ConditionNode[] }
  | { type: 'or'; operands: ConditionNode[] }
  | { type: 'of'; quantifier: 'all' | number; pattern: string | null; column: number };

export interface LogSource {
  category?: string;
  product?: string;
  service?: string;
}

/** One value as written in the rule, with where it was written. */
export interface RuleValue {
  value: ScalarValue;
  pos: SourcePos;
}

/** `field|mod1|mod2: values` — or, with `field` null, a keyword search over the whole event. */
export interface DetectionItem {
  field: string | null;
  modifiers: string[];
  values: RuleValue[];
  pos: SourcePos;
}

/** A search identifier: OR over alternatives, each an AND of items (a map is one alternative; a list of maps, several). */
export interface Selection {
  name: string;
  pos: SourcePos;
  alternatives: DetectionItem[][];
}

export interface ParsedCondition {
  text: string;
  pos: SourcePos;
  node: ConditionNode;
}

export interface Detection {
  selections: Selection[];
  conditions: ParsedCondition[];
}

/** Fields every kind of Sigma document shares. */
export interface DocumentBase {
  file: string;
  pos: SourcePos;
  title: string;
  id?: string;
  name?: string;
  level?: string;
  status?: string;
  description?: string;
  tags: string[];
  /** Attributes outside the specification (kept for the rule pack's code, type, playbook…). */
  custom: Record<string, unknown>;
}

export interface SigmaRule extends DocumentBase {
  kind: 'rule';
  logsource: LogSource;
  detection: Detection;
  fields: string[];
  falsepositives: string[];
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationCondition {
  field?: string;
  tests: { op: CompareOp; value: number }[];
}

export interface SigmaCorrelation extends DocumentBase {
  kind: 'correlation';
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition: CorrelationCondition;
  /** alias → (rule name → field). */
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
}

export interface SigmaFilter extends DocumentBase {
  kind: 'filter';
  logsource: LogSource;
  /** Rule ids or names; `'any'` applies the filter to every rule whose log source it covers. */
  rules: string[] | 'any';
  detection: Detection;
}

export type SigmaDocument = SigmaRule | SigmaCorrelation | SigmaFilter;
