// A kind model's probability from a ticket's row of feature numbers is the engine's from its text,
// and a ticket is triaged again with a model only where that model can change its kind.
import { describe, expect, it } from 'vitest';
import { createRowOdds, modelMayChange } from '../../connectors/learn/row-odds.js';
import { createExampleIndex } from '../../connectors/learn/train-kind-model.js';
import { BUILTIN_KIND_MODEL } from '../../rules/builtin-kind-model.js';
import { compileKindModel } from '../../rules/kind-model.js';
import type { KindVerdict } from '../../rules/model.js';

const texts: [string, string][] = [
  ['Foutmelding bij het afdrukken', 'Sinds de update werkt het afdrukken van de loonstrook niet meer, we krijgen een foutmelding.'],
  ['How do I set up reminders?', 'How can I set up automatic payment reminders by e-mail with our own texts?'],
  ['Wens: export naar Excel', 'Het zou fijn zijn als we de rapportage ook naar Excel konden exporteren.'],
];

const open = (first: KindVerdict['kind'], second: KindVerdict['kind']): KindVerdict => ({ kind: first, confidence: 0.55, certain: false, candidates: [first, second], cues: [], scores: {} });

describe('createRowOdds', () => {
  it.each(texts)('gives "%s" the probability the engine gives its text', (subject, body) => {
    const index = createExampleIndex();
    const odds = createRowOdds(BUILTIN_KIND_MODEL, index.examples.features);
    for (const [s, b] of texts) index.addText(s, b, new Set(), false);
    expect(odds(index.internText(subject, body, new Set()))).toBe(compileKindModel(BUILTIN_KIND_MODEL, [])(subject, body).covered);
  });
});

describe('modelMayChange', () => {
  it.each<[string, KindVerdict | null, number, boolean]>([
    ['a sure covered kind and a model that leans covered', null, 0.7, false],
    ['a sure covered kind and a model that leans not covered', null, 0.3, true],
    ['an open kind the model is sure is covered', open('how-to', 'defect'), 0.9, true],
    ['an open kind the model is unsure of', open('how-to', 'defect'), 0.5, false],
    ['an open kind between two uncovered kinds', open('how-to', 'feature-request'), 0.01, false],
  ])('%s', (_, cues, covered, expected) => {
    expect(modelMayChange(cues, covered)).toBe(expected);
  });
});
