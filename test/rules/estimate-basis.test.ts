// What a proposal says its hours rest on, in English and Dutch, with and without a recalibration.
import { describe, expect, it } from 'vitest';
import { estimateBasis } from '../../rules/messages.js';
import type { HourEstimate } from '../../rules/model.js';

const learned = { source: 'learned', hours: 2.5, neighbours: 5, median: 2, low: 1.5, high: 3 } as const;

describe('estimateBasis', () => {
  it.each<[string, HourEstimate, string, string]>([
    ['the neighbours alone', learned, 'based on 5 similar requests (median 2 h, range 1.5–3 h)', 'gebaseerd op 5 vergelijkbare verzoeken (mediaan 2 uur, spreiding 1,5–3 uur)'],
    ['a correction upwards', { ...learned, correction: 1.15 },
      'based on 5 similar requests (median 2 h, range 1.5–3 h; ×1.15 because such requests took 15 % longer than estimated)',
      'gebaseerd op 5 vergelijkbare verzoeken (mediaan 2 uur, spreiding 1,5–3 uur; ×1,15 omdat zulke verzoeken 15 % langer duurden dan geschat)'],
    ['a correction downwards', { ...learned, correction: 0.9 },
      'based on 5 similar requests (median 2 h, range 1.5–3 h; ×0.9 because such requests took 10 % less time than estimated)',
      'gebaseerd op 5 vergelijkbare verzoeken (mediaan 2 uur, spreiding 1,5–3 uur; ×0,9 omdat zulke verzoeken 10 % korter duurden dan geschat)'],
  ])('names %s', (_, estimate, en, nl) => {
    expect(estimateBasis(estimate)).toEqual({ en, nl });
  });
});
