// learnKindModel with an injected clock: what the model says it was trained on, that the same
// history trains the same model, and how a verdict is graded against people's category.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import { gradeVerdict } from '../../connectors/learn/grade-verdict.js';
import { epochsFor, ExportChangedError, learnKindModel, triageAgain, type LearnResult } from '../../connectors/learn/learn-kind-model.js';
import { readTickets } from '../../connectors/input/read-tickets.js';
import { modelHash } from '../../connectors/learn/model-file.js';
import { writeLabelledExport } from './labelled-export.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let first: LearnResult;
let again: LearnResult;

async function learn(folds = 5): Promise<LearnResult> {
  const loaded = await loadConfig(path.join(root, 'examples/coverage.yaml'));
  return learnKindModel({ ticketsPath: dir, config: loaded.config, configHash: loaded.hash, source: 'history/', folds, now: () => new Date('2026-12-06T23:59:59Z') });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-learn-unit-'));
  writeLabelledExport(dir);
  first = await learn();
  again = await learn();
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('learnKindModel', () => {
  it('says what the model was trained on, with the date of the clock it is given', () => {
    expect(first.model.trainedOn).toBe('121 tickets of history/, 2026-12-06');
  });

  it('trains the same model and the same report from the same history', () => {
    expect(again.model).toEqual(first.model);
    expect(again.total).toEqual(first.total);
  });

  it('hashes the bias and weights it wrote', () => {
    expect(first.model.hash).toBe(modelHash(first.model));
    expect(Object.keys(first.model.weights).length).toBeGreaterThan(100);
  });

  it('grades every ticket used in each of the three columns, overall and per language', () => {
    const n = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);
    for (const column of first.total) expect(n(column)).toBe(121);
    const languages = Object.values(first.byLanguage);
    for (let c = 0; c < 3; c++) expect(languages.reduce((sum, cols) => sum + n(cols[c] ?? {}), 0)).toBe(121);
  });

  it('shows what the built-in model changes: the open kinds it settles', () => {
    // The built-in model was trained on these tickets: it settles open kinds, here rightly.
    expect(first.total[1].review).toBeLessThan(first.total[0].review);
    expect(first.total[1].right).toBeGreaterThan(first.total[0].right);
    expect(first.total[1].wrong).toBeLessThanOrEqual(first.total[0].wrong);
  });

  it('judges each ticket by a model trained without it', () => {
    // A model that has seen the tickets it judges is sure of them and agrees with people on each, as
    // the built-in model does on these (its training) tickets; a model that has not, is not.
    expect(first.total[2].review + first.total[2].wrong).toBeGreaterThan(0);
  });

  it('takes the fold count it is given', async () => {
    const two = await learn(2);
    expect(two.folds).toBe(2);
    expect(two.model).toEqual({ ...first.model });
    expect(two.total[0]).toEqual(first.total[0]);
  });
});

describe('epochsFor', () => {
  it.each([
    [100, 30], [480, 30], [3000, 30], [10_000, 10], [20_000, 5], [100_000, 5],
  ])('%i examples: %i epochs', (n, epochs) => {
    expect(epochsFor(n)).toBe(epochs);
  });
});

describe('gradeVerdict', () => {
  it.each([
    ['covered', 'call', true, 'right'],
    ['covered', 'call', false, 'wrong'],
    ['advisory', 'advisory', false, 'right'],
    ['advisory', 'advisory', true, 'wrong'],
    ['review', 'advisory', true, 'review'],
    ['incomplete', 'call', true, 'incomplete'],
    ['incomplete', 'advisory', false, 'incomplete'],
  ] as const)('a %s verdict (%s) against covered=%s is %s', (outcome, category, covered, grade) => {
    expect(gradeVerdict({ outcome, category }, covered)).toBe(grade);
  });
});

describe('the second pass over the export', () => {
  async function places(): Promise<{ position: number; id: string }[]> {
    const loaded = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    const out: { position: number; id: string }[] = [];
    let position = -1;
    for await (const record of readTickets(dir, { helpdesks: loaded.config.helpdesks })) {
      position++;
      if (!('kind' in record)) out.push({ position, id: record.item.id });
    }
    return out;
  }

  it('finds the tickets it is asked for by their place in the export, in reading order', async () => {
    const loaded = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    const all = await places();
    const wanted = [all[3], all[17], all[40]].map((p, example) => ({ ...p!, example }));
    const seen: [string, number][] = [];
    await triageAgain(dir, loaded.config, wanted, (item, example) => { seen.push([item.id, example]); });
    expect(seen).toEqual(wanted.map((w) => [w.id, w.example]));
  });

  it('stops when the export changed since the first pass: another ticket in the place, or tickets gone', async () => {
    const loaded = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    const all = await places();
    const moved = [{ position: all[5]!.position, id: all[6]!.id, example: 0 }];
    await expect(triageAgain(dir, loaded.config, moved, () => {})).rejects.toThrow(ExportChangedError);
    await expect(triageAgain(dir, loaded.config, moved, () => {})).rejects.toThrow(`changed while inscope learn read it: ticket ${all[6]!.id} is no longer where it was`);
    const gone = [{ position: 1_000_000, id: 'x', example: 0 }];
    await expect(triageAgain(dir, loaded.config, gone, () => {})).rejects.toThrow('changed while inscope learn read it: 1 ticket is gone');
  });
});
