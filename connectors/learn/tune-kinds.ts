// `inscope tune`'s work: the history as `inscope learn` reads it (tickets with people's category and
// an active contract), each triaged with the config as it is, and from that: the cue words and rules
// that disagree with people most, and the cue changes worth proposing. A cue word is proposed for
// removal when it spoke against people on more than half of its tickets; a word or word pair of the
// history for addition when it sits mostly on one side of people's categories (discriminative-words.ts),
// is no cue yet and no function word, and occurs in a ticket of that side InScope does not get right. Nothing is applied: the caller renders the changes as a config diff.
import { eng, nld } from 'stopword';
import type { CoverageConfig } from '../config/config-schema.js';
import type { Engine } from '../../rules/index.js';
import { REQUEST_KINDS } from '../../rules/classify-kind.js';
import { KIND_CUES } from '../../rules/kind-cues.js';
import { COVERED_KINDS, productSkipWords } from '../../rules/kind-model.js';
import type { RequestKind, WorkItem } from '../../rules/model.js';
import { normalizeText } from '../../rules/normalize-text.js';
import { withCueChanges, type CueChange } from './apply-cue-changes.js';
import { discriminativeWords } from './discriminative-words.js';
import { emptyTally, gradeVerdict, type Grade, type Tally } from './grade-verdict.js';
import { labelledText, productNames, trainingExample } from './labelled-text.js';
import { emptyReading, readLabelledTickets, type Skipped } from './read-labelled-tickets.js';
import { createDisagreementTally, EXAMPLES_SHOWN, type CueDisagreement, type RuleDisagreement } from './tally-disagreements.js';
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
}

export interface TuneOptions {
  readonly ticketsPath: string;
  readonly config: CoverageConfig;
  /** The engine of a config (with the config's model): to see the verdicts as they are and with changes. */
  readonly compile: (config: CoverageConfig) => Engine;
  /** No change rests on fewer tickets than this. */
  readonly minTickets: number;
}

/** An added cue weighs as a strong one: only a word this one-sided is worth it. */
export const MIN_SHARE = 0.8;
/** More would be a second cue list to review, not a tuning. */
export const MAX_ADDED_PER_KIND = 5;

/** Function words ("this", "het", "in een"): frequent on one side of a small history by chance, never a cue. */
const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...nld].map((w) => normalizeText(w)));
/** Function words only, or a word of one or two letters ("m" of "5 m"): no cue. */
const noCue = (cue: string): boolean => cue.split(' ').every((w) => STOP_WORDS.has(w) || w.length < 3);

/** Cue texts the classifier knows already (built-in and added), and the one-word prefix cues ("crash*"). */
function knownCues(config: CoverageConfig): { texts: Set<string>; prefixes: string[] } {
  const texts = new Set<string>();
  const prefixes: string[] = [];
  const lists = [...KIND_CUES.map((l) => l.cues.split('|')), ...REQUEST_KINDS.map((k) => [...(config.kinds?.[k]?.add ?? []), ...(config.kinds?.[k]?.remove ?? [])])];
  for (const cue of lists.flat()) {
    const text = normalizeText(cue.replace(/\*\s*$/, ''));
    if (cue.trim().endsWith('*') && !text.includes(' ')) prefixes.push(text);
    else texts.add(text);
  }
  return { texts, prefixes };
}

/** The kind InScope most often read on `covered`'s side among these tickets; the side's usual kind when never. */
function kindOnSide(rows: readonly number[], sideKinds: readonly (RequestKind | undefined)[], covered: boolean): RequestKind {
  const votes = new Map<RequestKind, number>();
  for (const i of rows) {
    const k = sideKinds[i];
    if (k !== undefined && COVERED_KINDS.has(k) === covered) votes.set(k, (votes.get(k) ?? 0) + 1);
  }
  let best: RequestKind = covered ? 'defect' : 'other';
  for (const k of REQUEST_KINDS) if ((votes.get(k) ?? 0) > (votes.get(best) ?? 0)) best = k;
  return best;
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
  const labels = index.examples.covered;
  // Changes are tried one by one, each on top of those kept before, on the tickets it can touch
  // (where the cue fired, or the word occurs): kept only when it turns more verdicts right than it
  // spoils and none wrong. Kept changes do not undo each other, as two tried alone could.
  const current = [...now];
  const kept: CueChange[] = [];
  const tryChange = (change: CueChange, rows: readonly number[]): boolean => {
    const tried = options.compile(withCueChanges(config, [...kept, change]));
    const graded = rows.map((i) => gradeVerdict(tried.triage(items[i] as WorkItem), labels[i] as boolean));
    let right = 0;
    let wrong = 0;
    rows.forEach((i, k) => {
      right += Number(graded[k] === 'right') - Number(current[i] === 'right');
      wrong += Number(graded[k] === 'wrong') - Number(current[i] === 'wrong');
    });
    if (right <= 0 || wrong > 0) return false;
    rows.forEach((i, k) => { current[i] = graded[k] as Grade; });
    kept.push({ ...change, effect: { right, wrong } });
    return true;
  };

  for (const r of cues) {
    if (!r.removable || r.fired < minTickets || r.against * 2 <= r.fired) continue;
    const change: CueChange = { kind: r.kind, change: 'remove', cue: r.cue, tickets: r.fired, agreeing: r.against, examples: r.examples };
    tryChange(change, r.rows);
  }
  const known = knownCues(config);
  const added = new Map<RequestKind, number>();
  for (const word of discriminativeWords(index.examples, { minTickets, minShare: MIN_SHARE })) {
    // A pair around a known cue ("jullie advies") would outweigh that cue rather than say something
    // new: whether the cue misleads is for its own row above.
    if (noCue(word.cue) || known.texts.has(word.cue) || word.cue.split(' ').some((w) => known.texts.has(w) || known.prefixes.some((p) => w.startsWith(p)))) continue;
    const covered = word.z > 0;
    const onSide = word.rows.filter((i) => labels[i] === covered);
    // A cue that would only fire where InScope already agrees with people changes nothing for the
    // better: only words of tickets it does not get right (with the changes kept so far) are tried.
    const unsettled = onSide.filter((i) => current[i] !== 'right');
    if (unsettled.length === 0) continue;
    const kind = kindOnSide(word.rows, sideKinds, covered);
    if ((added.get(kind) ?? 0) >= MAX_ADDED_PER_KIND) continue;
    const change: CueChange = {
      kind, change: 'add', cue: word.cue, tickets: word.rows.length, agreeing: onSide.length, z: word.z,
      notRightNow: unsettled.length,
      examples: [...unsettled, ...onSide.filter((i) => current[i] === 'right')].slice(0, EXAMPLES_SHOWN).map((i) => ids[i] as string),
    };
    if (tryChange(change, word.rows)) added.set(kind, (added.get(kind) ?? 0) + 1);
  }
  // Every ticket again with all of them: a change can reach a ticket beyond the rows it was tried on
  // (a removed cue that fired for a kind that did not win is not in the trace).
  const after = emptyTally();
  const tuned = kept.length === 0 ? engine : options.compile(withCueChanges(config, kept));
  items.forEach((item, i) => {
    after[kept.length === 0 ? (now[i] as Grade) : gradeVerdict(tuned.triage(item), labels[i] as boolean)]++;
  });
  return { examples: ids.length, skipped: reading.skipped, problems: reading.problems, grades, cues, rules: disagreements.rules(), changes: kept, after };
}
