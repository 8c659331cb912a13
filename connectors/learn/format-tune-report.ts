// `inscope tune`'s report: how the config as it is agrees with people, the cue words and rules that
// disagree with them most, and the cue changes suggested, each with the counts it rests on.
import { formatSkipped } from './format-learn-report.js';
import type { Tally } from './grade-verdict.js';
import type { CueChange, TuneResult } from './tune-kinds.js';

/** Rows shown per table: the worst offenders, not the whole cue list. */
export const ROWS_SHOWN = 10;

const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);
const ids = (examples: readonly string[]): string => (examples.length === 0 ? '' : `  e.g. ${examples.join(', ')}`);

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

function changeLine(c: CueChange): string {
  const head = `  ${c.change.padEnd(7)}${c.kind.padEnd(20)}${JSON.stringify(c.cue).padEnd(24)}`;
  const effect = c.effect === undefined ? '' : `; right ${signed(c.effect.right)}, wrong ${signed(c.effect.wrong)}`;
  if (c.change === 'remove') return `${head}spoke against people on ${c.agreeing} of its ${c.tickets} tickets (${pct(c.agreeing, c.tickets)})${effect}${ids(c.examples)}`;
  const side = (c.z ?? 0) > 0 ? 'Call' : 'not Call';
  return `${head}in ${c.tickets} tickets, ${c.agreeing} of them ${side} (z ${(c.z ?? 0).toFixed(1)}), ${c.notRightNow ?? 0} of those not right now${effect}${ids(c.examples)}`;
}

const grades = (t: Tally, n: number): string => `right ${pct(t.right, n)}, wrong ${pct(t.wrong, n)}, review ${pct(t.review, n)}, incomplete ${pct(t.incomplete, n)}`;

export function formatTuneReport(result: TuneResult, minTickets: number): string {
  const n = result.examples;
  const cues = result.cues.slice(0, ROWS_SHOWN);
  const rules = result.rules.slice(0, ROWS_SHOWN);
  const cueWidth = Math.max(28, ...cues.map((r) => JSON.stringify(r.cue).length + 2));
  const ruleWidth = Math.max(28, ...rules.map((r) => r.rule.length + 2));
  const tickets = `${minTickets} ticket${minTickets === 1 ? '' : 's'}`;
  const lines = [
    `Tuned on ${n} tickets with a category and an active contract. As configured: ${grades(result.grades, n)}.`,
    formatSkipped(result.skipped),
    '',
    'Cue words that disagree with people most (fired: tickets whose verdict named the cue; against: of those, people set the other category):',
    ...(cues.length === 0
      ? ['  none: every cue that fired pointed the way people categorised']
      : [
        `  ${'kind'.padEnd(20)}${'cue'.padEnd(cueWidth)}${'fired'.padStart(6)}${'against'.padStart(9)}${'share'.padStart(9)}`,
        ...cues.map((r) => `  ${r.kind.padEnd(20)}${JSON.stringify(r.cue).padEnd(cueWidth)}${String(r.fired).padStart(6)}${String(r.against).padStart(9)}${pct(r.against, r.fired).padStart(9)}${ids(r.examples)}`),
      ]),
    ...(result.cues.length > ROWS_SHOWN ? [`  … and ${result.cues.length - ROWS_SHOWN} more`] : []),
    '',
    'Rules that disagree with people most (decided: tickets the rule decided as Call or advisory; against: of those, people set the other category):',
    ...(rules.length === 0
      ? ['  none: every rule decided the way people categorised']
      : [
        `  ${'rule'.padEnd(ruleWidth)}${'decided'.padStart(8)}${'against'.padStart(9)}${'share'.padStart(9)}`,
        ...rules.map((r) => `  ${r.rule.padEnd(ruleWidth)}${String(r.decided).padStart(8)}${String(r.against).padStart(9)}${pct(r.against, r.decided).padStart(9)}${ids(r.examples)}`),
      ]),
    ...(result.rules.length > ROWS_SHOWN ? [`  … and ${result.rules.length - ROWS_SHOWN} more`] : []),
    '',
    `Suggested cue changes (each resting on at least ${tickets}; tried in this order on the history, each with those above it, and kept when it turns more verdicts right than it spoils and none wrong; nothing is applied):`,
    ...(result.changes.length === 0
      ? [`  none: no cue word of at least ${tickets} would, by being removed or added, agree with people more often without a wrong verdict`]
      : [
        ...result.changes.map(changeLine),
        '',
        `With all of them, on these tickets:  ${grades(result.after, n)}.`,
        `${result.folds}-fold cross-validated:            ${grades(result.crossValidated, n)}.`,
        '(The first line judges the changes on the tickets that chose them. In the second, each fold is judged by the changes the',
        'other folds chose, as inscope learn judges its model: what to expect on tickets to come. Take them when it is better than as configured.)',
      ]),
  ];
  return `${lines.join('\n')}\n`;
}
