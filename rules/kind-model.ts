// A learned second opinion on the one question of the procedure that the request kind settles: is
// the request of a kind a contract covers (a defect, a new version) or not (a how-to, the customer's
// own implementation, a feature request, anything else). A logistic regression over the words and
// word pairs of the customer's own text, trained on labelled tickets (see connectors/learn/), so it
// weighs the whole wording where the cues weigh the phrases they know. It is consulted only when
// the cues leave the kind open between a covered and an uncovered candidate (classify-kind.ts).
import type { RequestKind } from './model.js';
import { forEachWord, normalizeText } from './normalize-text.js';

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

/**
 * A word as the scorer looks it up: its weight, the pairs it starts, and whether it is skipped. One
 * look-up per word of a ticket finds all three, and a pair is found by its second word in its
 * first's map, so no string is built per pair.
 */
interface WordNode {
  readonly feature: string;
  weight: number | undefined;
  pairs: Map<string, Feature> | undefined;
  skip: boolean;
  /** The call that last counted it: a feature counts once per text without a Set per call. */
  stamp: number;
}
interface Feature {
  readonly feature: string;
  readonly weight: number;
  stamp: number;
}

export function compileKindModel(model: KindModel, productNames: Iterable<string>): KindModelScorer {
  const nodes = new Map<string, WordNode>();
  const node = (word: string): WordNode => {
    let n = nodes.get(word);
    if (n === undefined) nodes.set(word, (n = { feature: word, weight: undefined, pairs: undefined, skip: false, stamp: 0 }));
    return n;
  };
  for (const [feature, weight] of Object.entries(model.weights)) {
    const cut = feature.indexOf('_');
    if (cut < 0) node(feature).weight = weight;
    else {
      // A text's pair is two words joined by one "_" (words have none): any other key never matches.
      const second = feature.slice(cut + 1);
      if (second.includes('_')) continue;
      const first = node(feature.slice(0, cut));
      (first.pairs ??= new Map()).set(second, { feature, weight, stamp: 0 });
    }
  }
  for (const w of productSkipWords(productNames)) node(w).skip = true;

  // The features found in the text being scored: words, then pairs, each in the order they first
  // occur, which is the order modelFeatures lists them and so gives the same sum.
  let stamp = 0;
  const words: WordNode[] = [];
  const pairs: Feature[] = [];
  let previous: WordNode | undefined;
  const visit = (word: string): void => {
    const n = nodes.get(word);
    if (n?.skip === true) return;
    const pair = previous?.pairs?.get(word);
    if (pair !== undefined && pair.stamp !== stamp) {
      pair.stamp = stamp;
      pairs.push(pair);
    }
    previous = n;
    if (n?.weight !== undefined && n.stamp !== stamp) {
      n.stamp = stamp;
      words.push(n);
    }
  };
  const visitWord = (word: string): void => {
    // A word that starts with a digit is a number: left out, and no pair spans it.
    const c = word.charCodeAt(0);
    if (c < 48 || c > 57) visit(word);
  };

  return (subject, body) => {
    stamp++;
    words.length = 0;
    pairs.length = 0;
    previous = undefined;
    // "subject\nbody" as modelFeatures reads it: the line break separates, so a pair spans it.
    forEachWord(subject, visitWord);
    forEachWord(body, visitWord);
    let z = model.bias;
    for (const f of words) z += f.weight as number;
    for (const f of pairs) z += f.weight;
    const covered = 1 / (1 + Math.exp(-z));
    return { covered, features: strongest(words, pairs, covered >= 0.5 ? 1 : -1) };
  };
}

/**
 * The features that carried the answer most, in its direction (`sign`): what sorting them all by
 * weight, stably, and keeping the first few would give, without the sort.
 */
function strongest(words: readonly { readonly feature: string; readonly weight: number | undefined }[], pairs: readonly Feature[], sign: number): string[] {
  const top: { readonly feature: string; readonly weight: number }[] = [];
  const consider = (feature: string, weight: number): void => {
    const w = sign * weight;
    if (top.length === SHOWN_FEATURES && w <= sign * (top[SHOWN_FEATURES - 1] as { weight: number }).weight) return;
    // After every feature of equal weight already kept: the sort is stable.
    let at = top.length;
    while (at > 0 && sign * (top[at - 1] as { weight: number }).weight < w) at--;
    top.splice(at, 0, { feature, weight });
    if (top.length > SHOWN_FEATURES) top.pop();
  };
  for (const f of words) consider(f.feature, f.weight as number);
  for (const f of pairs) consider(f.feature, f.weight);
  const out: string[] = [];
  for (const f of top) if (sign * f.weight > 0) out.push(f.feature.replace('_', ' '));
  return out;
}
