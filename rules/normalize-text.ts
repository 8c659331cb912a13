// Text normalisation for matching: case- and diacritics-insensitive, punctuation-blind. Shared by
// the engine (phrases, words, fact comparisons) and by anyone who must compare text the same way.

// Pure-ASCII text (most tickets) skips NFD and the Unicode-aware regexes, which are several times slower.
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const FINAL_SIGMA = /ς/g;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function separate(s: string): string {
  // Lower-casing first: some capitals (İ) lower-case into a letter plus a combining mark.
  const lower = s.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower.replace(ASCII_SEPARATORS, ' ');
  // Final sigma folds to sigma so that character-wise folding (foldChar) agrees with this.
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(FINAL_SIGMA, 'σ').replace(SEPARATORS, ' ');
}

/**
 * Lower-case, strip diacritics, and turn every run of non-letters/digits into one space:
 * `"Hoe stél ik, in Veldhuis-Finance?"` → `"hoe stel ik in veldhuis finance"`.
 */
export function normalizeText(s: string): string {
  return separate(s).trim();
}

/**
 * The normalised text with a space on both sides, so that a whole word or phrase `p` occurs
 * exactly when `padded.includes(' ' + p + ' ')`. Edge spaces may be doubled; that is harmless.
 */
export function padNormalized(s: string): string {
  return ' ' + separate(s) + ' ';
}

const keys = new Map<string, string>();
const MAX_KEYS = 10_000;

/**
 * `normalizeText` memoised, for short values that recur (product names, modules, levels): fact
 * values are compared with config values on every triage.
 */
export function normalizeKey(s: string): string {
  let key = keys.get(s);
  if (key === undefined) {
    key = normalizeText(s);
    if (keys.size >= MAX_KEYS) keys.clear();
    if (s.length <= 200) keys.set(s, key);
  }
  return key;
}

/** One UTF-16 unit folded as `normalizeText` folds it: '' for a combining mark, else 1+ characters. */
export function foldChar(code: number): string {
  return String.fromCharCode(code).toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(FINAL_SIGMA, 'σ');
}

/** True for a character that `normalizeText` keeps (a letter or digit). */
export function isWordChar(ch: string): boolean {
  return LETTER_OR_DIGIT.test(ch);
}

const WORD = 1;
const GAP = 0;
const IGNORE = -1;
const wideClass = new Map<number, number>();

function classOf(code: number): number {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? WORD : GAP;
  let c = wideClass.get(code);
  if (c === undefined) {
    const folded = code >= 0xd800 && code <= 0xdfff ? ' ' : foldChar(code);
    c = folded === '' ? IGNORE : isWordChar(folded.charAt(0)) ? WORD : GAP;
    wideClass.set(code, c);
  }
  return c;
}

/**
 * Number of words `normalizeText(text)` would have, counting no further than `limit` (so that
 * "has at least 15 words" reads only the start of a long description).
 */
export function countWords(text: string, limit = Infinity): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words < limit; i++) {
    const c = classOf(text.charCodeAt(i));
    if (c === WORD) {
      if (!inWord) words++;
      inWord = true;
    } else if (c === GAP) inWord = false;
  }
  return words;
}
