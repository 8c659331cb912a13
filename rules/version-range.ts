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
  return (version) => {
    const v = parseVersion(version);
    return v === null ? undefined : entries.some((e) => e(v));
  };
}
