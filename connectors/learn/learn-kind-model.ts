// `inscope learn`'s work: the vendor's own history as training data for the covered-or-not model,
// a model trained on all of it, and a k-fold cross-validation of what the model would change:
// every labelled ticket triaged with the cues alone, with the built-in model and with a model
// trained on the other folds, each compared with the category people set. Tickets with logged time
// (any category, any contract) also train the hour estimator, grouped by the product and kind the
// engine reads in them.
import type { CoverageConfig } from '../config/config-schema.js';
import { readTickets, type TicketRecord } from '../input/read-tickets.js';
import { compileRules, type Engine } from '../../rules/index.js';
import { COVERED_KINDS, productSkipWords } from '../../rules/kind-model.js';
import { BUILTIN_KIND_MODEL } from '../../rules/builtin-kind-model.js';
import { createRowOdds, modelMayChange } from './row-odds.js';
import type { KindVerdict, Verdict, WorkItem } from '../../rules/model.js';
import { settleKind } from '../../rules/classify-kind.js';
import { TriageVerdict } from '../../rules/triage-verdict.js';
import { emptyTally, gradeVerdict, type Grade, type Tally } from './grade-verdict.js';
import { productNames } from './labelled-text.js';
import { itemOwnText } from '../../rules/mail-text.js';
import { toModelFile, type ModelFile } from './model-file.js';
import { emptyReading, readLabelledTickets, type Skipped } from './read-labelled-tickets.js';
import { EPOCHS, createExampleIndex, trainIndexed } from './train-kind-model.js';
import { checkHourEstimates, type HourCheck } from './check-hour-estimates.js';
import { createHourExamples, placeHourExamples, type HourExample } from './train-hour-estimator.js';

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
  /** Tickets with logged time read for the hour estimator, and how many it keeps (those with recurring words). */
  readonly hours: {
    readonly logged: number;
    readonly kept: number;
    readonly groups: number;
    /** The estimator cross-validated against the rule's estimateHours, and the recalibration written with it. */
    readonly check?: HourCheck;
  };
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
 * SGD epochs for n examples: the built-in model's 30 up to about 3,000 tickets, then fewer so
 * that every training makes about the same 100,000 example updates (at least 5 passes): with
 * thousands of tickets each pass already moves every weight many times, and 100,000 tickets train
 * in seconds instead of minutes.
 */
export function epochsFor(n: number): number {
  return Math.max(5, Math.min(EPOCHS, Math.round(100_000 / Math.max(1, n))));
}

const columns = (): [Tally, Tally, Tally] => [emptyTally(), emptyTally(), emptyTally()];

/**
 * Hours logged on a ticket, in hundredths, or 0: the field `proposals.timeSpentField` names (seconds,
 * as the ledger books it), else Jira's time tracking.
 */
export function loggedHundredths(record: TicketRecord, timeSpentField: string | undefined): number {
  const field = timeSpentField === undefined ? undefined : record.item.fields[timeSpentField];
  const seconds = field === undefined ? record.loggedSeconds : Number(field);
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds / 36) : 0;
}

/** The export is not what the first pass read: the second pass cannot find a ticket it needs. */
export class ExportChangedError extends Error {
  override readonly name = 'ExportChangedError';
}

/** One fact of a verdict: `facts` would find every built-in fact of the ticket, a cost per ticket the report does not need. */
const factOf = (verdict: Verdict, name: string) => (verdict instanceof TriageVerdict ? verdict.fact(name) : verdict.facts[name]);

/** The customer's own text: the one the engine read for the verdict (itemOwnText of the same item), not read again. */
const ownTextOf = (verdict: Verdict, item: WorkItem): string => (verdict instanceof TriageVerdict ? verdict.ownText() : itemOwnText(item));

/**
 * Calls `decide` with each ticket of `wanted` (in reading order) as the second pass over the export
 * reads it; throws when the export no longer has that ticket in that place.
 */
export async function triageAgain(ticketsPath: string, config: CoverageConfig, wanted: readonly { position: number; example: number; id: string }[], decide: (item: WorkItem, example: number) => void): Promise<void> {
  if (wanted.length === 0) return;
  let at = 0;
  let position = -1;
  for await (const record of readTickets(ticketsPath, { helpdesks: config.helpdesks })) {
    const next = wanted[at] as (typeof wanted)[number];
    if (++position !== next.position) continue;
    if ('kind' in record || record.item.id !== next.id) throw new ExportChangedError(`${ticketsPath} changed while inscope learn read it: ticket ${next.id} is no longer where it was; run it again on an export that stays as it is`);
    decide(record.item, next.example);
    if (++at === wanted.length) return;
  }
  const gone = wanted.length - at;
  throw new ExportChangedError(`${ticketsPath} changed while inscope learn read it: ${gone} ticket${gone === 1 ? ' is' : 's are'} gone; run it again on an export that stays as it is`);
}

