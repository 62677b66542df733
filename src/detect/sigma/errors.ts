// Error types for each stage of the Sigma engine (YAML, parse, condition, compile, limits), all carrying file:line:column.

/** A 1-based position in a rule file. */
export interface SourcePos {
  line: number;
  column: number;
}

export type SigmaStage = 'yaml' | 'parse' | 'condition' | 'compile' | 'limit' | 'reference';

/** Base class: every Sigma error says where (file, line, column) and why (reason). */
export class SigmaError extends Error {
  readonly stage: SigmaStage;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(stage: SigmaStage, file: string, pos: SourcePos, reason: string) {
    super(`${file}:${pos.line}:${pos.column}: ${reason}`);
    this.name = new.target.name;
    this.stage = stage;
    this.file = file;
    this.line = pos.line;
    this.column = pos.column;
    this.reason = reason;
  }
}

/** The YAML text could not be read (syntax error, aliases, wrong top-level type). */
export class SigmaYamlError extends SigmaError {
  constructor(file: string, pos: SourcePos, reason: string) {
    super('yaml', file, pos, reason);
  }
}

/** The YAML is valid but is not a valid Sigma rule, correlation or filter. */
export class SigmaParseError extends SigmaError {
  constructor(file: string, pos: SourcePos, reason: string) {
    super('parse', file, pos, reason);
  }
}

/** The condition expression is malformed or names an undefined search identifier. `conditionColumn` is 1-based within the condition text. */
export class SigmaConditionError extends SigmaError {
  readonly conditionColumn: number;

  constructor(file: string, pos: SourcePos, conditionColumn: number, reason: string) {
    super('condition', file, pos, `condition column ${conditionColumn}: ${reason}`);
    this.conditionColumn = conditionColumn;
  }
}

/** A value or modifier cannot be turned into a matcher (unknown modifier, bad regex, bad CIDR, missing placeholder…). */
export class SigmaCompileError extends SigmaError {
  constructor(file: string, pos: SourcePos, reason: string) {
    super('compile', file, pos, reason);
  }
}

/** An input exceeds a size or nesting limit. */
export class SigmaLimitError extends SigmaError {
  constructor(file: string, pos: SourcePos, reason: string) {
    super('limit', file, pos, reason);
  }
}

/** A correlation or filter refers to a rule that is not loaded. */
export class SigmaReferenceError extends SigmaError {
  constructor(file: string, pos: SourcePos, reason: string) {
    super('reference', file, pos, reason);
  }
}

/** A rule document that did not load, as reported by the loader. */
export interface Rejection {
  file: string;
  line: number;
  column: number;
  stage: SigmaStage;
  reason: string;
}

/** Turns an error into a rejection record; non-Sigma errors (engine bugs) keep their message and point at the document. */
export function toRejection(err: unknown, file: string, pos: SourcePos): Rejection {
  if (err instanceof SigmaError) {
    return { file: err.file, line: err.line, column: err.column, stage: err.stage, reason: err.reason };
  }
  const reason = err instanceof Error ? `internal error: ${err.message}` : `internal error: ${String(err)}`;
  return { file, line: pos.line, column: pos.column, stage: 'compile', reason };
}
