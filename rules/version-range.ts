// Supported-version lists from contracts: exact (`9.2`, also 9.2.x), wildcard (`9.x`, `9.*`) and
// comparator ranges (`>=8.0 <10`), compared numerically segment by segment.

const VERSION = /\d+(?:\.\d+)*/;
const COMPARATOR = /^(>=|<=|>|<|=)?\s*(\d+(?:\.\d+)*)(?:\.[x*])?$/i;
const WILDCARD = /^(\d+(?:\.\d+)*)\.[x*]$/i;

type Segments = readonly number[];

/** The numeric segments of the first version-looking run in `s` ("v10.2.1" → [10, 2, 1]), or null. */
export function parseVersion(s: string): Segments | null {
  const m = VERSION.exec(s);
  return m === null ? null : m[0].split('.').map(Number);
}

function compare(a: Segments, b: Segments): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function hasPrefix(v: Segments, prefix: Segments): boolean {
  for (let i = 0; i < prefix.length; i++) if (v[i] !== prefix[i]) return false;
  return true;
}

function compileEntry(entry: string): (v: Segments) => boolean {
  const spec = entry.trim();
  const wildcard = WILDCARD.exec(spec);
  if (wildcard?.[1] !== undefined) {
    const prefix = wildcard[1].split('.').map(Number);
    return (v) => hasPrefix(v, prefix);
  }
  const tests = spec.split(/\s+/).map((token) => {
    const m = COMPARATOR.exec(token);
    if (m?.[2] === undefined) throw new Error(`unsupported version range "${entry}"`);
    const bound = m[2].split('.').map(Number);
    switch (m[1]) {
      case '>=': return (v: Segments) => compare(v, bound) >= 0;
      case '<=': return (v: Segments) => compare(v, bound) <= 0;
      case '>': return (v: Segments) => compare(v, bound) > 0;
      case '<': return (v: Segments) => compare(v, bound) < 0;
      default: return (v: Segments) => hasPrefix(v, bound);
    }
  });
  return (v) => tests.every((t) => t(v));
}

/**
 * A predicate telling whether a version text is within any of the ranges; it returns undefined
 * when the text holds no version number, so that the caller can treat the version as unknown.
 */
export function compileVersionRanges(ranges: readonly string[]): (version: string) => boolean | undefined {
  const entries = ranges.map(compileEntry);
  // A product numbered by years ("2024.1 and later") whose builds carry the year in two digits
  // ("25.2.118" is 2025's): such a version is compared as the year it names.
  const byYear = numberedByYear(ranges);
  const depth = Math.max(1, ...ranges.map((r) => Math.max(0, ...(r.match(/\d+(?:\.\d+)*/g) ?? []).map((b) => b.split('.').length))));
  const within = (v: Segments): boolean => entries.some((e) => e(v));
  return (version) => {
    const parsed = parseVersion(version);
    if (parsed === null) return undefined;
    const major = parsed[0] as number;
    const v = byYear && isTwoDigitYear(major) ? [2000 + major, ...parsed.slice(1)] : parsed;
    const inside = within(v);
    // "Receptie 10" against ">=10.2": which update of 10 decides, so the version is not known enough.
    if (v.length < depth && within([...v, ...Array<number>(depth - v.length).fill(UNSAID_MAX)]) !== inside) return undefined;
    return inside;
  };
}

/** The pre-release part of a version as the engine reads it ("5.4.0-rc.1" → "rc.1", "4.7-preview" → "preview"), or undefined. */
export function prereleaseOf(version: string): string | undefined {
  return PRERELEASE.exec(version)?.[1]?.toLowerCase();
}

/**
 * Written right after a version number: a release candidate, beta, alpha or preview ("5.4.0-rc.1",
 * "4.13.0-beta.2", "4.7-pre", "5.4 RC1", "26.1 beta"). Separated by a space only when nothing but
 * punctuation, a number or the line's end follows: "7.1.5 preview run" is a report's test run.
 * Semantic versioning's pre-release part (semver.org, item 9) is the hyphenated form.
 */
export const PRERELEASE_TAIL = /^(?:-(rc|beta|alpha|pre(?:view)?)(?:[.-]?(\d{1,3}))?(?![\p{L}\d-])|[ \t]+(rc|beta|alpha|preview)(?:[ \t.-]?(\d{1,3})(?![\p{L}\d-])|(?=[ \t]*(?:[.,;:)!?\]\n]|$))))/iu;

const PRERELEASE = /-((?:rc|beta|alpha|pre|preview)(?:\.\d{1,3})?)$/i;

/** A part the customer left out, at its largest: "10" may be any 10.x. */
const UNSAID_MAX = 9999;

/** A range's bounds without their operators: ">=9.5 <10" gives "9.5" and "10". */
export function rangeBounds(range: string): string[] {
  return range.split(/\s+/).filter((b) => b !== '').map((b) => b.replace(/^(?:>=|<=|>|<|=)/, ''));
}

/** The major of each range's first bound ("2024.1" of ">=2024.1 <2026": 2024). */
const rangeMajors = (ranges: readonly string[]): number[] => ranges.flatMap((r) => r.match(/\d+/g)?.slice(0, 1) ?? []).map(Number);
/** A version's kind of numbering: by year (2025.6), or by small numbers (4.05, 8.5). */
const isYear = (major: number): boolean => major >= 1900 && major < 2100;
/** "25" of "25.2.118", beside ranges counted in years. */
const isTwoDigitYear = (major: number): boolean => major >= 10 && major < 100;
/** Whether every range counts the product's versions in years. */
const numberedByYear = (ranges: readonly string[]): boolean => {
  const majors = rangeMajors(ranges);
  return majors.length > 0 && majors.every(isYear);
};

/**
 * Whether any version satisfies a range entry: "25.4 >=26.2" asks for 25.4 and at least 26.2 at
 * once, which none is (the admin meant either). Tried on the bounds and the versions just beside them.
 */
export function satisfiable(entry: string): boolean {
  let test: (v: Segments) => boolean;
  try {
    test = compileEntry(entry);
  } catch {
    return true; // not a range: the caller reports that
  }
  const bounds = entry.match(/\d+(?:\.\d+)*/g)?.map((b) => b.split('.').map(Number)) ?? [];
  const near = bounds.flatMap((b) => [b, [...b, 1], [...b, 0, 1], [...b.slice(0, -1), (b.at(-1) ?? 0) + 1], [...b.slice(0, -1), Math.max(0, (b.at(-1) ?? 0) - 1), 999]]);
  return [[0], [1e9], ...near].some((v) => test(v));
}

/**
 * Whether a version is numbered as the ranges count: a year-numbered product's version is a year or
 * a two-digit year (25.2.118), a small-numbered product's is no year. "5.12" against ">=2025.6" is not.
 */
export function sameNumbering(version: string, ranges: readonly string[]): boolean {
  const v = parseVersion(version);
  const majors = rangeMajors(ranges);
  if (v === null || majors.length === 0) return true;
  const major = v[0] as number;
  if (majors.every(isYear)) return isYear(major) || isTwoDigitYear(major);
  if (!majors.some(isYear)) return !isYear(major);
  return true;
}
