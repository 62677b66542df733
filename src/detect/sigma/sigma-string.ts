// Sigma string values: wildcard and escape parsing per the spec, and the transformation modifiers (windash, base64, utf16, expand).
import { LIMITS } from './limits.ts';

/** `*` (any run) and `?` (one character) wildcards; literal text is a plain string part. */
export const STAR = 0;
export const QMARK = 1;
export type Part = string | typeof STAR | typeof QMARK;

/** A value as a sequence of literal text and wildcards. `binary` is set once it holds encoded bytes (one char per byte). */
export interface SigmaString {
  parts: Part[];
  binary: boolean;
}

/** A transformation failed (bad combination, too many variants, missing placeholder). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Parses a rule string: `*` and `?` are wildcards; `\*`, `\?`, `\\` escape; a backslash before anything else is literal. */
export function parseSigmaString(raw: string): SigmaString {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else text += '\\';
    } else if (c === '*' || c === '?') {
      if (text !== '') parts.push(text);
      text = '';
      parts.push(c === '*' ? STAR : QMARK);
    } else text += c;
  }
  if (text !== '') parts.push(text);
  return { parts, binary: false };
}

/** A value taken literally, without wildcard processing. */
export function literal(text: string): SigmaString {
  return { parts: text === '' ? [] : [text], binary: false };
}

export function hasWildcards(s: SigmaString): boolean {
  return s.parts.some((p) => typeof p !== 'string');
}

/** The text of a wildcard-free value. */
export function plainText(s: SigmaString, modifier: string): string {
  if (hasWildcards(s)) throw new ValueError(`'${modifier}' cannot encode a value containing wildcards`);
  return s.parts.join('');
}

/** Adds leading and/or trailing `*` (contains, startswith, endswith), never doubling one. */
export function wrap(s: SigmaString, start: boolean, end: boolean): SigmaString {
  const parts = [...s.parts];
  if (start && parts[0] !== STAR) parts.unshift(STAR);
  if (end && parts[parts.length - 1] !== STAR) parts.push(STAR);
  return { parts, binary: s.binary };
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** Every permutation of the dash characters `-`, `/`, en dash, em dash and horizontal bar in the literal text. */
export function windash(s: SigmaString): SigmaString[] {
  let variants: Part[][] = [[]];
  for (const part of s.parts) {
    if (typeof part !== 'string') {
      variants = variants.map((v) => [...v, part]);
      continue;
    }
    const chunks = part.split(/([-/\u2013\u2014\u2015])/);
    for (const chunk of chunks) {
      if (chunk === '') continue;
      const options = DASHES.includes(chunk) ? DASHES : [chunk];
      if (variants.length * options.length > LIMITS.maxWindashVariants) {
        throw new ValueError(`windash expands to more than ${LIMITS.maxWindashVariants} variants`);
      }
      variants = variants.flatMap((v) => options.map((o) => [...v, o]));
    }
  }
  return variants.map((parts) => ({ parts: mergeText(parts), binary: s.binary }));
}

function mergeText(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

function bytesOf(s: SigmaString, modifier: string): Buffer {
  const text = plainText(s, modifier);
  return s.binary ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/** `base64`: the value's bytes, Base64-encoded. */
export function base64(s: SigmaString): SigmaString {
  return literal(bytesOf(s, 'base64').toString('base64'));
}

/** `base64offset`: the three encodings of the value at byte offsets 0, 1 and 2, trimmed to their position-independent part. */
export function base64offset(s: SigmaString): SigmaString[] {
  const value = bytesOf(s, 'base64offset');
  const startOffsets = [0, 2, 3];
  const endOffsets = [0, -3, -2];
  const out: SigmaString[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = Buffer.concat([Buffer.alloc(i, 0x20), value]).toString('base64');
    const end = endOffsets[(value.length + i) % 3] ?? 0;
    out.push(literal(encoded.slice(startOffsets[i], end === 0 ? undefined : end)));
  }
  return out;
}

/** `utf16le`/`wide`, `utf16be`, `utf16` (little-endian with a byte order mark): the value as UTF-16 bytes. */
export function utf16(s: SigmaString, variant: 'le' | 'be' | 'bom'): SigmaString {
  const text = plainText(s, variant === 'bom' ? 'utf16' : `utf16${variant}`);
  let bytes = variant === 'bom' ? '\xff\xfe' : '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const lo = String.fromCharCode(unit & 0xff);
    const hi = String.fromCharCode(unit >> 8);
    bytes += variant === 'be' ? hi + lo : lo + hi;
  }
  return { parts: bytes === '' ? [] : [bytes], binary: true };
}

/**
 * `expand`: replaces each `%name%` placeholder with each of its configured values (values may hold wildcards);
 * `\%` is a literal percent sign. A placeholder that is not configured is an error; one configured with an empty list
 * (an indicator list with nothing in it yet) expands to no values, so the item cannot match.
 */
export function expandPlaceholders(raw: string, placeholders: Readonly<Record<string, readonly string[]>>): string[] {
  let results = [''];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c === '\\' && raw[i + 1] === '%') {
      results = results.map((r) => r + '%');
      i += 2;
    } else if (c === '%') {
      const close = raw.indexOf('%', i + 1);
      if (close < 0) throw new ValueError(`unterminated placeholder in '${raw}'`);
      const name = raw.slice(i + 1, close);
      const values = placeholders[name];
      if (values === undefined) throw new ValueError(`placeholder %${name}% has no configured value`);
      if (results.length * values.length > LIMITS.maxValuesPerRule) throw new ValueError(`placeholder %${name}% expands to too many values`);
      results = results.flatMap((r) => values.map((v) => r + v));
      i = close + 1;
    } else {
      results = results.map((r) => r + c);
      i++;
    }
  }
  return results;
}
