// Trains the covered-or-not model of rules/kind-model.ts: a logistic regression by stochastic
// gradient descent with an L2 penalty, over binary features seen in at least two tickets. Plain
// and deterministic (fixed order, no random start), so the same tickets give the same model and a
// shipped model can be checked against its training data. Settings chosen by 5-fold
// cross-validation on the development part of the evaluation corpus (test/eval/README.md).
import type { KindModel } from '../../rules/kind-model.js';

export interface TrainingExample {
  readonly features: readonly string[];
  readonly covered: boolean;
}

/**
 * Examples with their features as numbers: each feature string once in `features`, each example a
 * row of feature numbers (each once, in the order the example has them). Built once, it serves
 * every training of a cross-validation without hashing a feature string again.
 */
export interface IndexedExamples {
  readonly features: readonly string[];
  readonly rows: readonly Int32Array[];
  readonly covered: readonly boolean[];
}

export interface TrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** A feature must occur in this many tickets to get a weight. */
  readonly minTickets?: number;
  readonly trainedOn: string;
}

/** Passes over the examples: stopping early regularises (5-fold CV on the development corpus: 94.8 % at 30, 92.7 % at 200). */
export const EPOCHS = 30;

/** Weights this small change no probability in the second decimal; leaving them out keeps the file small. */
const PRUNE_BELOW = 0.005;

/** A growing IndexedExamples: each feature string is numbered the first time an example has it. */
export function createExampleIndex(): {
  /** Adds an example; returns its row. */
  add(features: readonly string[], covered: boolean): Int32Array;
  /** A row of feature numbers for features that are no example (the hour estimator's tickets without a category). */
  intern(features: readonly string[]): Int32Array;
  readonly examples: IndexedExamples;
} {
  const index = new Map<string, number>();
  const features: string[] = [];
  const rows: Int32Array[] = [];
  const covered: boolean[] = [];
  const seen = new Set<number>();
  const intern = (list: readonly string[]): Int32Array => {
    seen.clear();
    const row: number[] = [];
    for (const f of list) {
      let id = index.get(f);
      if (id === undefined) {
        id = features.length;
        index.set(f, id);
        features.push(f);
      }
      if (!seen.has(id)) {
        seen.add(id);
        row.push(id);
      }
    }
    return Int32Array.from(row);
  };
  return {
    add(list, isCovered) {
      const row = intern(list);
      rows.push(row);
      covered.push(isCovered);
      return row;
    },
    intern,
    examples: { features, rows, covered },
  };
}

export function trainKindModel(examples: readonly TrainingExample[], options: TrainingOptions): KindModel {
  const index = createExampleIndex();
  for (const e of examples) index.add(e.features, e.covered);
  return trainIndexed(index.examples, options);
}

/** Trains on the examples `use` accepts (all by default): a fold's training set without copying. */
export function trainIndexed(data: IndexedExamples, options: TrainingOptions, use: (i: number) => boolean = () => true): KindModel {
  const { epochs = EPOCHS, learningRate = 0.1, l2 = 0.003, minTickets = 2 } = options;
  const picked: number[] = [];
  for (let i = 0; i < data.rows.length; i++) if (use(i)) picked.push(i);
  const tickets = new Int32Array(data.features.length);
  for (const i of picked) for (const f of data.rows[i] as Int32Array) tickets[f] = (tickets[f] as number) + 1;
  const kept: number[] = [];
  for (let f = 0; f < tickets.length; f++) if ((tickets[f] as number) >= minTickets) kept.push(f);
  kept.sort((a, b) => ((data.features[a] as string) < (data.features[b] as string) ? -1 : 1));
  // Feature number → weight slot in code-point order of the features (-1: too rare to weigh).
  const slot = new Int32Array(data.features.length).fill(-1);
  kept.forEach((f, j) => { slot[f] = j; });
  const rows = picked.map((i) => {
    const row = data.rows[i] as Int32Array;
    let n = 0;
    for (const f of row) if ((slot[f] as number) >= 0) n++;
    const out = new Int32Array(n);
    n = 0;
    for (const f of row) if ((slot[f] as number) >= 0) out[n++] = slot[f] as number;
    return out;
  });
  const labels = picked.map((i) => (data.covered[i] ? 1 : 0));
  const w = new Float64Array(kept.length);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Int32Array;
      let z = bias;
      for (const j of row) z += w[j] as number;
      const g = 1 / (1 + Math.exp(-z)) - (labels[i] as number);
      bias -= learningRate * g;
      for (const j of row) w[j] = (w[j] as number) - learningRate * (g + l2 * (w[j] as number));
    }
  }
  const weights: Record<string, number> = {};
  kept.forEach((f, j) => {
    const v = w[j] as number;
    if (Math.abs(v) >= PRUNE_BELOW) weights[data.features[f] as string] = Math.round(v * 1e4) / 1e4;
  });
  return { version: 1, trainedOn: options.trainedOn, bias: Math.round(bias * 1e4) / 1e4, weights };
}
