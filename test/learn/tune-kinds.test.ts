// tuneKinds on a small history built for it (tune-history.ts): real config loader, real engine,
// real reader.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, compileOptions, parseConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { editKindsConfig } from '../../connectors/learn/edit-kinds-config.js';
import { tuneKinds, type TuneResult } from '../../connectors/learn/tune-kinds.js';
import { compileRules } from '../../rules/index.js';
import { CONFIG, writeTuneHistory } from './tune-history.js';

let dir: string;
let loaded: LoadedConfig;

async function tune(minTickets = 5): Promise<TuneResult> {
  const options = compileOptions(loaded);
  return tuneKinds({ ticketsPath: path.join(dir, 'history.jsonl'), config: loaded.config, compile: (config) => compileRules(config, options), minTickets, folds: 5 });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tune-'));
  loaded = await loadConfig(writeTuneHistory(dir).config);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tuneKinds', () => {
  it('lists the cue word that misleads first, with how often it fired against people and on which tickets', async () => {
    const result = await tune();
    expect(result.examples).toBe(25);
    // The "hapert" tickets have too little for any kind: a person decides them.
    expect(result.grades).toEqual({ right: 6, wrong: 13, review: 6, incomplete: 0 });
    expect(result.cues[0]).toMatchObject({ kind: 'how-to', cue: 'advies', removable: true, fired: 7, against: 7, examples: ['A1', 'A2', 'A3'] });
    expect(result.rules[0]).toMatchObject({ rule: 'advisory-kind', decided: 13, against: 7, examples: ['A1', 'A2', 'A3'] });
    expect(result.changes).toContainEqual(expect.objectContaining({ kind: 'how-to', change: 'remove', cue: 'advies', tickets: 7, agreeing: 7, effect: { right: 7, wrong: -7 } }));
  });

  it('suggests a word only one side uses as a cue of the kind InScope saw on that side', async () => {
    const { changes, after } = await tune();
    const hapert = changes.find((c) => c.cue === 'hapert');
    expect(hapert).toMatchObject({ kind: 'defect', change: 'add', tickets: 6, agreeing: 6, notRightNow: 6, effect: { right: 6, wrong: 0 } });
    expect(hapert?.z).toBeGreaterThan(0);
    // Read as a defect with a how-to behind it: the how-to is the advisory kind people meant.
    const sparren = changes.find((c) => c.cue === 'sparren');
    expect(sparren).toMatchObject({ kind: 'how-to', change: 'add', tickets: 6, agreeing: 6, effect: { right: 6, wrong: -6 } });
    expect(sparren?.z).toBeLessThan(0);
    // Neither a function word nor a cue InScope knows already is suggested.
    expect(changes.map((c) => c.cue)).not.toContain('de');
    expect(changes.map((c) => c.cue)).not.toContain('sinds');
    // Nor a pair around a known cue, which would only outweigh it.
    expect(changes.map((c) => c.cue)).not.toContain('jullie advies');
    expect(changes.map((c) => `${c.change} ${c.kind} ${c.cue}`)).toEqual(['remove how-to advies', 'add defect hapert', 'add how-to sparren']);
    expect(after).toEqual({ right: 25, wrong: 0, review: 0, incomplete: 0 });
  });

  it('judges each fold by the changes the other folds chose', async () => {
    const five = await tune();
    // A fold whose others hold fewer than 5 "hapert" or "sparren" tickets does not get that word.
    expect(five.crossValidated).toEqual({ right: 21, wrong: 2, review: 2, incomplete: 0 });
    expect((await tune(3)).crossValidated).toEqual({ right: 25, wrong: 0, review: 0, incomplete: 0 });
  });

  it('writes a suggestion the config loader loads, and that decides as it said', async () => {
    const { changes, after } = await tune();
    const text = editKindsConfig(CONFIG, path.join(dir, 'coverage.yaml'), changes);
    // Only the kinds section changes, in the config language of docs/configuration.md.
    expect(text).toBe(CONFIG.replace('kinds:\n', 'kinds:\n  how-to: { add: [sparren], remove: [advies] }\n  defect: { add: [hapert] }\n'));
    const tuned = parseConfig(text, path.join(dir, 'tuned.yaml'));
    expect(tuned.config.kinds).toEqual({ 'how-to': { add: ['sparren'], remove: ['advies'] }, defect: { add: ['hapert'] }, learned: false });
    loaded = tuned;
    try {
      const again = await tune();
      expect(again.grades).toEqual(after);
      expect(again.changes).toEqual([]);
    } finally {
      loaded = await loadConfig(path.join(dir, 'coverage.yaml'));
    }
  });

  it('suggests nothing that rests on fewer tickets than the minimum', async () => {
    const seven = await tune(7);
    expect(seven.changes.map((c) => c.cue)).toEqual(['advies']);
    const eight = await tune(8);
    expect(eight.changes).toEqual([]);
    // The disagreements are still listed: the minimum is for suggestions.
    expect(eight.cues[0]?.cue).toBe('advies');
  });
});
