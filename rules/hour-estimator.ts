// The learned hour estimate of an advisory request: the hours people logged on the most similar
// past requests of the same product and kind, as a median and a range with the number of them.
// Similar means close in cosine over the features the kind model reads (kind-model.ts), weighted by
// how rare a feature is among that product and kind's past requests. A past request is stored as a
// few of its rarest features, hashed (feature-hash.ts), so a model for 100,000 tickets stays a few
// MB; an inverted index per product and kind keeps a lookup to the postings of the query's features.
import { featureHash } from './feature-hash.js';
import { modelFeatures, productSkipWords } from './kind-model.js';
import type { HourEstimate, RequestKind } from './model.js';

/** Past requests of one product and kind. */
export interface EstimatorGroup {
  /** The engine's `product` fact, lower case; '' for requests it found no product for. */
  readonly product: string;
  readonly kind: RequestKind;
  /** Logged hours per past request, in hundredths of an hour. */
  readonly hundredths: Uint32Array;
  /** Every past request's feature hashes, one after the other; request i ends at `ends[i]`. */
  readonly features: Uint32Array;
  readonly ends: Uint32Array;
  /**
   * Recalibration: what past requests of this kind (and product) really took against the median of
   * their neighbours, as a factor on the median (absent: 1). `inscope learn` sets it from the
   * cross-validated estimates of the history it learned from.
   */
  readonly correction?: number;
}

export interface HourEstimator {
  readonly version: 1;
  /** Feature hashes are taken modulo 2^bits. */
  readonly bits: number;
  readonly groups: readonly EstimatorGroup[];
}

export interface EstimatorSettings {
  /** Fewer similar requests than this: the rule's estimate stands. */
  readonly minNeighbours: number;
}

/** How many of the most similar requests make the estimate. */
export const NEIGHBOURS = 10;
/** Below this cosine a past request shares too little of the wording to count as similar. */
export const MIN_SIMILARITY = 0.2;
/**
 * A lookup adds up at most this many postings, the rarest features first (they weigh most): the
 * common ones would cost the most and change the ranking least, and this bounds the time of a
 * lookup whatever the size of the history.
 */
const MAX_SCANNED = 5000;

export type HourEstimateFinder = (product: string, kind: RequestKind, subject: string, body: string, ruleHours: number) => HourEstimate;

interface Index {
  readonly hundredths: Uint32Array;
  readonly postings: ReadonlyMap<number, Uint32Array>;
  readonly idf: ReadonlyMap<number, number>;
  readonly norms: Float64Array;
  /** Scratch for one lookup at a time: the engine is synchronous. */
  readonly scores: Float64Array;
  readonly touched: Uint32Array;
}

function indexGroup(group: EstimatorGroup): Index {
  const n = group.ends.length;
  const lists = new Map<number, number[]>();
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = group.ends[i] as number;
    for (let j = start; j < end; j++) {
      const h = group.features[j] as number;
      const list = lists.get(h);
      if (list === undefined) lists.set(h, [i]);
      else list.push(i);
    }
    start = end;
  }
  const postings = new Map<number, Uint32Array>();
  const idf = new Map<number, number>();
  for (const [h, list] of lists) {
    postings.set(h, Uint32Array.from(list));
    idf.set(h, Math.log(1 + n / list.length));
  }
  const norms = new Float64Array(n);
  start = 0;
  for (let i = 0; i < n; i++) {
    const end = group.ends[i] as number;
    let sum = 0;
    for (let j = start; j < end; j++) sum += (idf.get(group.features[j] as number) as number) ** 2;
    norms[i] = Math.sqrt(sum);
    start = end;
  }
  return { hundredths: group.hundredths, postings, idf, norms, scores: new Float64Array(n), touched: new Uint32Array(n) };
}

const groupKey = (product: string, kind: string): string => `${product}\0${kind}`;

/** The median of sorted values (the mean of the middle two for an even count). */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Proposals are in quarter hours; the smallest is a quarter. */
export const toQuarter = (hours: number): number => Math.max(0.25, Math.round(hours * 4) / 4);

