// Regular expressions from the config, compiled once; case-insensitively unless the config says
// `caseSensitive: true`.
//
// Unicode mode (`u`) is used when the pattern needs it: property escapes (`\p{L}`), code point
// escapes (`\u{…}`) or characters outside the BMP. Otherwise the legacy mode is used: for BMP text
// it matches the same (case folding of é/É included), and V8 runs `/…/i` several times faster than
// `/…/iu` on long descriptions. A pattern that only one mode accepts is compiled in that mode.

const NEEDS_UNICODE = /\\[pPu]\{|[\uD800-\uDFFF]/;

export function compileRegex(source: string, where: string, caseSensitive = false): RegExp {
  const i = caseSensitive ? '' : 'i';
  const [first, second] = NEEDS_UNICODE.test(source) ? [`${i}u`, i] : [i, `${i}u`];
  try {
    return new RegExp(source, first);
  } catch {
    try {
      return new RegExp(source, second);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${where}: invalid regular expression ${JSON.stringify(source)} (${why})`);
    }
  }
}

/** The pattern as the trace shows it: `/…/i`, or `/…/` when case-sensitive. */
export function describeRegex(source: string, caseSensitive = false): string {
  return `/${source}/${caseSensitive ? '' : 'i'}`;
}
