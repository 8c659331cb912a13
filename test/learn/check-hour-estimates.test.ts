// The hour estimator checked on its own history: every request estimated from the other folds, the
// errors of the rule's estimate and the learned one, and the recalibration it writes: a factor per
// product and kind when requests took systematically more (or less) than their neighbours' median,
// shrunk towards 1 when few requests back it, none when the estimates were right.
import { describe, expect, it } from 'vitest';
import { checkHourEstimates } from '../../connectors/learn/check-hour-estimates.js';
import { createHourExamples, placeHourExamples } from '../../connectors/learn/train-hour-estimator.js';

const names = Array.from({ length: 40 }, (_, i) => `word${i}`);
/** All requests share most words, so each one's neighbours are among all the others. */
const row = (i: number) => Int32Array.from([0, 1, 2, 3, 4, 5, 10 + (i % 30)]);

/** `n` how-to requests of finance: `long` in every `every` took `longHours`, the rest 2 h; the rule quotes 3 h. */
function check(n: number, every: number, longHours: number) {
  const hours = createHourExamples();
  for (let i = 0; i < n; i++) hours.add({ product: 'finance', kind: 'how-to', row: row(i), hundredths: i % every === every - 1 ? longHours * 100 : 200 }, false, false);
  const placed = placeHourExamples(hours.examples, names, hours.ticketsPerFeature());
  return checkHourEstimates({ placed, examples: hours.examples, ruleHours: new Float64Array(n).fill(3), folds: 5, minNeighbours: 3 });
}

describe('checkHourEstimates', () => {
  it('compares the rule\'s estimate and the learned one with the logged hours, each request estimated without its own fold', () => {
    const { check: c } = check(100, 1, 2);
    expect(c).toMatchObject({ compared: 100, learnedFor: 100 });
    expect(c.rule).toEqual({ medianError: 1, within25: 0, total: 0.5 });
    expect(c.learned).toEqual({ medianError: 0, within25: 1, total: 0 });
  });

  it('writes no correction when the learned estimates were right', () => {
    const { estimator, check: c } = check(100, 1, 2);
    expect(estimator.groups[0]?.correction).toBeUndefined();
    expect(c.corrections).toEqual([{ kind: 'how-to', product: '', factor: 1, requests: 100 }]);
  });

  it('corrects a group whose requests took more than their neighbours\' median, and its totals come closer to the logged hours', () => {
    // One in five took 6 h: the median of any ten neighbours is 2 h, the average 2.8 h.
    const { estimator, check: c } = check(200, 5, 6);
    const factor = estimator.groups[0]?.correction ?? 1;
    expect(factor).toBeGreaterThan(1.2);
    expect(factor).toBeLessThan(1.4);
    expect(c.learned.total).toBeLessThan(-0.1);
    expect(Math.abs(c.recalibrated.total)).toBeLessThan(Math.abs(c.learned.total));
  });

  it('shrinks the correction towards 1 when few requests back it', () => {
    const many = check(200, 5, 6).estimator.groups[0]?.correction ?? 1;
    const few = check(20, 5, 6).estimator.groups[0]?.correction ?? 1;
    expect(few).toBeGreaterThan(1);
    expect(few).toBeLessThan(many);
  });
});