/**
 * Finds the past requests of one group most similar to a request: their numbers in the group, best
 * first, at most NEIGHBOURS of them with a cosine of at least MIN_SIMILARITY. `hashes`: the request's
 * feature hashes (each once); `skip`: past requests not to consider (inscope learn's
 * cross-validation leaves out a fold's own). Not reentrant: the engine is synchronous.
 */
export type NeighbourSearch = (hashes: Iterable<number>, skip?: (request: number) => boolean) => number[];

export function createNeighbourSearch(group: EstimatorGroup): NeighbourSearch {
  const index = indexGroup(group);
  const { scores, touched, postings, idf, norms } = index;
  return (hashes, skip) => {
    let count = 0;
    let queryNorm = 0;
    const found = new Map<number, Uint32Array>();
    for (const h of hashes) {
      const list = postings.get(h);
      if (list !== undefined) found.set(h, list);
    }
    const rarestFirst = [...found].sort((a, b) => a[1].length - b[1].length || a[0] - b[0]);
    let scanned = 0;
    for (const [h, list] of rarestFirst) {
      const w = (idf.get(h) as number) ** 2;
      queryNorm += w;
      if (scanned + list.length > MAX_SCANNED) continue;
      scanned += list.length;
      for (const i of list) {
        if (scores[i] === 0) touched[count++] = i;
        scores[i] = (scores[i] as number) + w;
      }
    }
    // The best NEIGHBOURS by cosine, best first; ties go to the earlier request, so answers are stable.
    const best: number[] = [];
    const bestScore: number[] = [];
    const norm = Math.sqrt(queryNorm);
    for (let t = 0; t < count; t++) {
      const i = touched[t] as number;
      const cosine = (scores[i] as number) / (norm * (norms[i] as number));
      scores[i] = 0;
      if (cosine < MIN_SIMILARITY || skip?.(i) === true) continue;
      let at = best.length;
      while (at > 0 && ((bestScore[at - 1] as number) < cosine || ((bestScore[at - 1] as number) === cosine && (best[at - 1] as number) > i))) at--;
      if (at >= NEIGHBOURS) continue;
      best.splice(at, 0, i);
      bestScore.splice(at, 0, cosine);
      if (best.length > NEIGHBOURS) {
        best.pop();
        bestScore.pop();
      }
    }
    return best;
  };
}

/** The median of the logged hours of some past requests of a group, in hours (unrounded). */
export function neighbourMedian(group: EstimatorGroup, requests: readonly number[]): number {
  const hours = requests.map((i) => (group.hundredths[i] as number) / 100).sort((a, b) => a - b);
  return Math.round(median(hours) * 100) / 100;
}

export function compileHourEstimator(model: HourEstimator, productNames: Iterable<string>, settings: EstimatorSettings): HourEstimateFinder {
  const skip = productSkipWords(productNames);
  const searches = new Map<string, { group: EstimatorGroup; search: NeighbourSearch }>();
  for (const group of model.groups) searches.set(groupKey(group.product, group.kind), { group, search: createNeighbourSearch(group) });
  const { minNeighbours } = settings;
  const rule = (ruleHours: number, neighbours: number): HourEstimate => ({ source: 'rule', hours: ruleHours, neighbours, minNeighbours });

  return (product, kind, subject, body, ruleHours) => {
    const found = searches.get(groupKey(product.toLowerCase(), kind));
    if (found === undefined) return rule(ruleHours, 0);
    const hashes = new Set<number>();
    for (const feature of modelFeatures(subject, body, skip)) hashes.add(featureHash(feature, model.bits));
    const best = found.search(hashes);
    if (best.length < minNeighbours) return rule(ruleHours, best.length);
    const { group } = found;
    const middle = neighbourMedian(group, best);
    let low = Infinity;
    let high = 0;
    for (const i of best) {
      const h = (group.hundredths[i] as number) / 100;
      low = Math.min(low, h);
      high = Math.max(high, h);
    }
    const factor = group.correction;
    const estimate = { source: 'learned' as const, hours: toQuarter(middle * (factor ?? 1)), neighbours: best.length, median: middle, low, high };
    return factor === undefined ? estimate : { ...estimate, correction: factor };
  };
}
