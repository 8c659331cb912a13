// Regular expressions from the config, compiled once and case-insensitively. Unicode mode first
// (so `\p{L}` works); patterns that only the legacy syntax accepts (such as `[\w-.]`) still work.

export function compileRegex(source: string, where: string): RegExp {
  try {
    return new RegExp(source, 'iu');
  } catch {
    try {
      return new RegExp(source, 'i');
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${where}: invalid regular expression ${JSON.stringify(source)} (${why})`);
    }
  }
}
