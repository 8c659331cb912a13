// editKindsConfig: cue changes written into a config's kinds section in the config language, every
// other line as it was, and the result loads with the config loader.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../connectors/config/load-config.js';
import type { CueChange } from '../../connectors/learn/apply-cue-changes.js';
import { editKindsConfig } from '../../connectors/learn/edit-kinds-config.js';

const root = path.resolve(import.meta.dirname, '../..');
const base = fs.readFileSync(path.join(root, 'test/fixtures/config/valid.yaml'), 'utf8');
const file = path.join(root, 'test/fixtures/config/tuned.yaml');
const change = (kind: CueChange['kind'], what: CueChange['change'], cue: string): CueChange => ({ kind, change: what, cue, tickets: 5, agreeing: 5, examples: [] });

describe('editKindsConfig', () => {
  it.each([
    ['a config without kinds gets the section at its end',
      '', [change('defect', 'add', 'hapert')],
      '\nkinds:\n  defect: { add: [hapert] }\n'],
    ['a kind in block style is written on one line, its comment and the other settings kept',
      'kinds:\n  # our trade\n  how-to: { add: [inregelsessie, implementatiedag] }  # sessions\n  defect:\n    remove:\n      - storing\n  minConfidence: 0.7\n',
      [change('how-to', 'remove', 'inregelsessie'), change('defect', 'remove', 'error'), change('other', 'add', 'true')],
      'kinds:\n  # our trade\n  other: { add: ["true"] }\n  how-to: { add: [implementatiedag] }  # sessions\n  defect: { remove: [storing, error] }\n  minConfidence: 0.7\n'],
    ['a flow kinds mapping is written again as a block',
      'kinds: { minConfidence: 0.7 }\n', [change('how-to', 'add', 'sparren')],
      'kinds:\n  minConfidence: 0.7\n  how-to: { add: [sparren] }\n'],
  ])('%s', (_, kinds, changes, expected) => {
    const text = editKindsConfig(base + kinds, file, changes);
    expect(text).toBe(base + expected);
    expect(() => parseConfig(text, file)).not.toThrow();
  });

  it('changes a JSON config as JSON', () => {
    const json = fs.readFileSync(path.join(root, 'test/fixtures/config/valid.json'), 'utf8');
    const text = editKindsConfig(json, path.join(root, 'test/fixtures/config/tuned.json'), [change('defect', 'add', 'hapert')]);
    expect(parseConfig(text, path.join(root, 'test/fixtures/config/tuned.json')).config.kinds).toEqual({ ...parseConfig(json, 'x.json').config.kinds, defect: { add: ['hapert'] } });
  });

  it('leaves the text as it is without changes', () => {
    expect(editKindsConfig(base, file, [])).toBe(base);
  });
});
