// `inscope tune` end to end through the real binary on the history of tune-history.ts: the report,
// the diff, and what --out writes (a config the loader takes, or the diff).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInscope, type InscopeRun } from '../helpers/run-inscope.js';
import { CONFIG, writeTuneHistory } from './tune-history.js';

let dir: string;
let files: ReturnType<typeof writeTuneHistory>;
let run: InscopeRun;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tune-cli-'));
  files = writeTuneHistory(dir);
  run = await runInscope(['tune', '--config', files.config, '--tickets', files.tickets, '--out', path.join(dir, 'tuned.yaml')], {});
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('inscope tune', () => {
  it('reports the misleading cue first, the rules, and the changes with their figures', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Tuned on 25 tickets with a category and an active contract. As configured: right 24.0 %, wrong 52.0 %, review 24.0 %, incomplete 0.0 %.');
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Cue words that disagree with people most'));
    expect(lines[header + 2]).toMatch(/^ {2}how-to\s+"advies"\s+7\s+7\s+100\.0 %\s+e\.g\. A1, A2, A3$/);
    expect(run.stdout).toMatch(/^ {2}advisory-kind\s+13\s+7\s+53\.8 %\s+e\.g\. A1, A2, A3$/m);
    expect(run.stdout).toMatch(/^ {2}remove\s+how-to\s+"advies"\s+spoke against people on 7 of its 7 tickets \(100\.0 %\); right \+7, wrong -7/m);
    expect(run.stdout).toMatch(/^ {2}add\s+defect\s+"hapert"\s+in 6 tickets, 6 of them Call \(z 2\.0\), 6 of those not right now; right \+6, wrong 0/m);
    expect(run.stdout).toContain('With all of them, on these tickets:  right 100.0 %, wrong 0.0 %, review 0.0 %, incomplete 0.0 %.');
    expect(run.stdout).toContain('5-fold cross-validated:            right 84.0 %, wrong 8.0 %, review 8.0 %, incomplete 0.0 %.');
  });

  it('shows the change as a unified diff of the config, and changes nothing', () => {
    expect(run.stdout).toContain([
      '@@ -20,4 +20,6 @@',
      '     verdict: advisory',
      '     reason: { en: "Advice.", nl: "Advies." }',
      ' kinds:',
      '+  how-to: { add: [sparren], remove: [advies] }',
      '+  defect: { add: [hapert] }',
      '   learned: false',
    ].join('\n'));
    expect(fs.readFileSync(files.config, 'utf8')).toBe(CONFIG);
  });

  it('writes the suggested config with --out, which check-config loads', async () => {
    expect(run.stdout).toContain(`Wrote ${path.join(dir, 'tuned.yaml')}: the config with the suggested cue changes (3 changes).`);
    const check = await runInscope(['check-config', path.join(dir, 'tuned.yaml')], {});
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('writes the diff instead with --out FILE.diff, and the same config as --out FILE.yaml', async () => {
    const out = path.join(dir, 'tune.diff');
    const again = await runInscope(['tune', '--config', files.config, '--tickets', files.tickets, '--out', out], {});
    expect(again.code).toBe(0);
    const diff = fs.readFileSync(out, 'utf8');
    expect(diff.split('\n')[0]).toBe(`--- ${files.config}`);
    expect(again.stdout).toContain(diff);
    expect(fs.readFileSync(path.join(dir, 'tuned.yaml'), 'utf8')).toBe(CONFIG.replace('kinds:\n', 'kinds:\n  how-to: { add: [sparren], remove: [advies] }\n  defect: { add: [hapert] }\n'));
  });

  it('suggests nothing below --min-count, and says so', async () => {
    const high = await runInscope(['tune', '--config', files.config, '--tickets', files.tickets, '--min-count', '8'], {});
    expect(high.code).toBe(0);
    expect(high.stdout).toContain('Suggested cue changes (each resting on at least 8 tickets;');
    expect(high.stdout).toContain('  none: no cue word of at least 8 tickets would');
    expect(high.stdout).not.toContain('As a change to the config');
  });

  it('refuses a --min-count that is not a whole number of at least 1', async () => {
    const bad = await runInscope(['tune', '--tickets', files.tickets, '--min-count', '0'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('inscope tune: --min-count must be a whole number of at least 1, got "0"\n');
  });
});
