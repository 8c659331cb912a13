// `inscope learn`'s work: the vendor's own history as training data for the covered-or-not model,
// a model trained on all of it, and a k-fold cross-validation of what the model would change:
// every labelled ticket triaged with the cues alone, with the built-in model and with a model
// trained on the other folds, each compared with the category people set.
import type { CoverageConfig } from '../config/config-schema.js';
import { compileRules, type Engine } from '../../rules/index.js';
import { productSkipWords } from '../../rules/kind-model.js';
import type { WorkItem } from '../../rules/model.js';
import { emptyTally, gradeVerdict, type Grade, type Tally } from './grade-verdict.js';
import { labelledText, productNames, trainingExample } from './labelled-text.js';
import { toModelFile, type ModelFile } from './model-file.js';
import { emptyReading, readLabelledTickets, type Skipped } from './read-labelled-tickets.js';
import { createExampleIndex, trainIndexed } from './train-kind-model.js';

export type { Skipped } from './read-labelled-tickets.js';

/** The three ways of deciding that the report sets side by side. */
export const COLUMNS = ['cues only', 'built-in model', 'this model'] as const;
export type Columns = readonly [Tally, Tally, Tally];

export interface LearnResult {
  readonly model: ModelFile;
  readonly examples: number;
  readonly skipped: Skipped;
  readonly problems: readonly string[];
  readonly folds: number;
  readonly total: Columns;
  readonly byLanguage: Readonly<Record<string, Columns>>;
}

export interface LearnOptions {
  readonly ticketsPath: string;
  readonly config: CoverageConfig;
  readonly configHash: string;
  /** How the tickets are named in `trainedOn` (the path as the admin gave it). */
  readonly source: string;
  readonly folds: number;
  readonly now: () => Date;
}

/**
 * SGD epochs for n examples: the built-in model's 200 up to about the corpus's size, then fewer so
 * that every training makes about the same 100,000 example updates (at least 5 passes): with
 * thousands of tickets each pass already moves every weight many times, and 100,000 tickets train
 * in seconds instead of minutes.
 */
export function epochsFor(n: number): number {
  return Math.max(5, Math.min(200, Math.round(100_000 / Math.max(1, n))));
}

const columns = (): [Tally, Tally, Tally] => [emptyTally(), emptyTally(), emptyTally()];

export async function learnKindModel(options: LearnOptions): Promise<LearnResult> {
  const { config, configHash, folds } = options;
  const skip = productSkipWords(productNames(config));
  // The model columns ask a model even where the config turned the built-in one off: the report
  // shows what a model would change, before anyone switches it on.
  const asked = { ...config, kinds: { ...config.kinds, learned: true } };
  const cuesOnly = compileRules(config, { configHash, kindModel: null });
  const builtin = compileRules(asked, { configHash });

  const index = createExampleIndex();
  const { examples } = index;
  const languages: string[] = [];
  const grades: Grade[][] = [];
  // A model is asked only where the cues leave the kind open; elsewhere all three engines give the
  // same verdict, so only those tickets are kept to triage again with their fold's model.
  const open = new Map<number, WorkItem>();
  const reading = emptyReading();
  const { skipped, problems } = reading;

  for await (const { item, covered, verdict } of readLabelledTickets(options.ticketsPath, config, cuesOnly, reading)) {
    index.add(trainingExample(labelledText(item, covered), skip).features, covered);
    const cues = gradeVerdict(verdict, covered);
    if (!verdict.kind.certain) open.set(grades.length, item);
    languages.push(verdict.facts['language']?.value ?? 'unknown');
    grades.push([cues, verdict.kind.certain ? cues : gradeVerdict(builtin.triage(item), covered), cues]);
  }
  const count = examples.rows.length;
  const epochs = epochsFor(count);
  for (let fold = 0; fold < folds; fold++) {
    const held = [...open.keys()].filter((i) => i % folds === fold);
    if (held.length === 0) continue;
    const model = trainIndexed(examples, { trainedOn: `fold ${fold + 1} of ${folds}`, epochs }, (i) => i % folds !== fold);
    const engine: Engine = compileRules(asked, { configHash, kindModel: model });
    for (const i of held) (grades[i] as Grade[])[2] = gradeVerdict(engine.triage(open.get(i) as WorkItem), examples.covered[i] ?? false);
  }
  const trainedOn = `${count} tickets of ${options.source}, ${options.now().toISOString().slice(0, 10)}`;
  const model = toModelFile(trainIndexed(examples, { trainedOn, epochs }));

  const total = columns();
  const byLanguage: Record<string, [Tally, Tally, Tally]> = {};
  grades.forEach((g, i) => {
    const language = (byLanguage[languages[i] as string] ??= columns());
    g.forEach((grade, c) => {
      (total[c] as Tally)[grade]++;
      (language[c] as Tally)[grade]++;
    });
  });
  return { model, examples: count, skipped, problems, folds, total, byLanguage };
}
