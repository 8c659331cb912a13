// What the hour estimator is worth on the history it learned from, and its recalibration. Each
// request with logged time is estimated as a new request would be, from the past requests of the
// other folds only (fold = its number mod k, as for the kind model). Those estimates against the
// logged hours give, per kind and per product and kind, the ratio of what requests really took to
// what was estimated: a factor the engine applies to the neighbours' median, shrunk towards 1
// where few requests back it. The report sets the rule's fixed estimateHours, the learned
// estimate and the recalibrated one side by side on the requests InScope would quote for.
import { createNeighbourSearch, neighbourMedian, toQuarter } from '../../rules/hour-estimator.js';
import type { HourEstimator } from '../../rules/index.js';
import { CORRECTION_RANGE } from './estimator-codec.js';
import type { HourExample, PlacedEstimator } from './train-hour-estimator.js';

/** A request's logged hours count at most this many times its estimate: one runaway ticket does not move a kind's factor. */
const CAP = 4;
/** Requests at which a ratio counts half, against 1 (a kind's) or against its kind's factor (a product's). */
const SHRINK = 50;
/**
 * Requests estimated at most: a lookup takes about 100 µs, and 20,000 requests measure the errors
 * and the factors as well as 100,000 would. Above it, every stride-th run of k (one per fold) is.
 */
const MAX_CHECKED = 20_000;
/** Factors this close to 1 are left out: no proposal says "×1.01". */
const NEGLIGIBLE = 0.02;

export interface EstimateErrors {
  /** Median of |estimate − logged| in hours. */
  readonly medianError: number;
  /** Share (0–1) of estimates within ±25 % of the logged hours. */
  readonly within25: number;
  /** All estimates against all logged hours, −1 to ∞: −0.1 quoted 10 % fewer hours than were worked. */
  readonly total: number;
}

export interface HourCheck {
  /** Requests compared: with logged time and an advisory verdict (a rule estimate to compare with), at most about 20,000. */
  readonly compared: number;
  /** Of those, how many a learned estimate was found for (enough neighbours in the other folds). */
  readonly learnedFor: number;
  readonly rule: EstimateErrors;
  readonly learned: EstimateErrors;
  readonly recalibrated: EstimateErrors;
  /** The factors written into the model, per kind (product '' for the kind as a whole) with the requests behind them. */
  readonly corrections: readonly { readonly kind: string; readonly product: string; readonly factor: number; readonly requests: number }[];
}

export interface CheckInput {
  readonly placed: PlacedEstimator;
  readonly examples: readonly HourExample[];
  /** The rule's estimate per example (NaN: its verdict is not advisory). */
  readonly ruleHours: Float64Array;
  readonly folds: number;
  readonly minNeighbours: number;
}

interface Sums { actual: number; estimated: number; n: number }

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
};

function errors(pairs: readonly (readonly [number, number])[]): EstimateErrors {
  let within = 0;
  let estimated = 0;
  let logged = 0;
  const abs = pairs.map(([estimate, actual]) => {
    if (Math.abs(estimate - actual) <= 0.25 * actual + 1e-9) within++;
    estimated += estimate;
    logged += actual;
    return Math.abs(estimate - actual);
  });
  return { medianError: median(abs), within25: pairs.length === 0 ? 0 : within / pairs.length, total: logged === 0 ? 0 : estimated / logged - 1 };
}

/** The factor for `sums` shrunk towards `prior`, within the loader's bounds. */
function shrunk(sums: Sums | undefined, prior: number): number {
  if (sums === undefined || sums.estimated === 0) return prior;
  const weight = sums.n / (sums.n + SHRINK);
  const factor = prior + weight * (sums.actual / sums.estimated - prior);
  return Math.min(CORRECTION_RANGE[1], Math.max(CORRECTION_RANGE[0], factor));
}

/** Per kind and per product and kind, the factor of the sums `of` gives. */
function factors(keys: Iterable<string>, of: (key: string) => Sums | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) {
    const kind = key.slice(key.indexOf('\0') + 1);
    out.set(key, shrunk(of(key), shrunk(of(`\0${kind}`), 1)));
  }
  return out;
}

