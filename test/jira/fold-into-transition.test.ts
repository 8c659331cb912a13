// When one "Transition issue" call can carry a whole decision, read from the transition's screen
// metadata (Get issue / Get transitions with `transitions.fields`).
import { describe, expect, it } from 'vitest';
import { foldIntoTransition, type FoldInput } from '../../connectors/jira/fold-into-transition.js';
import type { JiraTransition } from '../../connectors/jira/client/jira-api-types.js';

const screen: JiraTransition = { id: '21', hasScreen: true, fields: { customfield_10050: ['set'], labels: ['add', 'set', 'remove'] } };
const base: FoldInput = { categoryField: 'customfield_10050', category: { customfield_10050: { value: 'Call' } }, labels: [{ add: 'inscope_covered' }], comment: undefined, internalNotes: false };
const note = { body: 'Intern.', public: false };
const reply = { body: 'Wij pakken het op.', public: true };

describe('foldIntoTransition', () => {
  it.each<[string, JiraTransition, Partial<FoldInput>, boolean]>([
    ['category and labels on the screen', screen, {}, true],
    ['a comment to the customer on a transition with a screen', screen, { comment: reply }, true],
    ['an internal note, not allowed by default', screen, { comment: note }, false],
    ['an internal note with internalNotes', screen, { comment: note, internalNotes: true }, true],
    ['a comment on a transition without a screen', { ...screen, hasScreen: false }, { comment: reply }, false],
    ['a comment with files', screen, { comment: { ...reply, attachments: [{}] } }, false],
    ['the category field not on the screen', { ...screen, fields: { labels: ['add', 'remove'] } }, {}, false],
    ['Labels not on the screen', { ...screen, fields: { customfield_10050: ['set'] } }, {}, false],
    ['a label to remove where Labels only offers add', { ...screen, fields: { customfield_10050: ['set'], labels: ['add'] } }, { labels: [{ add: 'a' }, { remove: 'b' }] }, false],
    ['no screen metadata (the read did not expand it)', { id: '21' }, {}, false],
    ['nothing to carry', screen, { category: undefined, labels: [] }, false],
  ])('%s', (_what, transition, input, folds) => {
    expect(foldIntoTransition(transition, { ...base, ...input }) !== null).toBe(folds);
  });

  it('puts the category in `fields`, label verbs and the comment in `update`', () => {
    expect(foldIntoTransition(screen, { ...base, labels: [{ add: 'x' }, { remove: 'y' }], comment: reply })).toEqual({
      fields: { customfield_10050: { value: 'Call' } },
      update: {
        labels: [{ add: 'x' }, { remove: 'y' }],
        comment: [{ add: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wij pakken het op.' }] }] }, properties: [{ key: 'sd.public.comment', value: { internal: false } }] } }],
      },
    });
  });
});
