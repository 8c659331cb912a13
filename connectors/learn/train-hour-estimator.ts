// Builds the hour estimator of rules/hour-estimator.ts from past requests with logged time: each
// request keeps its rarest features that recur in the history (at least two requests have them),
// hashed; common words add little to a cosine and would make the model file grow with the history.
// Requests come as rows of feature numbers of the kind model's example index (train-kind-model.ts),
// so a ticket that trains both models holds its features once.
import { featureHash } from '../../rules/feature-hash.js';
import { createRowSlab } from './row-slab.js';
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

/**
 * Features a request keeps until training when its row is its own (a ticket the kind model does not
 * learn from): the rarest so far, plenty to pick the final 24 from, and a fraction of the memory of
 * every feature of a long text.
 */
const CANDIDATES = 96;

/**
 * The examples as they are read, with each feature's exact ticket count over all of them. A row the
 * kind model shares is kept whole (it costs nothing more); a row of the estimator's own is cut to
 * its CANDIDATES rarest features so far unless `whole` (its kind is still to be settled from it).
 */
export function createHourExamples() {
  const examples: HourExample[] = [];
  const slab = createRowSlab();
  let df = new Uint32Array(1024);
  let scratch = new Float64Array(0);
  return {
    examples,
    add(example: HourExample, own: boolean, whole: boolean): void {
      let most = 0;
      for (const id of example.row) if (id > most) most = id;
      if (most >= df.length) {
        const grown = new Uint32Array(Math.max(most + 1, df.length * 2));
        grown.set(df);
        df = grown;
      }
      for (const id of example.row) df[id] = (df[id] as number) + 1;
      if (!own || whole || example.row.length <= CANDIDATES) {
        examples.push(example);
        return;
      }
      if (scratch.length < example.row.length) scratch = new Float64Array(example.row.length);
      let n = 0;
      for (const id of example.row) scratch[n++] = (df[id] as number) * 2 ** 31 + id;
      const rarest = scratch.subarray(0, n).sort().subarray(0, CANDIDATES);
      for (let i = 0; i < rarest.length; i++) rarest[i] = (rarest[i] as number) % 2 ** 31;
      examples.push({ ...example, row: slab.store(rarest) });
    },
    /** Tickets per feature number, over every example added. */
    ticketsPerFeature: (): Uint32Array => df,
  };
}

/** The estimator, and where each example went: its group and its number there (-1: left out). */
export interface PlacedEstimator {
  readonly estimator: HourEstimator;
  readonly group: Int32Array;
  readonly request: Int32Array;
  /** Each feature number's hash, as the estimator stores features. */
  readonly hashOf: Uint32Array;
}

/** `names`: the example index's features, by number; `tickets`: how many examples have each. */
export function trainHourEstimator(examples: readonly HourExample[], names: readonly string[], tickets: Uint32Array): HourEstimator {
  return placeHourExamples(examples, names, tickets).estimator;
}

export function placeHourExamples(examples: readonly HourExample[], names: readonly string[], tickets: Uint32Array): PlacedEstimator {
  const hashOf = new Uint32Array(names.length);
  names.forEach((name, id) => { hashOf[id] = featureHash(name, HASH_BITS); });
  // Two features share a hash only by a rare collision: their tickets add up.
  const df = new Uint32Array(2 ** HASH_BITS);
  for (let id = 0; id < Math.min(names.length, tickets.length); id++) df[hashOf[id] as number] = (df[hashOf[id] as number] as number) + (tickets[id] as number);

  // Per group its requests' kept hashes end to end, and where each request's end: plain arrays of
  // small numbers, not a typed array per request (100,000 of those cost tens of MB).
  const groups = new Map<string, { product: string; kind: RequestKind; hours: number[]; features: number[]; ends: number[]; examples: number[] }>();
  const placedGroup = new Int32Array(examples.length).fill(-1);
  const placedRequest = new Int32Array(examples.length).fill(-1);
  // The KEPT_FEATURES smallest keys, ascending: what sorting all of them and keeping the first
  // KEPT_FEATURES gives (equal keys are the same hash), without sorting a request's every feature.
  const rarest = new Float64Array(KEPT_FEATURES);
  const kept = new Uint32Array(KEPT_FEATURES);
  // Rarest first, ties by hash: df × 2^bits + hash orders both at once, as plain numbers; each
  // feature's key found once, not once per request that has it (-1: in fewer than two requests).
  const keyOf = new Float64Array(names.length);
  for (let id = 0; id < names.length; id++) {
    const h = hashOf[id] as number;
    const count = df[h] as number;
    keyOf[id] = count < 2 ? -1 : count * 2 ** HASH_BITS + h;
  }
  examples.forEach((e, at) => {
    let n = 0;
    const row = e.row;
    for (let k = 0; k < row.length; k++) {
      const key = keyOf[row[k] as number] as number;
      if (key < 0 || (n === KEPT_FEATURES && key >= (rarest[n - 1] as number))) continue;
      let i = n < KEPT_FEATURES ? n++ : n - 1;
      while (i > 0 && (rarest[i - 1] as number) > key) {
        rarest[i] = rarest[i - 1] as number;
        i--;
      }
      rarest[i] = key;
    }
    if (n === 0) return;
    for (let i = 0; i < n; i++) kept[i] = (rarest[i] as number) % 2 ** HASH_BITS;
    // Each hash once (two features may share one), ascending.
    const hashes = kept.subarray(0, n).sort();
    const product = e.product.toLowerCase();
    const key = `${product}\0${e.kind}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { product, kind: e.kind, hours: [], features: [], ends: [], examples: [] }));
    g.hours.push(e.hundredths);
    for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) g.features.push(hashes[i] as number);
    g.ends.push(g.features.length);
    g.examples.push(at);
  });
  const out: EstimatorGroup[] = [...groups.keys()].sort().map((key, number) => {
    const g = groups.get(key)!;
    g.examples.forEach((at, i) => {
      placedGroup[at] = number;
      placedRequest[at] = i;
    });
    return { product: g.product, kind: g.kind, hundredths: Uint32Array.from(g.hours), features: Uint32Array.from(g.features), ends: Uint32Array.from(g.ends) };
  });
  return { estimator: { version: 1, bits: HASH_BITS, groups: out }, group: placedGroup, request: placedRequest, hashOf };
}