export function checkHourEstimates(input: CheckInput): { estimator: HourEstimator; check: HourCheck } {
  const { placed, examples, ruleHours, folds, minNeighbours } = input;
  const { groups } = placed.estimator;
  const foldOf = groups.map((g) => new Uint8Array(g.ends.length));
  examples.forEach((_, at) => {
    const g = placed.group[at] as number;
    if (g >= 0) (foldOf[g] as Uint8Array)[placed.request[at] as number] = at % folds;
  });
  const searches = groups.map((g) => createNeighbourSearch(g));
  // Per example the cross-validated median of its neighbours (NaN: too few, the rule's estimate stands).
  const estimated = new Float64Array(examples.length).fill(NaN);
  // Sums per key (product\0kind, and \0kind for the kind) overall and per fold.
  const total = new Map<string, Sums>();
  const perFold = Array.from({ length: folds }, () => new Map<string, Sums>());
  const add = (map: Map<string, Sums>, key: string, actual: number, estimate: number) => {
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = { actual: 0, estimated: 0, n: 0 }));
    s.actual += Math.min(actual, CAP * estimate);
    s.estimated += estimate;
    s.n++;
  };
  const hashes = new Set<number>();
  const stride = Math.ceil(examples.length / MAX_CHECKED);
  const checked = (at: number): boolean => Math.floor(at / folds) % stride === 0;
  examples.forEach((e, at) => {
    const g = placed.group[at] as number;
    if (g < 0 || !checked(at)) return;
    const fold = at % folds;
    const group = groups[g]!;
    const inFold = foldOf[g] as Uint8Array;
    hashes.clear();
    for (const id of e.row) hashes.add(placed.hashOf[id] as number);
    const best = (searches[g] as ReturnType<typeof createNeighbourSearch>)(hashes, (j) => inFold[j] === fold);
    if (best.length < minNeighbours) return;
    const estimate = neighbourMedian(group, best);
    estimated[at] = estimate;
    const actual = e.hundredths / 100;
    for (const key of [`${group.product}\0${group.kind}`, `\0${group.kind}`]) {
      add(total, key, actual, estimate);
      add(perFold[fold] as Map<string, Sums>, key, actual, estimate);
    }
  });
  const groupKeys = groups.map((g) => `${g.product}\0${g.kind}`);
  // A fold's requests are recalibrated with the factors of the other folds, as they would be estimated.
  const foldFactors = perFold.map((own) => factors(groupKeys, (key) => {
    const all = total.get(key);
    const mine = own.get(key);
    return all === undefined ? undefined : { actual: all.actual - (mine?.actual ?? 0), estimated: all.estimated - (mine?.estimated ?? 0), n: all.n - (mine?.n ?? 0) };
  }));
  const rule: [number, number][] = [];
  const learned: [number, number][] = [];
  const recalibrated: [number, number][] = [];
  let learnedFor = 0;
  examples.forEach((e, at) => {
    const ruled = ruleHours[at] as number;
    if (Number.isNaN(ruled) || !checked(at)) return;
    const actual = e.hundredths / 100;
    rule.push([ruled, actual]);
    const estimate = estimated[at] as number;
    if (Number.isNaN(estimate)) {
      learned.push([ruled, actual]);
      recalibrated.push([ruled, actual]);
      return;
    }
    learnedFor++;
    const g = groups[placed.group[at] as number]!;
    learned.push([toQuarter(estimate), actual]);
    recalibrated.push([toQuarter(estimate * ((foldFactors[at % folds] as Map<string, number>).get(`${g.product}\0${g.kind}`) ?? 1)), actual]);
  });
  const final = factors(groupKeys, (key) => total.get(key));
  const corrections: HourCheck['corrections'][number][] = [];
  const kinds = new Set<string>();
  const out = groups.map((g, i) => {
    if (!kinds.has(g.kind) && total.has(`\0${g.kind}`)) {
      kinds.add(g.kind);
      corrections.push({ kind: g.kind, product: '', factor: Math.round(shrunk(total.get(`\0${g.kind}`), 1) * 100) / 100, requests: total.get(`\0${g.kind}`)!.n });
    }
    const factor = Math.round((final.get(groupKeys[i] as string) ?? 1) * 100) / 100;
    const { correction: _old, ...rest } = g;
    if (Math.abs(factor - 1) < NEGLIGIBLE) return rest;
    corrections.push({ kind: g.kind, product: g.product, factor, requests: total.get(groupKeys[i] as string)?.n ?? 0 });
    return { ...rest, correction: factor };
  });
  return {
    estimator: { ...placed.estimator, groups: out },
    check: { compared: rule.length, learnedFor, rule: errors(rule), learned: errors(learned), recalibrated: errors(recalibrated), corrections },
  };
}
