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
 * The folded form of the non-ASCII character at text[i], and the index of its last code unit. A lone
 * high surrogate and a lone low one with only marks between are, once the marks are dropped, one
 * character, kept as it is when it is a letter or digit (normalizeText and forEachWord read alike).
 */
function foldWideAt(text: string, i: number): { readonly folded: string; readonly last: number } {
  const codePoint = text.codePointAt(i) as number;
  if (codePoint > 0xffff) return { folded: foldWideWord(codePoint), last: i + 1 };
  if (codePoint < 0xd800 || codePoint > 0xdbff) return { folded: foldWideWord(codePoint), last: i };
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 128 && foldWideWord(text.codePointAt(j) as number) === '') j += (text.codePointAt(j) as number) > 0xffff ? 2 : 1;
  const low = text.charCodeAt(j);
  if (j > i + 1 && low >= 0xdc00 && low <= 0xdfff) {
    const joined = String.fromCharCode(codePoint, low);
    return { folded: LETTER_OR_DIGIT.test(joined) ? joined : ' ', last: j };
  }
  return { folded: ' ', last: i };
}

/**
 * Lower-case, strip diacritics, and turn every run of non-letters/digits into one space:
 * `"Hoe stél ik, in Veldhuis-Finance?"` → `"hoe stel ik in veldhuis finance"`.
 */
export function normalizeText(s: string): string {
  const n = s.length;
  const buffer = n <= KEPT_BUFFER ? (bytes.length >= n ? bytes : (bytes = new Uint8Array(Math.min(KEPT_BUFFER, 2 * n)))) : new Uint8Array(n);
  // All ASCII exactly when every character took one byte (a longer one, or a lone surrogate, takes more).
  const { read, written } = encoder.encodeInto(s, buffer);
  return read === n && written === n ? asciiWords(buffer, n) : joinedWords(s);
}

// The normalised text is written as code units into a reused buffer and decoded once: a regex
// replace over a 2 KB ticket cost three times as much. Nothing called while writing re-enters
// normalizeText, so one buffer of each kind serves every call; longer texts get their own.
const KEPT_BUFFER = 1 << 16;
const encoder = new TextEncoder();
const utf8 = new TextDecoder();
const utf16 = new TextDecoder('utf-16le');
let bytes: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
let units: Uint16Array<ArrayBuffer> = new Uint16Array(1024);

/** `normalizeText` of the ASCII text in `buffer[0, n)`, written over it (never ahead of what it reads). */
function asciiWords(buffer: Uint8Array, n: number): string {
  let out = 0;
  let gap = false;
  for (let i = 0; i < n; i++) {
    let c = buffer[i] as number;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      // One space between words, none before the first or after the last.
      if (gap) {
        buffer[out++] = 32;
        gap = false;
      }
      buffer[out++] = c;
    } else if (out > 0) gap = true;
  }
  return utf8.decode(buffer.subarray(0, out));
}

/**
 * `normalizeText` of a text with other characters: the words of `forEachWord` (read the same way,
 * character by character) joined by one space, without NFD and the Unicode-aware regexes over the
 * whole of it (a ticket with one "ë" paid them for every word).
 */
function joinedWords(text: string): string {
  const n = text.length;
  let buffer = units.length >= n + 8 ? units : new Uint16Array(2 * n + 8);
  let out = 0;
  let gap = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const c = code >= 65 && code <= 90 ? code + 32 : code;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (buffer.length < out + 2) buffer = grown(buffer);
        if (gap) {
          buffer[out++] = 32;
          gap = false;
        }
        buffer[out++] = c;
      } else if (out > 0) gap = true;
      continue;
    }
    const wide = foldWideAt(text, i);
    const folded = wide.folded;
    i = wide.last;
    // Letters (ë into e), nothing (a mark), a space, or letters and a space.
    while (buffer.length < out + folded.length + 1) buffer = grown(buffer);
    for (let k = 0; k < folded.length; k++) {
      const unit = folded.charCodeAt(k);
      if (unit !== 32) {
        if (gap) {
          buffer[out++] = 32;
          gap = false;
        }
        buffer[out++] = unit;
      } else if (out > 0) gap = true;
    }
  }
  if (buffer.length <= KEPT_BUFFER) units = buffer;
  return utf16.decode(buffer.subarray(0, out));
}

function grown(buffer: Uint16Array<ArrayBuffer>): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(2 * buffer.length);
  bigger.set(buffer);
  return bigger;
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

/** Per non-ASCII code point: what `normalizeText` turns it into, in word characters and spaces. */
const wideWords = new Map<number, string>();

function foldWideWord(codePoint: number): string {
  let folded = wideWords.get(codePoint);
  if (folded === undefined) {
    // Lone surrogates separate words, as the u-flagged separator pattern reads them.
    folded = codePoint >= 0xd800 && codePoint <= 0xdfff ? ' ' : separate(String.fromCodePoint(codePoint));
    wideWords.set(codePoint, folded);
  }
  return folded;
}

/**
 * Calls `visit` with each word of `normalizeText(text).split(' ')` (none empty), in order, without
 * building the normalised text: per character, which is the same because case folding (but for the
 * final sigma, which folds to sigma anyway), decomposition and dropping marks work per character.
 * The learned kind model reads every word of a ticket, and NFD over a whole ticket cost it more
 * than all its look-ups.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  // The word being read is text[from, i), lower-cased when `upper`; once a non-ASCII character
  // comes, it is built in `built` instead (a slice of the text costs far less than building).
  let from = -1;
  let upper = false;
  let built: string | null = null;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 32;
    if (code < 128) {
      const lower = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
      const capital = !lower && code >= 65 && code <= 90;
      if (lower || capital) {
        if (built !== null) built += capital ? String.fromCharCode(code + 32) : text.charAt(i);
        else if (from < 0) from = i;
        if (capital) upper = true;
        continue;
      }
      if (built !== null) {
        if (built !== '') visit(built);
      } else if (from >= 0) visit(upper ? text.slice(from, i).toLowerCase() : text.slice(from, i));
      from = -1;
      upper = false;
      built = null;
      continue;
    }
    if (built === null) built = from < 0 ? '' : upper ? text.slice(from, i).toLowerCase() : text.slice(from, i);
    const wide = foldWideAt(text, i);
    const folded = wide.folded;
    i = wide.last;
    // Most fold into letters (ë into e) or nothing (a mark); some into a space, or letters and a space.
    for (let k = 0; k < folded.length; k++) {
      const ch = folded.charAt(k);
      if (ch !== ' ') built += ch;
      else if (built !== '') {
        visit(built);
        built = '';
      }
    }
  }
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
