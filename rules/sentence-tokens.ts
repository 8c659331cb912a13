// The sentences of a text as normalised words, in one pass over its characters: the request-kind
// classifier reads every sentence of every ticket, and a regular expression for the sentences plus
// `normalizeText` and `split` on each cost it more than all its cue matching.
import { foldChar, isWordChar } from './normalize-text.js';

/** Per non-ASCII UTF-16 unit: its folded letters, '' for a mark inside a word, null for a separator. */
const wide = new Map<number, string | null>();

function foldWide(code: number): string | null {
  let folded = wide.get(code);
  if (folded === undefined) {
    // Lone surrogates (astral characters, mostly emoji) separate words.
    if (code >= 0xd800 && code <= 0xdfff) folded = null;
    else {
      const chars = foldChar(code);
      folded = chars === '' ? '' : isWordChar(chars.charAt(0)) ? chars : null;
    }
    wide.set(code, folded);
  }
  return folded;
}

const FULL_STOP = 46;

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}
/** An ASCII letter or digit: the characters around a dot inside a name or a number. */
function isAlnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  return isDigitAt(text, i) || (c >= 97 && c <= 122);
}
const RELEASE_LETTER = /[rRvV]/;

function allDigits(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isDigitAt(text, k)) return false;
  return true;
}
const EXCLAMATION = 33;
const QUESTION = 63;
const NEWLINE = 10;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
const CARRIAGE_RETURN = 13;

/**
 * Calls `visit` for each sentence: a run of text up to `.`, `!`, `?` or a line break, with the
 * terminal marks that follow it. Its words are normalised as `normalizeText` does (lower case, no
 * diacritics, letters and digits only); `question` is true when its last mark is `?`; `heading`
 * when the line ends in a colon without one ("How to see it:", "Stappen:").
 */
export function forEachSentence(text: string, visit: (words: readonly string[], question: boolean, heading: boolean) => void): void {
  let words: string[] = [];
  /** The last mark read was a colon: a line that ends in one introduces what follows ("How to reproduce:"). */
  let colon = false;
  // The word being read is text[from, i), lower-cased when `upper`; once a non-ASCII letter comes,
  // it is built in `folded` instead (rare: a slice of the text costs far less than building).
  let from = -1;
  let upper = false;
  let folded: string | null = null;
  let open = false;
  let terminal = 0;
  const endWord = (to: number): void => {
    if (folded !== null) {
      if (folded !== '') words.push(folded);
    }
    else if (from >= 0) words.push(upper ? text.slice(from, to).toLowerCase() : text.slice(from, to));
    from = -1;
    upper = false;
    folded = null;
  };
  for (let i = 0, n = text.length; i < n; i++) {
    const code = text.charCodeAt(i);
    // The dot of "3.3" or "10.2.1" ends no sentence: it separates the parts of a number; nor does
    // the one of "export.csv" or "tenant.veldhuis-connect.com", inside a name.
    if (code === FULL_STOP && terminal === 0 && isAlnumAt(text, i - 1) && isAlnumAt(text, i + 1)) {
      // "R25.3", "v9.4": a release letter glued to a version's number is read as the number (as the
      // version fact reads it), so "naar R25.3" aims at a release.
      if (folded === null && from >= 0 && i - from >= 2 && i - from <= 5 && RELEASE_LETTER.test(text.charAt(from)) && isDigitAt(text, i + 1) && allDigits(text, from + 1, i)) from++;
      endWord(i);
      continue;
    }
    if (code === FULL_STOP || code === EXCLAMATION || code === QUESTION) {
      // Marks before any text belong to no sentence.
      if (!open) continue;
      if (terminal === 0) endWord(i);
      terminal = code;
      continue;
    }
    if (terminal !== 0 || code === NEWLINE) {
      endWord(i);
      if (open) visit(words, terminal === QUESTION, colon && terminal === 0);
      words = [];
      open = false;
      terminal = 0;
      colon = false;
      if (code === NEWLINE) continue;
    }
    if (code === COLON) colon = true;
    else if (code !== SPACE && code !== TAB && code !== CARRIAGE_RETURN) colon = false;
    open = true;
    if (code < 128) {
      const lower = code >= 97 && code <= 122 || code >= 48 && code <= 57;
      const capital = !lower && code >= 65 && code <= 90;
      if (lower || capital) {
        if (folded !== null) folded += capital ? String.fromCharCode(code + 32) : text[i];
        else if (from < 0) from = i;
        if (capital) upper = true;
      } else endWord(i);
      continue;
    }
    const wideFold = foldWide(code);
    if (wideFold === null) endWord(i);
    else {
      if (folded === null) {
        folded = from < 0 ? '' : upper ? text.slice(from, i).toLowerCase() : text.slice(from, i);
        from = i;
      }
      folded += wideFold;
    }
  }
  endWord(text.length);
  if (open) visit(words, terminal === QUESTION, false);
}
