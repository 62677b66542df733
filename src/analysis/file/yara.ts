// YARA over a rule folder: compiled once with the @litko/yara-x binding, falling back to Debian's `yara` command.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadYaraCli, parseMeta } from './yara-cli.ts';
import { hexOf, YaraCompileError, type YaraMatch, type YaraOptions, type YaraRuleError, type YaraScanner } from './yara-types.ts';

export { YaraCompileError } from './yara-types.ts';
export type { YaraMatch, YaraOptions, YaraRuleError, YaraScanner, YaraStringMatch } from './yara-types.ts';

/** The part of the @litko/yara-x API used here (its typings leave some types undeclared). */
interface YaraXCompiled {
  addRuleSource(source: string): void;
  setMaxMatchesPerPattern(max: number): void;
  scan(data: Buffer): YaraXRuleMatch[];
}
interface YaraXRuleMatch {
  ruleIdentifier: string;
  namespace: string;
  meta: object;
  tags: string[];
  matches: { offset: number; length: number; identifier: string }[];
}
interface YaraXModule {
  create(): YaraXCompiled;
}

/** Rule files (*.yar, *.yara) under a folder, sorted, at most 10,000. */
export function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= 10_000) return;
      const path = join(d, entry.name);
      if (entry.isDirectory() && depth < 8) walk(path, depth + 1);
      else if (entry.isFile() && /\.(yar|yara)$/i.test(entry.name)) out.push(path);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir, 0);
  else out.push(dir);
  return out;
}

let binding: Promise<YaraXModule | null> | undefined;

/** Loads the native binding once; null when it cannot load on this platform. */
export function loadYaraXBinding(): Promise<YaraXModule | null> {
  binding ??= import('@litko/yara-x').then(
    (m: unknown) => m as YaraXModule,
    () => null,
  );
  return binding;
}

/** Compiles every rule file under `dir` once and returns a scanner for buffers. */
export async function loadYaraRules(dir: string, options: YaraOptions = {}): Promise<YaraScanner> {
  const files = listRuleFiles(dir);
  const engine = options.engine ?? 'auto';
  const yx = engine === 'yara-cli' ? null : await loadYaraXBinding();
  if (!yx) {
    if (engine === 'yara-x') throw new Error('the @litko/yara-x binding could not be loaded');
    return loadYaraCli(dir, files, options);
  }
  const compiler = yx.create();
  compiler.setMaxMatchesPerPattern(options.maxMatchesPerPattern ?? 100);
  const errors: YaraRuleError[] = [];
  const ok: string[] = [];
  const metaByRule = new Map<string, Record<string, string | number | boolean>>();
  for (const file of files) {
    try {
      const source = readFileSync(file, 'utf8');
      compiler.addRuleSource(source);
      ok.push(file);
      for (const [rule, meta] of sourceMeta(source)) metaByRule.set(rule, meta);
    } catch (err) {
      errors.push(yaraXError(relative(dir, file) || file, err));
    }
  }
  if (errors.length > 0 && (options.onError ?? 'throw') === 'throw') throw new YaraCompileError(errors);
  return {
    engine: 'yara-x',
    files: ok,
    errors,
    scan: (bytes) => Promise.resolve(convert(compiler.scan(toBuffer(bytes)), bytes, metaByRule)),
    close: () => Promise.resolve(),
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** YARA-X messages carry the position as " --> line:L:C". */
function yaraXError(file: string, err: unknown): YaraRuleError {
  const text = err instanceof Error ? err.message : String(err);
  const pos = /-->\s*line:(\d+):(\d+)/.exec(text);
  const headline = /error\[\w+\]: ([^\n]*)/.exec(text)?.[1] ?? text.split('\n')[0] ?? text;
  return { file, line: pos ? Number(pos[1]) : null, column: pos ? Number(pos[2]) : null, message: headline };
}

/**
 * Metadata per rule read from the source: the binding reports booleans and strings with escapes as "unknown",
 * so those values are taken from here.
 */
function sourceMeta(source: string): Map<string, Record<string, string | number | boolean>> {
  const out = new Map<string, Record<string, string | number | boolean>>();
  const re = /\brule\s+(\w+)[^{]*\{\s*meta\s*:([\s\S]*?)\b(?:strings|condition)\s*:/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.set(m[1] ?? '', parseMeta(m[2] ?? ''));
  return out;
}

function convert(matches: YaraXRuleMatch[], bytes: Uint8Array, metaByRule: Map<string, Record<string, string | number | boolean>>): YaraMatch[] {
  return matches.map((m) => ({
    rule: m.ruleIdentifier,
    namespace: m.namespace,
    tags: [...m.tags],
    meta: Object.fromEntries(
      Object.entries(m.meta).map(([k, v]: [string, unknown]) => [k, v === 'unknown' ? (metaByRule.get(m.ruleIdentifier)?.[k] ?? v) : v])
        .filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])),
    ),
    strings: m.matches
      .map((s) => ({ identifier: s.identifier, offset: s.offset, length: s.length, hex: hexOf(bytes, s.offset, s.length) }))
      .sort((a, b) => a.offset - b.offset || a.identifier.localeCompare(b.identifier)),
  }));
}
