// A coverage rule's `proposal: none | send`: advisory rules only, checked with file, line and path;
// estimateHours beside proposal: none is a note, not an error.
import { describe, expect, it } from 'vitest';
import { configNotes } from '../../connectors/config/config-notes.js';
import { parseConfig } from '../../connectors/config/load-config.js';
import { HEAD, issuesOf } from './config-text.js';

const ruleWith = (verdict: string, extra: string) => `${HEAD}coverage:
  - id: thanks
    when: { kind: other }
    verdict: ${verdict}
    reason: { en: Thank you, nl: Dank u }
${extra}`;


describe('a coverage rule\'s proposal option', () => {
  it.each([['none'], ['send']])('loads proposal: %s on an advisory rule', (value) => {
    expect(parseConfig(ruleWith('advisory', `    proposal: ${value}\n`), 'inline.yaml').config.coverage[0]).toMatchObject({ proposal: value });
  });

  it.each([
    ['a value that does not exist', 'advisory', '    proposal: never\n', { line: 9, column: 15, path: 'coverage[0].proposal', message: 'expected send or none, got "never"' }],
    ['proposal on a covered rule', 'covered', '    proposal: none\n', { line: 9, column: 15, path: 'coverage[0].proposal', message: 'proposal applies to advisory rules only, and this rule\'s verdict is covered: remove it' }],
    ['proposal on a review rule', 'review', '    proposal: send\n', { line: 9, column: 15, path: 'coverage[0].proposal', message: 'proposal applies to advisory rules only, and this rule\'s verdict is review: remove it' }],
  ])('rejects %s, naming the line and path', (_what, verdict, extra, expected) => {
    expect(issuesOf(ruleWith(verdict, extra))).toEqual([expected]);
  });

  it('notes an estimateHours that prices nothing beside proposal: none', () => {
    const { config } = parseConfig(ruleWith('advisory', '    proposal: none\n    estimateHours: 2\n'), 'inline.yaml');
    expect(configNotes(config)).toEqual([
      'coverage rule thanks has proposal: none, so its estimateHours (2) prices nothing: an agent\'s proposal (Convert in the sidebar) takes the agent\'s hours',
    ]);
  });
});
