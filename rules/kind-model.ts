// A learned second opinion on the one question of the procedure that the request kind settles: is
// the request of a kind a contract covers (a defect, a new version) or not (a how-to, the customer's
// own implementation, a feature request, anything else). A logistic regression over the words and
// word pairs of the customer's own text, trained on labelled tickets (see connectors/learn/), so it
// weighs the whole wording where the cues weigh the phrases they know. It is consulted only when
// the cues leave the kind open between a covered and an uncovered candidate (classify-kind.ts).
import type { RequestKind } from './model.js';
import { normalizeText } from './normalize-text.js';

/** The kinds a support contract covers, per the procedure: what the model tells from the rest. */
export const COVERED_KINDS: ReadonlySet<RequestKind> = new Set(['defect', 'new-version']);

export interface KindModel {
  readonly version: 1;
  /** What it was trained on, for the trace and the docs: "412 labelled tickets (…)". */
  readonly trainedOn: string;
  readonly bias: number;
  /** Feature → weight towards "covered"; a feature is a word or two words joined by "_". */
  readonly weights: Readonly<Record<string, number>>;
}

export interface CoveredOdds {
  /** Probability that the request is of a covered kind, 0–1, unrounded (the trace rounds it). */
  readonly covered: number;
  /** The features that carried it most, in the direction of the answer. */
  readonly features: readonly string[];
}

export type KindModelScorer = (subject: string, body: string) => CoveredOdds;

/**
 * The features of a text: its words and pairs of adjacent words, each once, without numbers
 * (versions, ids, dates differ per ticket) and without the words in `skip` (product names, which
 * say what a ticket is about, not what kind of request it is, and differ per vendor).
 */
export function modelFeatures(subject: string, body: string, skip: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const w of normalizeText(`${subject}\n${body}`).split(' ')) {
    if (w === '' || skip.has(w)) continue;
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) continue;
    words.push(w);
  }
  const out = new Set<string>(words);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1] as string}_${words[i] as string}`);
  return [...out];
}

/** The words of product names, to leave out of the features. */
export function productSkipWords(productNames: Iterable<string>): Set<string> {
  const skip = new Set<string>();
  for (const name of productNames) for (const w of normalizeText(name).split(' ')) if (w !== '') skip.add(w);
  return skip;
}

const SHOWN_FEATURES = 3;

export function compileKindModel(model: KindModel, productNames: Iterable<string>): KindModelScorer {
  const weights = new Map(Object.entries(model.weights));
  const skip = productSkipWords(productNames);
  return (subject, body) => {
    let z = model.bias;
    const carried: [string, number][] = [];
    for (const f of modelFeatures(subject, body, skip)) {
      const w = weights.get(f);
      if (w === undefined) continue;
      z += w;
      carried.push([f, w]);
    }
    const covered = 1 / (1 + Math.exp(-z));
    const sign = covered >= 0.5 ? 1 : -1;
    carried.sort((a, b) => sign * (b[1] - a[1]));
    return {
      covered,
      features: carried.slice(0, SHOWN_FEATURES).filter(([, w]) => sign * w > 0).map(([f]) => f.replace('_', ' ')),
    };
  };
}
