// Builds the hour estimator of rules/hour-estimator.ts from past requests with logged time: each
// request keeps its rarest features that recur in the history (at least two requests have them),
// hashed; common words add little to a cosine and would make the model file grow with the history.
// Requests come as rows of feature numbers of the kind model's example index (train-kind-model.ts),
// so a ticket that trains both models holds its features once.
import { featureHash } from '../../rules/feature-hash.js';
import type { EstimatorGroup, HourEstimator, RequestKind } from '../../rules/index.js';

/** 2^20 hashes: few collisions among the recurring words and word pairs of a vendor's history. */
export const HASH_BITS = 20;
/** Features kept per request: enough to find its neighbours, few enough for 100,000 requests in a few MB. */
export const KEPT_FEATURES = 24;

export interface HourExample {
  /** The engine's product fact ('' when none). */
  readonly product: string;
  kind: RequestKind;
  /** Feature numbers in the example index. */
  readonly row: Int32Array;
  /** Logged hours in hundredths, above 0. */
  readonly hundredths: number;
}

/** `names`: the example index's features, by number. */
export function trainHourEstimator(examples: readonly HourExample[], names: readonly string[]): HourEstimator {
  const hashOf = new Uint32Array(names.length);
  names.forEach((name, id) => { hashOf[id] = featureHash(name, HASH_BITS); });
  // A row's features are distinct; two of them share a hash only by a rare collision, counted twice.
  const df = new Uint32Array(2 ** HASH_BITS);
  for (const e of examples) for (const id of e.row) df[hashOf[id] as number] = (df[hashOf[id] as number] as number) + 1;

  const groups = new Map<string, { product: string; kind: RequestKind; hours: number[]; rows: Uint32Array[] }>();
  const keys = new Float64Array(examples.reduce((most, e) => Math.max(most, e.row.length), 0));
  for (const e of examples) {
    // Rarest first, ties by hash: df × 2^bits + hash orders both at once, as plain numbers.
    let n = 0;
    for (const id of e.row) {
      const h = hashOf[id] as number;
      const count = df[h] as number;
      if (count >= 2) keys[n++] = count * 2 ** HASH_BITS + h;
    }
    if (n === 0) continue;
    const rarest = keys.subarray(0, n).sort().subarray(0, KEPT_FEATURES);
    const picked = new Set<number>();
    for (const key of rarest) picked.add(key % 2 ** HASH_BITS);
    const kept = Uint32Array.from(picked).sort();
    const product = e.product.toLowerCase();
    const key = `${product}\0${e.kind}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { product, kind: e.kind, hours: [], rows: [] }));
    g.hours.push(e.hundredths);
    g.rows.push(kept);
  }
  const out: EstimatorGroup[] = [...groups.keys()].sort().map((key) => {
    const g = groups.get(key)!;
    const ends = new Uint32Array(g.rows.length);
    let total = 0;
    g.rows.forEach((r, i) => { total += r.length; ends[i] = total; });
    const features = new Uint32Array(total);
    g.rows.forEach((r, i) => features.set(r, (ends[i] as number) - r.length));
    return { product: g.product, kind: g.kind, hundredths: Uint32Array.from(g.hours), features, ends };
  });
  return { version: 1, bits: HASH_BITS, groups: out };
}
