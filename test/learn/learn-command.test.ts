// `inscope learn` and `model:` end to end through the real binary, on a vendor history built from
// the evaluation corpus's Zendesk development pages (see labelled-export.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInscope, type InscopeRun } from '../helpers/run-inscope.js';
import { writeLabelledExport } from './labelled-export.js';

const root = path.resolve(import.meta.dirname, '../..');
const exampleConfig = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8');
let dir: string;
let tickets: string;
let counts: ReturnType<typeof writeLabelledExport>;
let learned: InscopeRun;

/** A config in `dir` that names `model`, optionally with more YAML appended. */
function configWith(model: string, extra = ''): string {
  const file = path.join(dir, `coverage-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, `${exampleConfig}\nmodel: ${model}\n${extra}`);
  return file;
}

// A ticket whose kind the cues leave open between a defect and the customer's own implementation
// (corpus ticket 82055): a model decides it.
const openTicket = {
  id: '82055', subject: 'Copied shift templates lose break times',
  description: "Hi,\n\nIn Planner 4.5.2, when you copy a shift template (Rostering > Templates > ... > Duplicate), the copy loses all break definitions: the original 'Studio day' has a 30 min break at 12:30, the copy has none. Editing the copy and re-adding the break works.\n\nFYI we sign in through our own Okta SSO, but I don't think that's related - same thing with the local admin account.\n\nSofia",
  createdAt: '2026-11-27T16:20:00Z', requesterEmail: 'sofia.reyes@brightline.io', requesterLocale: 'en-US', tags: [], form: '1', priority: 'normal', channel: 'email', fields: {}, attachments: [],
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-learn-'));
  tickets = path.join(dir, 'export');
  fs.mkdirSync(tickets);
  counts = writeLabelledExport(tickets);
  fs.writeFileSync(path.join(dir, 'open-ticket.json'), JSON.stringify(openTicket));
  learned = await runInscope(['learn', '--tickets', tickets, '--out', path.join(dir, 'model.json')], {});
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('inscope learn', () => {
  it('learns from the tickets with a category and an active contract, and counts the others by why', () => {
    expect(learned.stderr).toBe('');
    expect(learned.code).toBe(0);
    expect(counts.none).toBe(38);
    expect(learned.stdout).toContain('Learned from 121 tickets with a category and an active contract.');
    // 31 of the categorised tickets belong to no contract, or one that does not cover them then.
    expect(learned.stdout).toContain(`Skipped: ${counts.none} without a category, 31 whose contract is not active (none 8, version-out-of-support 6, expired 5, not-yet-active 5, product-not-covered 4, module-not-covered 3), 0 unreadable.`);
    expect(121 + 31).toBe(counts.call + counts.advisory);
  });

  it('prints the cross-validation of cues only, the built-in model and this model side by side, overall and per language', () => {
    const lines = learned.stdout.split('\n');
    expect(lines.find((l) => l.includes('cues only'))).toMatch(/cues only\s+built-in model\s+this model/);
    expect(lines.find((l) => l.includes('incompl.'))?.match(/right\s+wrong\s+review\s+incompl\./g)).toHaveLength(3);
    const figures = (name: string) => lines.find((l) => l.trimStart().startsWith(`${name} `))?.match(/\d+\.\d %/g);
    for (const row of ['all', 'language en', 'language nl']) expect(figures(row)).toHaveLength(12);
    // Each column's four shares are of the same tickets.
    for (let c = 0; c < 3; c++) {
      const sum = (figures('all') ?? []).slice(4 * c, 4 * c + 4).reduce((s, f) => s + Number.parseFloat(f), 0);
      expect(sum).toBeCloseTo(100, 0);
    }
  });

  it('writes a model file that a config loads through model:, with what it was trained on', async () => {
    const run = await runInscope(['check-config', configWith('model.json')], {});
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^model: model\\.json, \\d+ features, trained on 121 tickets of ${tickets.replace(/[.\\/]/g, '\\$&')}, \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it('refuses a model file changed after it was written, naming the file and what is wrong', async () => {
    const text = fs.readFileSync(path.join(dir, 'model.json'), 'utf8');
    const tampered = text.replace(/("bias": )(-?[\d.]+)/, (_, key: string, bias: string) => `${key}${Number(bias) + 1}`);
    expect(tampered).not.toBe(text);
    fs.writeFileSync(path.join(dir, 'tampered.json'), tampered);
    const run = await runInscope(['check-config', configWith('tampered.json')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(dir, 'tampered.json')}:4:3  hash: does not match the bias and weights`);
  });

  it('without a category mapping, says there is nothing to learn from and writes nothing', async () => {
    const config = path.join(dir, 'no-category.yaml');
    // Without helpdesks, the reader finds no Category field: no ticket has a category people set.
    fs.writeFileSync(config, exampleConfig.replace(/^helpdesks:\n(?: .*\n|\n)*/m, ''));
    const run = await runInscope(['learn', '--config', config, '--tickets', tickets, '--out', path.join(dir, 'none.json')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing to learn from (190 without a category');
    expect(fs.existsSync(path.join(dir, 'none.json'))).toBe(false);
  });
});

describe('model: in the config', () => {
  const sure = (bias: number) => JSON.stringify({ version: 1, trainedOn: `bias ${bias}`, hash: '', bias, weights: {} });
  async function triageWith(bias: number, extra = ''): Promise<{ outcome: string; kind: { learned?: { covered: number } } }> {
    const { modelHash } = await import('../../connectors/learn/model-file.js');
    const name = `bias${bias}.json`;
    fs.writeFileSync(path.join(dir, name), sure(bias).replace('"hash":""', `"hash":"${modelHash({ bias, weights: {} })}"`));
    const run = await runInscope(['triage', '--config', configWith(name, extra), path.join(dir, 'open-ticket.json'), '--json'], {});
    expect(run.stderr).toBe('');
    return (JSON.parse(run.stdout) as { verdict: { outcome: string; kind: { learned?: { covered: number } } } }).verdict;
  }

  it('replaces the built-in model: the engine asks it where the cues leave the kind open', async () => {
    const covered = await triageWith(10);
    expect(covered.kind.learned?.covered).toBe(1);
    expect(covered.outcome).toBe('covered');
    const advisory = await triageWith(-10);
    expect(advisory.kind.learned?.covered).toBe(0);
    expect(advisory.outcome).toBe('advisory');
  }, 30_000);

  it('is off with kinds.learned: false, as the built-in one is', async () => {
    const off = await triageWith(10, 'kinds:\n  learned: false\n');
    expect(off.kind.learned).toBeUndefined();
    expect(off.outcome).toBe('review');
  }, 30_000);
});
