// Size and nesting limits that keep hostile or accidental huge rules from exhausting the engine.

export const LIMITS = {
  /** Largest rule file read, in bytes. */
  maxFileBytes: 1_000_000,
  /** Deepest YAML nesting accepted. */
  maxYamlDepth: 32,
  /** Most documents in one file. */
  maxDocuments: 200,
  /** Longest condition expression, in characters. */
  maxConditionLength: 4_000,
  /** Deepest parenthesis / `not` nesting in a condition. */
  maxConditionDepth: 64,
  /** Most search identifiers in one detection. */
  maxSelections: 500,
  /** Most values after modifiers are applied (windash, base64offset, expand multiply them) in one rule. */
  maxValuesPerRule: 20_000,
  /** Longest single value, in characters. */
  maxValueLength: 10_000,
  /** Most permutations a single windash value may expand to. */
  maxWindashVariants: 3_125,
} as const;
