// Text normalisation for matching: case- and diacritics-insensitive, punctuation-blind. Shared by
// the engine (phrases, words, fact comparisons) and by anyone who must compare text the same way.

// Pure-ASCII text (most tickets) skips NFD and the Unicode-aware regexes, which are several times slower.
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_SEPARATORS = /[^a-z0-9]+/g;
const COMBINING_MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

function separate(s: string): string {
  // Lower-casing first: some capitals (İ) lower-case into a letter plus a combining mark.
  const lower = s.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower.replace(ASCII_SEPARATORS, ' ');
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(SEPARATORS, ' ');
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

/** Number of words in a padded normalised text. */
export function countWords(padded: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < padded.length; i++) {
    const space = padded.charCodeAt(i) === 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
