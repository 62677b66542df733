// Playbook loading errors: every problem with its file, line and column, under a stable code.

export type PlaybookProblemCode =
  | 'io'
  | 'yaml'
  | 'schema'
  | 'duplicate_step'
  | 'duplicate_option'
  | 'unknown_step'
  | 'unknown_tool'
  | 'unreachable_step'
  | 'cycle'
  | 'missing_ending'
  | 'duplicate_ending'
  | 'unknown_playbook'
  | 'duplicate_playbook';

export interface PlaybookProblem {
  code: PlaybookProblemCode;
  file: string;
  /** 1-based; 0 when the problem has no place in a file (an override object). */
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: PlaybookProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.column}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Thrown by the loaders with every problem found (not only the first). */
export class PlaybookError extends Error {
  readonly problems: readonly PlaybookProblem[];

  constructor(problems: readonly PlaybookProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PlaybookError';
    this.problems = problems;
  }
}
