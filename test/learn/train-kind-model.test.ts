// The example index that inscope learn trains from: a ticket's text read straight into feature
// numbers gives the row its feature strings would, and rows stored in shared blocks stay intact.
import { describe, expect, it } from 'vitest';
import { createExampleIndex, trainIndexed } from '../../connectors/learn/train-kind-model.js';
import { modelFeatures } from '../../rules/kind-model.js';

const texts: [string, string][] = [
  ['Hoe stel ik de pensioenregeling in?', 'Goedemorgen,\nhoe stel ik de pensioenregeling in voor 2027? De regeling werkt niet zoals verwacht.'],
  ['Error 4010 after update', 'Since the update to 7.2 the export fails: "Unexpected error". It worked before the update, the update broke it.'],
  ['Storing: loonstrook werkt niet', 'Sinds vanochtend werkt de loonstrook niet meer. Crème brûlée, café, Veldhuis Payroll 7.4.'],
  ['', ''],
];
const skip = new Set(['veldhuis', 'payroll']);

describe('createExampleIndex', () => {
  it.each(texts)('reads "%s" into the row its feature strings make', (subject, body) => {
    const byText = createExampleIndex();
    const byStrings = createExampleIndex();
    // The same history before it, so numbers and pairs are already known for some features.
    for (const [s, b] of texts) {
      byText.addText(s, b, skip, true);
      byStrings.add(modelFeatures(s, b, skip), true);
    }
    const row = [...byText.internText(subject, body, skip)].map((id) => byText.examples.features[id]);
    expect(row).toEqual(modelFeatures(subject, body, skip));
    expect([...byStrings.intern(modelFeatures(subject, body, skip))].map((id) => byStrings.examples.features[id])).toEqual(row);
  });

  it('reads 2,000 generated texts (accents, digits, product words, line breaks) into the rows their feature strings make', () => {
    let seed = 5;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const pieces = ['werkt', 'NIET', 'Payroll', 'veldhuis', 'café', 'e\u0301', 'İ', 'ß', '🙁', '7.4', '10x', 'x10', ' ', ' ', '\n', '.', '-', '_', 'sinds', 'de'];
    const text = (): string => Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const index = createExampleIndex();
    const wrong: string[] = [];
    for (let t = 0; t < 2000; t++) {
      const [subject, body] = [text(), text()];
      const row = [...index.addText(subject, body, skip, t % 2 === 0)].map((id) => index.examples.features[id]);
      if (JSON.stringify(row) !== JSON.stringify(modelFeatures(subject, body, skip))) wrong.push(JSON.stringify([subject, body]));
    }
    expect(wrong).toEqual([]);
  });

  it('keeps every row intact when thousands of rows fill several shared blocks', () => {
    const index = createExampleIndex();
    const features = (i: number) => Array.from({ length: 300 }, (_, j) => `w${(i * 7 + j) % 5000}`);
    for (let i = 0; i < 4000; i++) index.add(features(i), i % 2 === 0);
    const { rows, features: names } = index.examples;
    expect(rows).toHaveLength(4000);
    for (const i of [0, 1, 1747, 3496, 3999]) expect([...(rows[i] as Int32Array)].map((id) => names[id])).toEqual(features(i));
  });

  it('trains the same model from texts as from their feature strings', () => {
    const byText = createExampleIndex();
    const byStrings = createExampleIndex();
    texts.forEach(([s, b], i) => {
      byText.addText(s, b, skip, i % 2 === 1);
      byStrings.add(modelFeatures(s, b, skip), i % 2 === 1);
    });
    const options = { trainedOn: 'test', minTickets: 1 };
    expect(trainIndexed(byText.examples, options)).toEqual(trainIndexed(byStrings.examples, options));
  });
});
