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

  it('keeps, per request of 500 generated ones, what sorting all its recurring features by rarity and hash keeps (shared hashes once)', () => {
    let seed = 9;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    // 400 features with 150 names: features with the same name share a hash, and their tickets add up.
    const shared = Array.from({ length: 400 }, (_, i) => `w${i % 150}`);
    const hours = createHourExamples();
    for (let r = 0; r < 500; r++) {
      const row = new Set<number>();
      const length = Math.floor(random() * 60);
      while (row.size < length) row.add(Math.floor(random() * random() * 400));
      hours.add({ product: r % 3 === 0 ? 'payroll' : 'finance', kind: r % 2 === 0 ? 'how-to' : 'own-implementation', row: Int32Array.from(row), hundredths: 25 + r }, false, false);
    }
    const tickets = hours.ticketsPerFeature();
    const hashOf = shared.map((name) => featureHash(name, HASH_BITS));
    const df = new Map<number, number>();
    shared.forEach((_, id) => df.set(hashOf[id] as number, (df.get(hashOf[id] as number) ?? 0) + (tickets[id] ?? 0)));
    /** The definition: every recurring feature's key, sorted, the first KEPT_FEATURES, their hashes once each, ascending. */
    const expected = (row: Int32Array): number[] => {
      const keys = [...row].map((id) => hashOf[id] as number).filter((h) => (df.get(h) as number) >= 2).map((h) => (df.get(h) as number) * 2 ** HASH_BITS + h);
      const picked = new Set(keys.sort((a, b) => a - b).slice(0, KEPT_FEATURES).map((k) => k % 2 ** HASH_BITS));
      return [...picked].sort((a, b) => a - b);
    };
    const model = trainHourEstimator(hours.examples, shared, tickets);
    const byGroup = new Map(model.groups.map((g) => [`${g.product} ${g.kind}`, g]));
    const seen = new Map<string, number>();
    const wrong: number[] = [];
    hours.examples.forEach((e, r) => {
      const want = expected(e.row);
      if (want.length === 0) return;
      const key = `${e.product} ${e.kind}`;
      const g = byGroup.get(key);
      const i = seen.get(key) ?? 0;
      seen.set(key, i + 1);
      const got = g === undefined ? [] : [...g.features.subarray(i === 0 ? 0 : (g.ends[i - 1] as number), g.ends[i] as number)];
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(r);
    });
    expect(wrong).toEqual([]);
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBe(model.groups.reduce((sum, g) => sum + g.ends.length, 0));
  });
});
