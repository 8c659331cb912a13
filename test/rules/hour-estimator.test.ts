// The hour estimator on hand-made histories: which past requests count as neighbours (same product
// and kind, similar enough, at most ten, the most similar first), and what the estimate says.
import { describe, expect, it } from 'vitest';
import { featureHash } from '../../rules/feature-hash.js';
import { compileHourEstimator, NEIGHBOURS, type EstimatorGroup, type HourEstimator } from '../../rules/hour-estimator.js';
import { modelFeatures } from '../../rules/kind-model.js';
import type { RequestKind } from '../../rules/model.js';

const BITS = 20;

/** A group of past requests (text, logged hours), each stored with all its features as inscope learn would store its rarest. */
function group(product: string, kind: RequestKind, requests: readonly (readonly [string, number])[]): EstimatorGroup {
  const rows = requests.map(([text]) => [...new Set(modelFeatures('', text, new Set()).map((f) => featureHash(f, BITS)))].sort((a, b) => a - b));
  const ends = new Uint32Array(rows.length);
  let total = 0;
  rows.forEach((r, i) => { total += r.length; ends[i] = total; });
  return { product, kind, hundredths: Uint32Array.from(requests.map(([, h]) => Math.round(h * 100))), features: Uint32Array.from(rows.flat()), ends };
}

const EXPORT = 'rapportage openstaande posten exporteren naar excel';
const model: HourEstimator = {
  version: 1,
  bits: BITS,
  groups: [
    group('finance', 'how-to', [[`${EXPORT} per debiteur`, 1], [`${EXPORT} met vervaldatum`, 2], [`${EXPORT} per maand`, 4], [`${EXPORT} gesorteerd`, 5], ['automatische betalingsherinneringen instellen per e-mail', 9]]),
    group('finance', 'own-implementation', [[EXPORT, 20], [EXPORT, 20], [EXPORT, 20]]),
    group('payroll', 'how-to', Array.from({ length: 14 }, (_, i) => [`loonstrook pensioenregeling instellen voor alle medewerkers per januari variant${i}`, i + 1] as const)),
  ],
};
const find = compileHourEstimator(model, [], { minNeighbours: 3 });

describe('compileHourEstimator', () => {
  it.each([
    ['the median of an even count is the mean of the middle two, the range the least and the most', 'finance', 'how-to', `${EXPORT} graag`, { source: 'learned', hours: 3, neighbours: 4, median: 3, low: 1, high: 5 }],
    ['only the same kind counts: the own-implementation requests with the same words do not', 'finance', 'how-to', EXPORT, { source: 'learned', hours: 3, neighbours: 4, median: 3, low: 1, high: 5 }],
    ['the product is matched whatever its case', 'Finance', 'own-implementation', EXPORT, { source: 'learned', hours: 20, neighbours: 3, median: 20, low: 20, high: 20 }],
    ['a request like none of them keeps the rule\'s hours', 'finance', 'how-to', 'iets heel anders over de koffieautomaat', { source: 'rule', hours: 2.5, neighbours: 0, minNeighbours: 3 }],
    ['a kind without history keeps the rule\'s hours', 'finance', 'feature-request', EXPORT, { source: 'rule', hours: 2.5, neighbours: 0, minNeighbours: 3 }],
  ])('%s', (_, product, kind, text, expected) => {
    expect(find(product, kind as RequestKind, '', text, 2.5)).toEqual(expected);
  });

  it(`takes at most ${NEIGHBOURS} neighbours, the most similar`, () => {
    const estimate = find('payroll', 'how-to', '', 'loonstrook pensioenregeling instellen voor alle medewerkers per januari variant3 variant4', 2);
    // Variants 3 and 4 (4 and 5 hours) share the most; the other twelve tie, and the first eight in
    // history order fill the ten (1–3 and 6–10 hours): variants 10 to 13 (11–14 hours) are left out.
    expect(estimate).toEqual({ source: 'learned', hours: 5.5, neighbours: NEIGHBOURS, median: 5.5, low: 1, high: 10 });
  });

  it('rounds the proposal\'s hours to the quarter hour and keeps the median as it is', () => {
    const odd = compileHourEstimator({ version: 1, bits: BITS, groups: [group('x', 'how-to', [['a b c d', 1.1], ['a b c e', 1.2], ['a b c f', 1.3]])] }, [], { minNeighbours: 3 });
    expect(odd('x', 'how-to', '', 'a b c', 3)).toEqual({ source: 'learned', hours: 1.25, neighbours: 3, median: 1.2, low: 1.1, high: 1.3 });
  });

  it('answers the same twice: a lookup leaves no scores behind', () => {
    expect(find('finance', 'how-to', '', EXPORT, 2)).toEqual(find('finance', 'how-to', '', EXPORT, 2));
  });
});

describe('a recalibrated group', () => {
  const corrected = (correction: number) => compileHourEstimator({ version: 1, bits: BITS, groups: [{ ...group('x', 'how-to', [['a b c d', 2], ['a b c e', 2], ['a b c f', 3]]), correction }] }, [], { minNeighbours: 3 });

  it.each([
    [1.3, { source: 'learned', hours: 2.5, neighbours: 3, median: 2, low: 2, high: 3, correction: 1.3 }],
    [0.8, { source: 'learned', hours: 1.5, neighbours: 3, median: 2, low: 2, high: 3, correction: 0.8 }],
  ])('multiplies the median by its factor %s before rounding to the quarter hour, and says so', (factor, expected) => {
    expect(corrected(factor)('x', 'how-to', '', 'a b c', 3)).toEqual(expected);
  });

  it('leaves the rule\'s estimate as it is when there are too few neighbours', () => {
    expect(corrected(1.3)('x', 'how-to', '', 'iets anders', 3)).toEqual({ source: 'rule', hours: 3, neighbours: 0, minNeighbours: 3 });
  });
});
