// Slow regular expressions run only where they can match. The built-in readers try a score of
// expressions over every ticket, most of which match nothing; in Unicode case-insensitive mode
// (`/iu`) V8 tries each one at every character, some 15 µs per kilobyte. A cheap test that every
// text an expression matches passes, or a cheap scan for the words every match starts with, skips
// that work and gives the same first match.

/** What the readers need of an expression: the first match, as `RegExp.prototype.exec` gives it. */
export interface TextPattern {
  exec(text: string): RegExpExecArray | null;
}

/** `re`, tried only on a text that passes `needs`: a test every text `re` matches passes. */
export function needing(re: RegExp, needs: (text: string) => boolean): TextPattern {
  return { exec: (text) => (needs(text) ? re.exec(text) : null) };
}

/**
 * `re`, tried only where `starts` matches: every match of `re` must begin where `starts` does. The
 * first place where a sticky `re` matches is where the whole search would find it, with the same
 * match (the same expression tried from the same place). `re` must not be global or sticky.
 */
export function startingAt(re: RegExp, starts: RegExp): TextPattern {
  const at = new RegExp(re.source, `${re.flags}y`);
  const scan = new RegExp(starts.source, `${starts.flags}g`);
  return {
    exec(text) {
      scan.lastIndex = 0;
      for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
        at.lastIndex = m.index;
        const found = at.exec(text);
        if (found !== null) return found;
        // Overlapping starts ("fouterror") are each tried.
        scan.lastIndex = m.index + 1;
      }
      return null;
    },
  };
}

/** Any of these characters opens a quote in the readers' expressions (straight, curly, low, guillemet). */
const QUOTES = ['"', '“', '„', '«', "'", '‘'];

/** True when the text holds a character that may open a quoted message. */
export function hasQuote(text: string): boolean {
  for (const q of QUOTES) if (text.includes(q)) return true;
  return false;
}
