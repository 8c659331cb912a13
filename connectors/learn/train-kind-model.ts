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

export interface TrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  /** A feature must occur in this many tickets to get a weight. */
  readonly minTickets?: number;
  readonly trainedOn: string;
}

/** Weights this small change no probability in the second decimal; leaving them out keeps the file small. */
const PRUNE_BELOW = 0.005;

export function trainKindModel(examples: readonly TrainingExample[], options: TrainingOptions): KindModel {
  const { epochs = 200, learningRate = 0.1, l2 = 0.01, minTickets = 2 } = options;
  const seen = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) seen.set(f, (seen.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, n] of [...seen].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= minTickets) index.set(f, index.size);
  const rows = examples.map((e) => [...new Set(e.features)].map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const w = new Float64Array(index.size);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number[];
      let z = bias;
      for (const j of row) z += w[j] as number;
      const g = 1 / (1 + Math.exp(-z)) - ((examples[i] as TrainingExample).covered ? 1 : 0);
      bias -= learningRate * g;
      for (const j of row) w[j] = (w[j] as number) - learningRate * (g + l2 * (w[j] as number));
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, j] of index) {
    const v = w[j] as number;
    if (Math.abs(v) >= PRUNE_BELOW) weights[f] = Math.round(v * 1e4) / 1e4;
  }
  return { version: 1, trainedOn: options.trainedOn, bias: Math.round(bias * 1e4) / 1e4, weights };
}
