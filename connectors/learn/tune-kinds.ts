// `inscope tune`'s work: the history as `inscope learn` reads it (tickets with people's category and
// an active contract), each triaged with the config as it is, and from that: the cue words and rules
// that disagree with people most, the cue changes worth proposing (choose-cue-changes.ts), what they
// do on these tickets, and a cross-validation of what they are worth on tickets they were not chosen
// on. Nothing is applied: the caller renders the changes as a config diff.
import type { CoverageConfig } from '../config/config-schema.js';
import type { Engine } from '../../rules/index.js';
import { COVERED_KINDS, productSkipWords } from '../../rules/kind-model.js';
import type { RequestKind, WorkItem } from '../../rules/model.js';
import { withCueChanges, type CueChange } from './apply-cue-changes.js';
import { chooseCueChanges, type TuneHistory } from './choose-cue-changes.js';
import { emptyTally, gradeVerdict, type Grade, type Tally } from './grade-verdict.js';
import { labelledText, productNames, trainingExample } from './labelled-text.js';
import { emptyReading, readLabelledTickets, type Skipped } from './read-labelled-tickets.js';
import { createDisagreementTally, type CueDisagreement, type RuleDisagreement } from './tally-disagreements.js';
import { createExampleIndex } from './train-kind-model.js';

export type { CueChange } from './apply-cue-changes.js';

export interface TuneResult {
  readonly examples: number;
  readonly skipped: Skipped;
  readonly problems: readonly string[];
  /** InScope as configured against people's category, over the tickets used. */
  readonly grades: Tally;
  readonly cues: readonly CueDisagreement[];
  readonly rules: readonly RuleDisagreement[];
  readonly changes: readonly CueChange[];
  /** InScope with all the changes made, on the same tickets (which chose them: expect less on new ones). */
  readonly after: Tally;
  /** Each fold of the tickets with the changes the other folds chose. */
  readonly crossValidated: Tally;
  readonly folds: number;
}

export interface TuneOptions {
  readonly ticketsPath: string;
  readonly config: CoverageConfig;
  /** The engine of a config (with the config's model): to see the verdicts as they are and with changes. */
  readonly compile: (config: CoverageConfig) => Engine;
  /** No change rests on fewer tickets than this. */
  readonly minTickets: number;
  /** Folds of the cross-validation of the changes (ticket i in fold i mod folds, as in learn). */
  readonly folds: number;
}

export async function tuneKinds(options: TuneOptions): Promise<TuneResult> {
  const { config, minTickets } = options;
  const skip = productSkipWords(productNames(config));
  const reading = emptyReading();
  const index = createExampleIndex();
  const disagreements = createDisagreementTally();
  const grades = emptyTally();
  const ids: string[] = [];
  // Per ticket, its candidate kind on people's side, if InScope saw one: what an added word is a cue of.
  const sideKinds: (RequestKind | undefined)[] = [];

  const engine = options.compile(config);
  const items: WorkItem[] = [];
  const now: Grade[] = [];
  for await (const ticket of readLabelledTickets(options.ticketsPath, config, engine, reading)) {
    const { item, covered, verdict } = ticket;
    index.add(trainingExample(labelledText(item, covered), skip).features, covered);
    disagreements.add(ticket);
    const grade = gradeVerdict(verdict, covered);
    grades[grade]++;
    items.push(item);
    now.push(grade);
    ids.push(item.id);
    sideKinds.push(verdict.kind.candidates.find((k) => COVERED_KINDS.has(k) === covered));
  }

  const cues = disagreements.cues();
  const history: TuneHistory = { items, examples: index.examples, now, sideKinds, cues };
  const choose = { config, compile: options.compile, minTickets };
  const labels = index.examples.covered;
  const judge = (changes: readonly CueChange[], tally: Tally, rows: Iterable<number>): void => {
    const tuned = changes.length === 0 ? engine : options.compile(withCueChanges(config, changes));
    for (const i of rows) tally[changes.length === 0 ? (now[i] as Grade) : gradeVerdict(tuned.triage(items[i] as WorkItem), labels[i] as boolean)]++;
  };
  const all = items.map((_, i) => i);
  const changes = chooseCueChanges(history, choose);
  // Every ticket again with all of them: a change can reach a ticket beyond the rows it was tried on
  // (a removed cue that fired for a kind that did not win is not in the trace).
  const after = emptyTally();
  judge(changes, after, all);
  // Each fold judged by the changes the other folds chose, as inscope learn judges its model: what
  // the suggestions are worth on tickets they were not chosen on.
  const crossValidated = emptyTally();
  for (let fold = 0; fold < options.folds; fold++) {
    judge(chooseCueChanges(history, choose, (i) => i % options.folds !== fold), crossValidated, all.filter((i) => i % options.folds === fold));
  }
  return { examples: ids.length, skipped: reading.skipped, problems: reading.problems, grades, cues, rules: disagreements.rules(), changes, after, crossValidated, folds: options.folds };
}
