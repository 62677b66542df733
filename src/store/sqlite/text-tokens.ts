// Words as SQLite's unicode61 tokenizer sees them, and the phrase check that the word index (detail=none) leaves to us.

const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const MARKS = /\p{M}/gu;

/** The words of a text: runs of letters and digits, lower-cased, accents removed (unicode61's defaults). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) out.push(match[0].normalize('NFD').replace(MARKS, '').toLowerCase());
  return out;
}

/** True when `phrase` (already split into words) occurs in `text` as adjacent words; the last may be a prefix. */
export function containsPhrase(text: string, phrase: readonly string[], lastIsPrefix: boolean): boolean {
  if (phrase.length === 0) return false;
  const tokens = words(text);
  const last = phrase.length - 1;
  outer: for (let start = 0; start + phrase.length <= tokens.length; start++) {
    for (let i = 0; i < phrase.length; i++) {
      const token = tokens[start + i]!;
      const want = phrase[i]!;
      if (i === last && lastIsPrefix ? !token.startsWith(want) : token !== want) continue outer;
    }
    return true;
  }
  return false;
}
