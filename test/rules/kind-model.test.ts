// The learned kind model's scorer reads a text's words once, without a string per word pair: it
// must give what summing the weights of modelFeatures' list, in its order, gives.
import { describe, expect, it } from 'vitest';
import { BUILTIN_KIND_MODEL } from '../../rules/builtin-kind-model.js';
import { compileKindModel, modelFeatures, productSkipWords, type CoveredOdds, type KindModel } from '../../rules/kind-model.js';

/** The scorer as it was written over modelFeatures: the reference. */
function byFeatureList(model: KindModel, names: readonly string[]): (subject: string, body: string) => CoveredOdds {
  const weights = new Map(Object.entries(model.weights));
  const skip = productSkipWords(names);
  return (subject, body) => {
    let z = model.bias;
    const carried: [string, number][] = [];
    for (const f of modelFeatures(subject, body, skip)) {
      const w = weights.get(f);
      if (w === undefined) continue;
      z += w;
      carried.push([f, w]);
    }
    const covered = 1 / (1 + Math.exp(-z));
    const sign = covered >= 0.5 ? 1 : -1;
    carried.sort((a, b) => sign * (b[1] - a[1]));
    return { covered, features: carried.slice(0, 3).filter(([, w]) => sign * w > 0).map(([f]) => f.replace('_', ' ')) };
  };
}

const toy: KindModel = {
  version: 1,
  trainedOn: 'test',
  bias: 0.1,
  // Pairs whose words carry no weight of their own, a pair with a product's word, equal weights, a key no text has.
  weights: { werkt_niet: 3, stel_ik: -1, b: 0.2, a_b: 0.2, niet_werkt: -0.7, finance_werkt: 9, ik_werkt: 0.3, x_y_z: 4, fout_a: 1, een_fout: -2, a: 0.2 },
};

describe('compileKindModel', () => {
  const pieces = ['werkt', 'Werkt', 'niet', 'NIET', 'stel', 'ik', 'een', 'fout', 'a', 'b', 'x', 'y', 'z', 'Finance', 'finance', 'geëxporteerd',
    'financiële', 'de', 'update', '10', '2x', 'x2', 'e\u0301', 'ΟΔΟΣ', '🙁', ' ', ' ', '\n', '.', '-', '_'];
  it.each([
    ['the built-in model', BUILTIN_KIND_MODEL, []],
    ['a toy model', toy, []],
    ['a toy model with a product named', toy, ['Finance']],
  ] as const)('gives %s the sum and features of modelFeatures on 5,000 generated texts', (_, model, names) => {
    let seed = 5;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const text = (): string => Array.from({ length: Math.floor(random() * 16) }, () => pieces[Math.floor(random() * pieces.length)] as string + (random() < 0.6 ? ' ' : '')).join('');
    const fast = compileKindModel(model, names);
    const reference = byFeatureList(model, names);
    const wrong: string[] = [];
    for (let t = 0; t < 5000; t++) {
      const [subject, body] = [text(), text()];
      if (JSON.stringify(fast(subject, body)) !== JSON.stringify(reference(subject, body))) wrong.push(JSON.stringify([subject, body]));
    }
    expect(wrong).toEqual([]);
  });
});
