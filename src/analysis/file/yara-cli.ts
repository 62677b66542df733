// Fallback YARA engine: Debian's `yarac` compiles the rules once, `yara -C -s -L -g -m` scans, its output is parsed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { hexOf, YaraCompileError, type YaraMatch, type YaraOptions, type YaraRuleError, type YaraScanner } from './yara-types.ts';

const run = promisify(execFile);

async function exec(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string; ok: boolean }> {
  try {
    const r = await run(cmd, args, { maxBuffer: 64 << 20, encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr, ok: true };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: string; message?: string };
    if (e.code === 'ENOENT') {
      throw new Error(`${cmd} not found: install Debian's yara (apt-get install -y yara) or make @litko/yara-x loadable`, { cause: err });
    }
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? e.message ?? '', ok: false };
  }
}

/** yarac/yara report "file(line): error: message". */
export function parseCliErrors(stderr: string, dir: string): YaraRuleError[] {
  const errors: YaraRuleError[] = [];
  for (const line of stderr.split('\n')) {
    // yara 4.x: 'error: rule "r" in FILE(LINE): MESSAGE'; older: 'FILE(LINE): error: MESSAGE'.
    const m = /^error: (?:rule "[^"]*" in )?(.*)\((\d+)\): (.*)$/.exec(line.trim()) ?? /^(.*)\((\d+)\): error: (.*)$/.exec(line.trim());
    if (m) errors.push({ file: relative(dir, m[1] ?? '') || (m[1] ?? ''), line: Number(m[2]), column: null, message: m[3] ?? '' });
  }
  const stray = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('warning:'));
  if (errors.length === 0 && stray.length > 0) errors.push({ file: dir, line: null, column: null, message: stray.join('\n') });
  return errors;
}

export async function loadYaraCli(dir: string, files: string[], options: YaraOptions): Promise<YaraScanner> {
  const yara = options.yaraCommand ?? 'yara';
  const yarac = yara.replace(/yara$/, 'yarac');
  const work = await mkdtemp(join(tmpdir(), 'wf-yara-'));
  const compiled = join(work, 'rules.yarc');
  let good = files;
  let errors: YaraRuleError[] = [];
  const all = await exec(yarac, [...good, compiled]);
  if (!all.ok) {
    // Find the failing files one by one so each error names its file.
    errors = [];
    good = [];
    for (const f of files) {
      const one = await exec(yarac, [f, join(work, 'one.yarc')]);
      if (one.ok) good.push(f);
      else errors.push(...parseCliErrors(one.stderr, dir));
    }
    if (errors.length === 0) errors = parseCliErrors(all.stderr, dir);
    if ((options.onError ?? 'throw') === 'throw' || good.length === 0) {
      await rm(work, { recursive: true, force: true });
      if (errors.length > 0) throw new YaraCompileError(errors);
    }
    const rest = await exec(yarac, [...good, compiled]);
    if (!rest.ok) throw new YaraCompileError(parseCliErrors(rest.stderr, dir));
  }
  let counter = 0;
  return {
    engine: 'yara-cli',
    files: good,
    errors,
    async scan(bytes) {
      const sample = join(work, `sample-${counter++}`);
      await writeFile(sample, bytes, { mode: 0o400 });
      try {
        const out = await exec(yara, ['-C', '-s', '-L', '-g', '-m', '-w', '-N', compiled, sample]);
        return parseCliOutput(out.stdout, bytes);
      } finally {
        await rm(sample, { force: true });
      }
    },
    close: () => rm(work, { recursive: true, force: true }),
  };
}

/** Parses `yara -s -L -g -m` output: "rule [tags] [meta] path" lines followed by "0xOFF:LEN:$id: data" lines. */
export function parseCliOutput(stdout: string, bytes: Uint8Array | null): YaraMatch[] {
  const matches: YaraMatch[] = [];
  let current: YaraMatch | undefined;
  for (const line of stdout.split('\n')) {
    const s = /^0x([0-9a-f]+):(\d+):(\$\w*): /.exec(line);
    if (s && current) {
      const offset = parseInt(s[1] ?? '0', 16);
      const length = Number(s[2]);
      current.strings.push({ identifier: s[3] ?? '', offset, length, hex: bytes ? hexOf(bytes, offset, length) : '' });
      continue;
    }
    const r = /^(?:(\w+):)?(\w+) \[([^\]]*)\] \[(.*)\] (.+)$/.exec(line);
    if (!r) continue;
    current = { rule: r[2] ?? '', namespace: r[1] ?? 'default', tags: r[3] ? (r[3] ?? '').split(',') : [], meta: parseMeta(r[4] ?? ''), strings: [] };
    matches.push(current);
  }
  for (const m of matches) m.strings.sort((a, b) => a.offset - b.offset || a.identifier.localeCompare(b.identifier));
  return matches;
}

/** key="string",key=123,key=true — strings may contain escaped quotes and commas. */
export function parseMeta(text: string): Record<string, string | number | boolean> {
  const meta: Record<string, string | number | boolean> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+)|(true|false))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1] ?? '';
    if (m[2] !== undefined) meta[key] = m[2].replace(/\\(.)/g, '$1');
    else if (m[3] !== undefined) meta[key] = Number(m[3]);
    else meta[key] = m[4] === 'true';
  }
  return meta;
}
