// What the hour estimator keeps of the requests it learns from: every feature counted, a row of its
// own cut to its rarest features (a row the kind model shares, or one still to settle a kind from,
// kept whole), and per request the rarest features that recur, hashed.
import { describe, expect, it } from 'vitest';
import { featureHash } from '../../rules/feature-hash.js';
import { createHourExamples, HASH_BITS, KEPT_FEATURES, trainHourEstimator } from '../../connectors/learn/train-hour-estimator.js';

const names = Array.from({ length: 300 }, (_, i) => `word${i}`);
const ids = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

describe('createHourExamples', () => {
  it('counts every feature of every row, and cuts a long row of its own to its 96 rarest so far', () => {
    const hours = createHourExamples();
    // Features 0–199 are in the first request; the second has 100–299, so 200–299 are new (rarest) there.
    hours.add({ product: 'finance', kind: 'how-to', row: ids(0, 200), hundredths: 100 }, false, false);
    hours.add({ product: 'finance', kind: 'how-to', row: ids(100, 300), hundredths: 200 }, true, false);
    hours.add({ product: 'finance', kind: 'how-to', row: ids(100, 300), hundredths: 300 }, true, true);
    const tickets = hours.ticketsPerFeature();
    expect([tickets[0], tickets[150], tickets[250]]).toEqual([1, 3, 2]);
    const [shared, own, whole] = hours.examples;
    expect(shared?.row.length).toBe(200);
    expect([...(own?.row ?? [])]).toEqual([...ids(200, 296)]);
    expect(whole?.row.length).toBe(200);
  });
});

describe('trainHourEstimator', () => {
  it('keeps per request its rarest features that recur, hashed and sorted, grouped by product and kind', () => {
    const hours = createHourExamples();
    hours.add({ product: 'Finance', kind: 'how-to', row: ids(0, 40), hundredths: 150 }, false, false);
    hours.add({ product: 'finance', kind: 'how-to', row: ids(10, 50), hundredths: 250 }, false, false);
    hours.add({ product: 'finance', kind: 'how-to', row: ids(45, 60), hundredths: 350 }, false, false);
    const model = trainHourEstimator(hours.examples, names, hours.ticketsPerFeature());
    expect(model.groups.map((g) => [g.product, g.kind, [...g.hundredths], [...g.ends]])).toEqual([['finance', 'how-to', [150, 250, 350], [KEPT_FEATURES, 2 * KEPT_FEATURES, 2 * KEPT_FEATURES + 5]]]);
    // The first request shares features 10–39 with the second: 24 of those 30, by hash, rarest first (all twice).
    const hashes = (from: number, to: number) => [...ids(from, to)].map((id) => featureHash(names[id] as string, HASH_BITS));
    const first = [...(model.groups[0]?.features.subarray(0, KEPT_FEATURES) ?? [])];
    expect(first).toEqual(hashes(10, 40).sort((a, b) => a - b).slice(0, KEPT_FEATURES));
    // The third shares only 45–49 with the second.
    expect([...(model.groups[0]?.features.subarray(2 * KEPT_FEATURES) ?? [])]).toEqual(hashes(45, 50).sort((a, b) => a - b));
  });
});