export async function learnKindModel(options: LearnOptions): Promise<LearnResult> {
  const { config, configHash, folds } = options;
  const skip = productSkipWords(productNames(config));
  // The model columns ask a model even where the config turned the built-in one off: the report
  // shows what a model would change, before anyone switches it on.
  const withModel = { ...config, kinds: { ...config.kinds, learned: true } };
  const cuesOnly = compileRules(config, { configHash, kindModel: null });
  const builtin = compileRules(withModel, { configHash });

  const index = createExampleIndex();
  const { examples } = index;
  const languages: string[] = [];
  const grades: Grade[][] = [];
  // A model is asked only where the cues leave the kind open or read a covered kind; elsewhere all
  // three engines give the same verdict. Of those, a ticket is triaged again with a model only where
  // that model can change its kind (row-odds.ts: most agree with the cues), with a fold's model in a
  // second pass over the export, found by its place in it: holding the texts until the models are
  // trained took more memory than anything else. `open`: the cues' kind if they left it open.
  const asked: { position: number; example: number; id: string; open: KindVerdict | null }[] = [];
  const builtinOdds = createRowOdds(BUILTIN_KIND_MODEL, examples.features);
  const reading = emptyReading();
  const { skipped, problems } = reading;
  const hours = createHourExamples();
  const hourExamples = hours.examples;
  // Hour examples whose kind the cues left open, with the cues' verdict: settled by the new model
  // once it is trained, from the features already in their rows.
  const openKinds = new Map<number, KindVerdict>();
  // Per hour example the hours the rule would quote (NaN: not advisory), for the estimator's check.
  const ruleHours: number[] = [];
  const logged = (record: TicketRecord) => loggedHundredths(record, config.proposals.timeSpentField);

  for await (const { record, item, labelled, covered, verdict, position } of readLabelledTickets(options.ticketsPath, config, cuesOnly, reading, (r) => logged(r) > 0)) {
    const hundredths = logged(record);
    const own = labelled || hundredths > 0 ? ownTextOf(verdict, item) : '';
    const row = labelled
      ? index.addText(item.subject, own, skip, covered)
      : hundredths > 0 ? index.internText(item.subject, own, skip) : undefined;
    if (hundredths > 0 && row !== undefined) {
      if (!verdict.kind.certain) openKinds.set(hourExamples.length, verdict.kind);
      const product = factOf(verdict, 'product');
      hours.add({ product: product?.value ?? '', kind: verdict.kind.kind, row, hundredths }, !labelled, !verdict.kind.certain);
      ruleHours.push(verdict.outcome === 'advisory' && verdict.proposal !== null ? verdict.proposal.hours : NaN);
    }
    if (!labelled) continue;
    const cues = gradeVerdict(verdict, covered);
    // A model settles what the cues leave open and checks a covered kind they are sure of.
    const asks = !verdict.kind.certain || COVERED_KINDS.has(verdict.kind.kind);
    // The built-in model's verdict differs from the cues' only where it can change the kind.
    const open = verdict.kind.certain ? null : verdict.kind;
    const builtinGrade = asks && modelMayChange(open, builtinOdds(row as Int32Array)) ? gradeVerdict(builtin.triage(item), covered) : cues;
    if (asks) asked.push({ position, example: grades.length, id: item.id, open });
    languages.push(factOf(verdict, 'language')?.value ?? 'unknown');
    grades.push([cues, builtinGrade, cues]);
  }
  const count = examples.rows.length;
  const epochs = epochsFor(count);
  const engines: (Engine | undefined)[] = [];
  const again: typeof asked = [];
  for (let fold = 0; fold < folds; fold++) {
    const held = asked.filter(({ example }) => example % folds === fold);
    if (held.length === 0) continue;
    const model = trainIndexed(examples, { trainedOn: `fold ${fold + 1} of ${folds}`, epochs }, (i) => i % folds !== fold);
    const odds = createRowOdds(model, examples.features);
    for (const ticket of held) if (modelMayChange(ticket.open, odds(examples.rows[ticket.example] as Int32Array))) again.push(ticket);
    engines[fold] = compileRules(withModel, { configHash, kindModel: model });
  }
  again.sort((a, b) => a.position - b.position);
  await triageAgain(options.ticketsPath, config, again, (item, i) => {
    (grades[i] as Grade[])[2] = gradeVerdict((engines[i % folds] as Engine).triage(item), examples.covered[i] ?? false);
  });
  const trainedOn = `${count} tickets of ${options.source}, ${options.now().toISOString().slice(0, 10)}`;
  const kindModel = trainIndexed(examples, { trainedOn, epochs });
  // The kind as the engine will read it with the new model (unless the config's kinds.learned is off).
  if (config.kinds?.learned !== false) {
    const odds = createRowOdds(kindModel, examples.features);
    for (const [i, cues] of openKinds) {
      const example = hourExamples[i] as HourExample;
      example.kind = settleKind(cues, { covered: odds(example.row), features: [] }).kind;
    }
  }
  const checked = hourExamples.length === 0
    ? undefined
    : checkHourEstimates({
      placed: placeHourExamples(hourExamples, examples.features, hours.ticketsPerFeature()),
      examples: hourExamples, ruleHours: Float64Array.from(ruleHours), folds, minNeighbours: config.proposals.minSimilarRequests,
    });
  const estimator = checked?.estimator;
  const model = toModelFile(kindModel, estimator);
  const kept = estimator?.groups.reduce((sum, g) => sum + g.ends.length, 0) ?? 0;

  const total = columns();
  const byLanguage: Record<string, [Tally, Tally, Tally]> = {};
  grades.forEach((g, i) => {
    const language = (byLanguage[languages[i] as string] ??= columns());
    g.forEach((grade, c) => {
      (total[c] as Tally)[grade]++;
      (language[c] as Tally)[grade]++;
    });
  });
  const hourReport = { logged: hourExamples.length, kept, groups: estimator?.groups.length ?? 0 };
  return { model, examples: count, skipped, problems, folds, total, byLanguage, hours: checked === undefined ? hourReport : { ...hourReport, check: checked.check } };
}
