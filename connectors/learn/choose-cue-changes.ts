// Chooses the cue changes of `inscope tune` from a labelled history, or from part of it (a fold of
// the cross-validation): a cue word is proposed for removal when it spoke against people on more than
// half of its tickets; a word or word pair for addition when it sits mostly on one side of people's
// categories (discriminative-words.ts), is no cue yet and no function word, and occurs in a ticket of
// that side InScope does not get right. Each is tried on the history on top of those kept before, and
// kept only when it turns more verdicts right than it spoils and none wrong.
import { eng, nld } from 'stopword';
import type { CoverageConfig } from '../config/config-schema.js';
import type { Engine } from '../../rules/index.js';
import { REQUEST_KINDS } from '../../rules/classify-kind.js';
import { KIND_CUES } from '../../rules/kind-cues.js';
import { COVERED_KINDS } from '../../rules/kind-model.js';
import type { RequestKind, WorkItem } from '../../rules/model.js';
import { normalizeText } from '../../rules/normalize-text.js';
import { withCueChanges, type CueChange } from './apply-cue-changes.js';
import { discriminativeWords } from './discriminative-words.js';
import { gradeVerdict, type Grade } from './grade-verdict.js';
import { EXAMPLES_SHOWN, type CueDisagreement } from './tally-disagreements.js';
import type { IndexedExamples } from './train-kind-model.js';

/** A labelled history as tune reads it, ticket i at position i of every list. */
export interface TuneHistory {
  readonly items: readonly WorkItem[];
  readonly examples: IndexedExamples;
  /** The grade of the verdict as configured. */
  readonly now: readonly Grade[];
  /** Its candidate kind on people's side, if InScope saw one: what an added word is a cue of. */
  readonly sideKinds: readonly (RequestKind | undefined)[];
  /** The cues the verdicts named, with the tickets each fired on. */
  readonly cues: readonly CueDisagreement[];
}

export interface ChooseOptions {
  readonly config: CoverageConfig;
  readonly compile: (config: CoverageConfig) => Engine;
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

/** The changes the tickets `use` accepts (all by default) argue for, in the order they were kept. */
export function chooseCueChanges(history: TuneHistory, options: ChooseOptions, use: (i: number) => boolean = () => true): CueChange[] {
  const { config, minTickets } = options;
  const { items, now, sideKinds } = history;
  const labels = history.examples.covered;
  const ids = items.map((item) => item.id);
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

  const removable = history.cues.filter((r) => r.removable).map((r) => {
    const rows = r.rows.filter(use);
    const against = rows.filter((i) => COVERED_KINDS.has(r.kind) !== labels[i]);
    return { r, rows, against };
  }).sort((a, b) => b.against.length - a.against.length || b.against.length / b.rows.length - a.against.length / a.rows.length);
  for (const { r, rows, against } of removable) {
    if (rows.length < minTickets || against.length * 2 <= rows.length) continue;
    const examples = against.slice(0, EXAMPLES_SHOWN).map((i) => ids[i] as string);
    tryChange({ kind: r.kind, change: 'remove', cue: r.cue, tickets: rows.length, agreeing: against.length, examples }, rows);
  }
  const known = knownCues(config);
  const added = new Map<RequestKind, number>();
  for (const word of discriminativeWords(history.examples, { minTickets, minShare: MIN_SHARE }, use)) {
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
  return kept;
}
