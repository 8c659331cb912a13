// The evaluation of verdicts against labels decided from the procedure when each ticket was written
// (see test/eval/README.md). A verdict is right when its outcome is the label's, review when a person
// is asked to decide, wrong otherwise: a wrong verdict bills or refuses a customer by mistake, so it
// weighs more than a review.
import fs from 'node:fs';
import path from 'node:path';
import type { Engine, Outcome, Verdict, WorkItem } from '../../rules/index.js';
import type { HelpdeskMappings } from '../../connectors/input/read-tickets.js';
import { readTickets } from '../../connectors/input/read-tickets.js';

export type LabelOutcome = 'covered' | 'advisory' | 'incomplete';

export interface Label {
  readonly outcome: LabelOutcome;
  readonly kind: string;
  readonly missing: readonly string[];
  readonly why: string;
}

export type Grade = 'right' | 'wrong' | 'review';

export interface Graded {
  readonly id: string;
  readonly file: string;
  readonly language: 'nl' | 'en';
  readonly label: Label;
  readonly verdict: Verdict;
  readonly grade: Grade;
}

export interface Tally {
  right: number;
  wrong: number;
  review: number;
}

export interface Evaluation {
  readonly graded: readonly Graded[];
  readonly total: Tally;
  readonly byLanguage: Readonly<Record<string, Tally>>;
  readonly byOutcome: Readonly<Record<string, Tally>>;
  readonly byKind: Readonly<Record<string, Tally>>;
  /** label outcome → verdict outcome → count */
  readonly confusion: Readonly<Record<string, Record<string, number>>>;
  readonly unlabelled: readonly string[];
}

const DUTCH = new Set(['de', 'het', 'een', 'en', 'ik', 'wij', 'we', 'niet', 'is', 'van', 'dat', 'op', 'voor', 'met', 'bij', 'graag', 'kunnen', 'jullie', 'ons', 'onze', 'hoe', 'wat', 'geen', 'wordt', 'zijn', 'maar', 'ook', 'naar', 'deze', 'als', 'er', 'heb', 'hebben', 'u', 'uw', 'groet', 'groeten']);
const ENGLISH = new Set(['the', 'a', 'an', 'and', 'i', 'we', 'not', 'is', 'of', 'that', 'on', 'for', 'with', 'at', 'please', 'can', 'you', 'our', 'us', 'how', 'what', 'no', 'are', 'but', 'also', 'to', 'this', 'if', 'there', 'have', 'has', 'your', 'thanks', 'regards', 'it']);

/**
 * The ticket's language by its commonest function words; only for reporting. Kept apart from the
 * engine's detectLanguage on purpose: the measurement must not slice by the thing it measures.
 */
export function languageOf(item: WorkItem): 'nl' | 'en' {
  let nl = 0;
  let en = 0;
  for (const word of `${item.subject} ${item.description}`.toLowerCase().split(/[^\p{L}]+/u)) {
    if (DUTCH.has(word)) nl++;
    if (ENGLISH.has(word)) en++;
  }
  return nl > en ? 'nl' : 'en';
}

export function gradeOf(label: LabelOutcome, outcome: Outcome): Grade {
  if (outcome === 'review') return 'review';
  return outcome === label ? 'right' : 'wrong';
}

/** The ticket files of a corpus folder: every `*.json` beside a `*.labels.json`, optionally by prefix. */
export function corpusFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json') && !f.endsWith('.labels.json') && fs.existsSync(path.join(dir, f.replace(/\.json$/, '.labels.json'))))
    .sort()
    .map((f) => path.join(dir, f));
}

const emptyTally = (): Tally => ({ right: 0, wrong: 0, review: 0 });

/** Triages every labelled ticket of the files with the engine and tallies the grades. */
/** `engine` may be chosen per labelled ticket, by its index in file order (see crossFittedEngines). */
export async function evaluateCorpus(files: readonly string[], engine: Engine | ((index: number) => Engine), helpdesks: HelpdeskMappings): Promise<Evaluation> {
  const graded: Graded[] = [];
  const unlabelled: string[] = [];
  for (const file of files) {
    const labels = JSON.parse(fs.readFileSync(file.replace(/\.json$/, '.labels.json'), 'utf8')) as Record<string, Label>;
    for await (const record of readTickets(file, { helpdesks })) {
      if ('kind' in record) throw new Error(`${record.file}: ${record.message}`);
      const id = record.item.id;
      const label = labels[id];
      if (label === undefined) {
        unlabelled.push(`${path.basename(file)}#${id}`);
        continue;
      }
      const verdict = (typeof engine === 'function' ? engine(graded.length) : engine).triage(record.item);
      graded.push({ id, file: path.basename(file), language: languageOf(record.item), label, verdict, grade: gradeOf(label.outcome, verdict.outcome) });
    }
  }
  const total = emptyTally();
  const byLanguage: Record<string, Tally> = {};
  const byOutcome: Record<string, Tally> = {};
  const byKind: Record<string, Tally> = {};
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of graded) {
    total[g.grade]++;
    (byLanguage[g.language] ??= emptyTally())[g.grade]++;
    (byOutcome[g.label.outcome] ??= emptyTally())[g.grade]++;
    (byKind[g.label.kind] ??= emptyTally())[g.grade]++;
    const row = (confusion[g.label.outcome] ??= {});
    row[g.verdict.outcome] = (row[g.verdict.outcome] ?? 0) + 1;
  }
  return { graded, total, byLanguage, byOutcome, byKind, confusion, unlabelled };
}

export function share(t: Tally, grade: Grade): number {
  const n = t.right + t.wrong + t.review;
  return n === 0 ? 0 : t[grade] / n;
}
