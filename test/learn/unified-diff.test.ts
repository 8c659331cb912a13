// unifiedDiff against diff -u (GNU diffutils, on every Debian machine) on the same texts: the same
// hunks, so the diff `inscope tune` prints reads and applies like any other.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../connectors/learn/unified-diff.js';

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${i + from}`).join('\n') + '\n';

function diffU(before: string, after: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-diff-'));
  try {
    fs.writeFileSync(path.join(dir, 'a'), before);
    fs.writeFileSync(path.join(dir, 'b'), after);
    const run = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    return run.stdout.split('\n').slice(2).join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('unifiedDiff', () => {
  it.each([
    ['lines added at the end', lines(10), `${lines(10)}\nkinds:\n  defect: { add: [hapert] }\n`],
    ['a line changed in the middle', lines(20), lines(20).replace('line 10\n', 'line ten\n')],
    ['a line added at the start', lines(5), `first\n${lines(5)}`],
    ['two changes far apart: two hunks', lines(30), lines(30).replace('line 3\n', 'line three\n').replace('line 27\n', '')],
    ['two changes close together: one hunk', lines(30), lines(30).replace('line 10\n', 'line ten\n').replace('line 15\n', 'line fifteen\n')],
  ])('%s: the hunks of diff -u', (_, before, after) => {
    const ours = unifiedDiff(before, after, 'a', 'b');
    expect(ours.split('\n').slice(0, 2)).toEqual(['--- a', '+++ b']);
    expect(ours.split('\n').slice(2).join('\n')).toBe(diffU(before, after));
  });

  it('is empty for the same text', () => {
    expect(unifiedDiff(lines(3), lines(3), 'a')).toBe('');
  });
});
