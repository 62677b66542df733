// Shapes shared by the YARA engines (YARA-X binding and the Debian `yara` command fallback).

export interface YaraStringMatch {
  identifier: string;
  offset: number;
  length: number;
  /** Matched bytes as hex (first 64 bytes). */
  hex: string;
}

export interface YaraMatch {
  rule: string;
  namespace: string;
  tags: string[];
  meta: Record<string, string | number | boolean>;
  strings: YaraStringMatch[];
}

export interface YaraRuleError {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** Rule compilation failed; `errors` lists every failure with its file and line. */
export class YaraCompileError extends Error {
  readonly errors: YaraRuleError[];

  constructor(errors: YaraRuleError[]) {
    super(
      'YARA rules failed to compile:\n' +
        errors.map((e) => `${e.file}${e.line !== null ? `:${e.line}${e.column !== null ? `:${e.column}` : ''}` : ''}: ${e.message}`).join('\n'),
    );
    this.name = 'YaraCompileError';
    this.errors = errors;
  }
}

export interface YaraScanner {
  engine: 'yara-x' | 'yara-cli';
  /** Rule files that compiled. */
  files: string[];
  /** Files skipped because they failed to compile (only with `onError: 'skip'`). */
  errors: YaraRuleError[];
  scan(bytes: Uint8Array): Promise<YaraMatch[]>;
  close(): Promise<void>;
}

export interface YaraOptions {
  /** 'auto' (default): YARA-X binding, else the `yara` command. */
  engine?: 'auto' | 'yara-x' | 'yara-cli';
  /** 'throw' (default): any bad rule file fails the load with a YaraCompileError; 'skip': load the others. */
  onError?: 'throw' | 'skip';
  /** Cap on string matches per pattern (default 100). */
  maxMatchesPerPattern?: number;
  /** Path of the `yara` command for the fallback (default 'yara'). */
  yaraCommand?: string;
}

export const hexOf = (bytes: Uint8Array, offset: number, length: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(offset, offset + Math.min(length, 64)).toString('hex');
