// What a kind model says of a ticket, from the ticket's row of feature numbers instead of its text:
// the same features in the same order as the engine reads them (modelFeatures), so the same sum and
// the same probability. `inscope learn` asks this first and triages a ticket again with a model only
// where that model can change its kind.
import { settleKind } from '../../rules/classify-kind.js';
import type { KindModel } from '../../rules/kind-model.js';
import type { KindVerdict } from '../../rules/model.js';

/** The probability of a covered kind for a row of numbers of `features` (which may grow between calls). */
export function createRowOdds(model: KindModel, features: readonly string[]): (row: Int32Array) => number {
  const weights = new Map(Object.entries(model.weights));
  // Each feature's weight by number, looked up once (NaN: not yet).
  let cache = new Float64Array(0);
  return (row) => {
    if (cache.length < features.length) {
      const grown = new Float64Array(Math.max(features.length, cache.length * 2)).fill(NaN);
      grown.set(cache);
      cache = grown;
    }
    let z = model.bias;
    for (const id of row) {
      let w = cache[id] as number;
      if (Number.isNaN(w)) cache[id] = w = weights.get(features[id] as string) ?? 0;
      z += w;
    }
    return 1 / (1 + Math.exp(-z));
  };
}

/**
 * Whether a model that gives `covered` can change the kind the cues read: `open`, a kind they leave
 * open, or null for a covered kind they are sure of. An open kind: exactly when settleKind settles
 * it. A covered kind the cues are sure of: only a model that leans to not covered ever doubts it
 * (see rules/classify-kind.ts), so one at 0.5 or more leaves it as it is.
 */
export function modelMayChange(open: KindVerdict | null, covered: number): boolean {
  return open === null ? covered < 0.5 : settleKind(open, { covered, features: [] }).certain;
}
