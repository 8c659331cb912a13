// check-config's notes: a valid config that would still surprise its administrator (a GBP contract
// priced at the default rate, module-limited contracts that never ask for the module).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configNotes } from '../../connectors/config/config-notes.js';
import { loadConfig } from '../../connectors/config/load-config.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('configNotes', () => {
  it('names a contract in another currency without its own rate, and module limits no rule asks about', async () => {
    const { config } = await loadConfig(path.join(root, 'test/eval/worlds/stroom/configs/admin-1.yaml'));
    const notes = configNotes(config);
    expect(notes[0]).toBe('contract S-2026-07 is in GBP but names no hourlyRate: its proposals use defaults.hourlyRate (110) as GBP 110 an hour');
    expect(notes[1]).toMatch(/^contracts S-2026-02, S-2026-08 cover only some modules, and no completeness rule asks for the module/);
    expect(notes).toHaveLength(2);
  });

  it('has nothing to say about a module rule a person answers (ask: never)', async () => {
    const { config } = await loadConfig(path.join(root, 'test/eval/worlds/stroom/configs/admin-1.yaml'));
    const withRule = { ...config, completeness: [...config.completeness, { id: 'module-known', when: { kind: 'defect' as const }, require: { fact: 'module', present: true }, ask: 'never' as const, missing: { en: 'Which module?', nl: 'Welke module?' } }] };
    expect(configNotes(withRule).some((n) => n.includes('only some modules'))).toBe(false);
  });

  it('has nothing to say about the example config, which asks for the module when it decides', async () => {
    const { config } = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    expect(configNotes(config)).toEqual([]);
  });

  it('names a removed cue that is no built-in cue of its kind, and the kind it belongs to', async () => {
    const { config } = await loadConfig(path.join(root, 'examples/coverage.yaml'));
    const notes = configNotes({ ...config, kinds: { ...config.kinds, defect: { remove: ['storing', 'hoe kan ik', 'kassabon'] }, 'how-to': { remove: ['Crash*'] } } });
    expect(notes).toEqual([
      'kinds.defect.remove "hoe kan ik" is no built-in cue of defect, so it removes nothing: it is one of how-to (kinds.how-to.remove)',
      'kinds.defect.remove "kassabon" is no built-in cue of defect, so it removes nothing: remove takes the cue words the trace shows among the cues that fired; to make a word count for another kind, add it there',
      'kinds.how-to.remove "Crash*" is no built-in cue of how-to, so it removes nothing: it is one of defect (kinds.defect.remove)',
    ]);
  });
});

describe('configNotes on catalogue words that are built-in cues', () => {
  it('names the built-in cues of a kind that the catalogue\'s words silence, and says how to keep them', async () => {
    const { config } = await loadConfig(path.join(root, 'test/eval/worlds/grutto/configs/admin-1.yaml'));
    const notes = configNotes(config);
    expect(notes.find((n) => n.includes('built-in cues of other'))).toMatch(/"offerte".*add them under kinds\.other\.add if they should/);
  });
  it('says nothing of a word the administrator added back', async () => {
    const { config } = await loadConfig(path.join(root, 'test/eval/worlds/grutto/configs/admin-1.yaml'));
    const notes = configNotes({ ...config, kinds: { ...config.kinds, other: { ...config.kinds?.other, add: ['offerte', 'quotation'] } } });
    expect(notes.some((n) => n.includes('built-in cues of other') || n.includes('built-in cue of other'))).toBe(false);
  });
});
