// A unified diff (as `diff -u` writes it and `patch` reads it) between two versions of a text, for
// `inscope tune` to show a config change for review. The texts differ in a few places: the common
// start and end are cut first, and the rest is compared by longest common subsequence of lines.

const CONTEXT = 3;

type Op = readonly [' ' | '-' | '+', string];

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The edit script between a and b, line by line. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
  const lcs = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      (lcs[i] as Int32Array)[j] = a[start + i] === b[start + j] ? ((lcs[i + 1] as Int32Array)[j + 1] as number) + 1 : Math.max((lcs[i + 1] as Int32Array)[j] as number, (lcs[i] as Int32Array)[j + 1] as number);
    }
  }
  const ops: Op[] = a.slice(0, start).map((l) => [' ', l] as const);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push([' ', a[start + i] as string]);
      i++;
      j++;
    } else if (i < n && (j === m || ((lcs[i + 1] as Int32Array)[j] as number) >= ((lcs[i] as Int32Array)[j + 1] as number))) {
      // Removals before additions, as diff -u shows a changed line.
      ops.push(['-', a[start + i++] as string]);
    } else {
      ops.push(['+', b[start + j++] as string]);
    }
  }
  for (const l of a.slice(endA)) ops.push([' ', l]);
  return ops;
}

/** `--- <from>` / `+++ <to>` and the hunks (`patch -p0` applies it); the empty string when the texts are the same. */
export function unifiedDiff(before: string, after: string, from: string, to = from): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- ${from}`, `+++ ${to}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && (ops[k] as Op)[0] === ' ') k++;
    if (k === ops.length) break;
    // A hunk: the changes from here, merged while fewer than 2 × CONTEXT unchanged lines part them.
    let end = k;
    for (let quiet = 0, i = k; i < ops.length; i++) {
      quiet = (ops[i] as Op)[0] === ' ' ? quiet + 1 : 0;
      if (quiet > 2 * CONTEXT) break;
      if (quiet === 0) end = i + 1;
    }
    const from0 = Math.max(0, k - CONTEXT);
    const to0 = Math.min(ops.length, end + CONTEXT);
    const hunk = ops.slice(from0, to0);
    const lineA = ops.slice(0, from0).filter((o) => o[0] !== '+').length;
    const lineB = ops.slice(0, from0).filter((o) => o[0] !== '-').length;
    const countA = hunk.filter((o) => o[0] !== '+').length;
    const countB = hunk.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${countA === 0 ? lineA : lineA + 1},${countA} +${countB === 0 ? lineB : lineB + 1},${countB} @@`, ...hunk.map(([op, line]) => `${op}${line}`));
    k = to0;
  }
  return `${out.join('\n')}\n`;
}
