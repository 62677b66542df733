// Compiles `re` values with re2js (linear time, cannot hang); leading inline flags become flags; unsupported syntax is rejected with a reason.
import { RE2JS } from 're2js';

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/** A regex that cannot be compiled, with the reason. */
export class RegexError extends Error {
  override name = 'RegexError';
}

const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookaround assertions ((?=, (?!, (?<=, (?<!) are not supported by the linear-time engine'],
  [/\(\?>/, 'atomic groups ((?>…)) are not supported by the linear-time engine'],
];

/** Moves leading inline flag groups such as `(?i)` or `(?ims)` into flags; returns the rest of the pattern. */
export function liftInlineFlags(pattern: string, flags: RegexFlags): { pattern: string; flags: RegexFlags } {
  const out = { ...flags };
  let rest = pattern;
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(rest);
    if (m === null) break;
    for (const f of m[1] ?? '') {
      if (f === 'i') out.i = true;
      else if (f === 'm') out.m = true;
      else if (f === 's') out.s = true;
    }
    rest = rest.slice(m[0].length);
  }
  return { pattern: rest, flags: out };
}

/** Compiles a Sigma regex. Case-sensitive unless the `i` flag (or a leading `(?i)`) asks otherwise. */
export function compileRegex(source: string, flags: RegexFlags): RE2JS {
  const lifted = liftInlineFlags(source, flags);
  const withoutEscapedBackslashes = lifted.pattern.replace(/\\\\/g, '');
  if (/\\[1-9]|\\k</.test(withoutEscapedBackslashes)) {
    throw new RegexError(`regex /${source}/: backreferences are not supported by the linear-time engine`);
  }
  const withoutEscapes = withoutEscapedBackslashes.replace(/\\./g, 'x');
  for (const [test, reason] of UNSUPPORTED) {
    if (test.test(withoutEscapes)) throw new RegexError(`regex /${source}/: ${reason}`);
  }
  let bits = 0;
  if (lifted.flags.i) bits |= RE2JS.CASE_INSENSITIVE;
  if (lifted.flags.m) bits |= RE2JS.MULTILINE;
  if (lifted.flags.s) bits |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(lifted.pattern, bits);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new RegexError(`regex /${source}/ does not compile: ${message}`);
  }
}
