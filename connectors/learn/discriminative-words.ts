// The words and word pairs of a history that tell covered requests from the rest best, for
// `inscope tune` to suggest as cue words. Each feature (as the learned model sees it: see
// labelled-text.ts) is scored by its log odds ratio between the tickets people set to Call and the
// others, smoothed by adding half a ticket to each cell (so a word seen on one side only has a
// finite score), divided by its standard error: a z-score, so that 40 of 42 tickets outweighs 3 of 3.
import type { IndexedExamples } from './train-kind-model.js';

export interface WordScore {
  /** The feature as a cue: a word, or two words with a space. */
  readonly cue: string;
  /** Tickets with the feature that people set to Call, and the others. */
  readonly covered: number;
  readonly notCovered: number;
  /** Smoothed log odds ratio over its standard error: above 0 leans covered, below 0 not covered. */
  readonly z: number;
  /** The examples (rows of the index) that have it, in reading order. */
  readonly rows: readonly number[];
}

export interface DiscriminativeOptions {
  /** A feature must occur in this many tickets to be scored. */
  readonly minTickets: number;
  /** The share of its tickets on its side that a feature needs: an added cue weighs as a strong one. */
  readonly minShare: number;
}

/** Half a ticket per cell (Haldane–Anscombe): finite odds for a word seen on one side only. */
const SMOOTHING = 0.5;

export function smoothedZ(covered: number, notCovered: number, totalCovered: number, totalNotCovered: number): number {
  const a = covered + SMOOTHING;
  const b = totalCovered - covered + SMOOTHING;
  const c = notCovered + SMOOTHING;
  const d = totalNotCovered - notCovered + SMOOTHING;
  return Math.log((a * d) / (b * c)) / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
}

/** The features frequent and one-sided enough among the examples `use` accepts, strongest first on each side (covered first, then not covered). */
export function discriminativeWords(data: IndexedExamples, options: DiscriminativeOptions, use: (i: number) => boolean = () => true): WordScore[] {
  const n = data.features.length;
  const onCovered = new Int32Array(n);
  const onOther = new Int32Array(n);
  let totalCovered = 0;
  let used = 0;
  data.rows.forEach((row, i) => {
    if (!use(i)) return;
    used++;
    const counts = data.covered[i] ? onCovered : onOther;
    if (data.covered[i]) totalCovered++;
    for (const f of row) counts[f] = (counts[f] as number) + 1;
  });
  const totalOther = used - totalCovered;
  const picked = new Map<number, number>();
  for (let f = 0; f < n; f++) {
    const c = onCovered[f] as number;
    const o = onOther[f] as number;
    if (c + o < options.minTickets || Math.max(c, o) < options.minShare * (c + o)) continue;
    picked.set(f, smoothedZ(c, o, totalCovered, totalOther));
  }
  const rows = new Map<number, number[]>([...picked.keys()].map((f) => [f, []]));
  data.rows.forEach((row, i) => {
    if (use(i)) for (const f of row) rows.get(f)?.push(i);
  });
  return [...picked].map(([f, z]) => ({ cue: (data.features[f] as string).replace('_', ' '), covered: onCovered[f] as number, notCovered: onOther[f] as number, z, rows: rows.get(f) ?? [] }))
    .sort((a, b) => Number(b.z > 0) - Number(a.z > 0) || Math.abs(b.z) - Math.abs(a.z) || (a.cue < b.cue ? -1 : 1));
}
