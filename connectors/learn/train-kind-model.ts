// Trains the covered-or-not model of rules/kind-model.ts: a logistic regression by stochastic
// gradient descent with an L2 penalty, over binary features seen in at least two tickets. Plain
// and deterministic (fixed order, no random start), so the same tickets give the same model and a
// shipped model can be checked against its training data. Settings chosen by 5-fold
// cross-validation on the development part of the evaluation corpus (test/eval/README.md).
import type { KindModel } from '../../rules/kind-model.js';
import { forEachWord } from '../../rules/normalize-text.js';
import { createRowSlab } from './row-slab.js';

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
  /** Adds an example from its text: the row of `add(modelFeatures(subject, body, skip), covered)`, made without the strings of its word pairs. */
  addText(subject: string, body: string, skip: ReadonlySet<string>, covered: boolean): Int32Array;
  /** A row of feature numbers for features that are no example (the hour estimator's tickets without a category). */
  intern(features: readonly string[]): Int32Array;
  /** `intern(modelFeatures(subject, body, skip))`, made as `addText` makes it. */
  internText(subject: string, body: string, skip: ReadonlySet<string>): Int32Array;
  readonly examples: IndexedExamples;
} {
  const index = new Map<string, number>();
  const features: string[] = [];
  const rows: Int32Array[] = [];
  const covered: boolean[] = [];
  const slab = createRowSlab();
  // A feature is in the row being built when its mark is the row's stamp: no Set per row.
  let marks = new Uint32Array(1024);
  let stamp = 0;
  let row = new Int32Array(256);
  let length = 0;
  const number = (f: string): number => {
    let id = index.get(f);
    if (id === undefined) {
      id = features.length;
      index.set(f, id);
      features.push(f);
    }
    return id;
  };
  const push = (id: number): void => {
    if (id >= marks.length) {
      const grown = new Uint32Array(Math.max(id + 1, marks.length * 2));
      grown.set(marks);
      marks = grown;
    }
    if (marks[id] === stamp) return;
    marks[id] = stamp;
    if (length === row.length) {
      const grown = new Int32Array(row.length * 2);
      grown.set(row);
      row = grown;
    }
    row[length++] = id;
  };
  const begin = (): void => {
    length = 0;
    if (++stamp === 2 ** 32) {
      marks.fill(0);
      stamp = 1;
    }
  };
  const intern = (list: readonly string[]): Int32Array => {
    begin();
    for (const f of list) push(number(f));
    return slab.store(row, length);
  };
  // The words of the text as modelFeatures reads them (forEachWord over the subject, then the body:
  // normalizeText's words of "subject\nbody" without building that text); then each word pair after
  // all the words. A pair's feature is found by its second word's number in its first word's map.
  const pairs: (Map<number, number> | undefined)[] = [];
  let words = new Int32Array(256);
  let n = 0;
  let skipping: ReadonlySet<string> = new Set();
  // A word's number, or -1 for a word of `skipping`: one look-up per word of a text instead of two.
  const wordIds = new Map<string, number>();
  const visitWord = (w: string): void => {
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) return;
    let id = wordIds.get(w);
    if (id === undefined) wordIds.set(w, (id = skipping.has(w) ? -1 : number(w)));
    if (id < 0) return;
    if (n === words.length) {
      const grown = new Int32Array(n * 2);
      grown.set(words);
      words = grown;
    }
    words[n++] = id;
    push(id);
  };
  const internText = (subject: string, body: string, skip: ReadonlySet<string>): Int32Array => {
    begin();
    n = 0;
    if (skip !== skipping) wordIds.clear();
    skipping = skip;
    forEachWord(subject, visitWord);
    forEachWord(body, visitWord);
    for (let i = 1; i < n; i++) {
      const a = words[i - 1] as number;
      const b = words[i] as number;
      const after = (pairs[a] ??= new Map());
      let id = after.get(b);
      if (id === undefined) {
        id = number(`${features[a] as string}_${features[b] as string}`);
        after.set(b, id);
      }
      push(id);
    }
    return slab.store(row, length);
  };
  const example = (made: Int32Array, isCovered: boolean): Int32Array => {
    rows.push(made);
    covered.push(isCovered);
    return made;
  };
  return {
    add: (list, isCovered) => example(intern(list), isCovered),
    addText: (subject, body, skip, isCovered) => example(internText(subject, body, skip), isCovered),
    intern,
    internText,
    examples: { features, rows, covered },
  };
}

export function trainKindModel(examples: readonly TrainingExample[], options: TrainingOptions): KindModel {
  const index = createExampleIndex();
  for (const e of examples) index.add(e.features, e.covered);
  return trainIndexed(index.examples, options);
}

/** Trains on the examples `use` accepts (all by default): a fold's training set. */
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
  // The rows as weight slots, end to end, the rare features left out: every pass reads them in
  // order without a look-up per feature, in a fraction of the time. Two bytes a slot where they fit
  // (tens of MB for 100,000 tickets, freed when the training ends).
  let length = 0;
  for (const i of picked) length += (data.rows[i] as Int32Array).length;
  const slots = kept.length <= 0xffff ? new Uint16Array(length) : new Int32Array(length);
  const ends = new Int32Array(picked.length + 1);
  let at = 0;
  picked.forEach((i, p) => {
    for (const f of data.rows[i] as Int32Array) {
      const j = slot[f] as number;
      if (j >= 0) slots[at++] = j;
    }
    ends[p + 1] = at;
  });
  const w = new Float64Array(kept.length);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let p = 0; p < picked.length; p++) {
      const start = ends[p] as number;
      const end = ends[p + 1] as number;
      let z = bias;
      for (let k = start; k < end; k++) z += w[slots[k] as number] as number;
      const g = 1 / (1 + Math.exp(-z)) - (data.covered[picked[p] as number] ? 1 : 0);
      bias -= learningRate * g;
      for (let k = start; k < end; k++) {
        const j = slots[k] as number;
        w[j] = (w[j] as number) - learningRate * (g + l2 * (w[j] as number));
      }
    }
  }
  const weights: Record<string, number> = {};
  kept.forEach((f, j) => {
    const v = w[j] as number;
    if (Math.abs(v) >= PRUNE_BELOW) weights[data.features[f] as string] = Math.round(v * 1e4) / 1e4;
  });
  return { version: 1, trainedOn: options.trainedOn, bias: Math.round(bias * 1e4) / 1e4, weights };
}
