// `inscope learn`'s report: what was learned from, what was skipped and why, and the k-fold
// cross-validated agreement with people's category for the three ways of deciding, side by side.
import { COLUMNS, type Columns, type LearnResult, type Skipped } from './learn-kind-model.js';
import type { Tally } from './grade-verdict.js';
import type { EstimateErrors, HourCheck } from './check-hour-estimates.js';

const GRADES = ['right', 'wrong', 'review', 'incomplete'] as const;
const CELL = 9;

const count = (t: Tally): number => t.right + t.wrong + t.review + t.incomplete;
const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

function row(name: string, cols: Columns): string {
  const n = count(cols[0]);
  return `  ${name.padEnd(14)}${String(n).padStart(6)}  ${cols.map((t) => GRADES.map((g) => pct(t[g], n).padStart(CELL)).join('')).join('  │')}`;
}

function hoursLine(hours: LearnResult['hours']): string {
  if (hours.logged === 0) {
    return 'No logged time in the history (proposals.timeSpentField, or Jira\'s time tracking): no hour estimator; proposals keep the rules\' estimateHours.';
  }
  const line = `Hour estimator: ${hours.logged} tickets with logged time, ${hours.kept} kept in ${hours.groups} group${hours.groups === 1 ? '' : 's'} of product and kind`
    + `${hours.kept < hours.logged ? ` (${hours.logged - hours.kept} share no recurring word with another ticket)` : ''}.`;
  return hours.check === undefined ? line : `${line}\n${checkLines(hours.check).join('\n')}`;
}

const hoursOf = (h: number): string => `${Math.round(h * 100) / 100} h`;

function checkLines(check: HourCheck): string[] {
  if (check.compared === 0) return ['No ticket with logged time was an advisory request: nothing to compare the estimates with.'];
  const total = (t: number): string => `${t >= 0 ? '+' : '−'}${Math.abs(100 * t).toFixed(1)} %`;
  const row = (name: string, e: EstimateErrors) => `  ${name.padEnd(24)}${hoursOf(e.medianError).padStart(13)}${`${(100 * e.within25).toFixed(1)} %`.padStart(15)}${total(e.total).padStart(19)}`;
  const kinds = check.corrections.filter((c) => c.product === '');
  return [
    `Hour estimates, ${check.compared} advisory requests with logged time, each estimated from the other folds' requests`
      + ` (${check.learnedFor} had enough similar ones; the rest keep the rule's estimate):`,
    `  ${''.padEnd(24)}${'median error'.padStart(13)}${'within ±25 %'.padStart(15)}${'total vs logged'.padStart(19)}`,
    row("rule's estimateHours", check.rule),
    row('learned', check.learned),
    row('learned, recalibrated', check.recalibrated),
    ...(kinds.length === 0
      ? ['No recalibration: no kind had requests with enough similar ones to compare.']
      : ['Recalibration, logged against estimated hours per kind, then per product where it differs (shrunk towards 1 where few requests back it):',
        ...kinds.map((k) => {
          const products = check.corrections.filter((c) => c.product !== '' && c.kind === k.kind);
          return `  ${k.kind.padEnd(22)}×${k.factor.toFixed(2)} (${k.requests} requests)${products.length === 0 ? '' : `; ${products.map((c) => `${c.product} ×${c.factor.toFixed(2)} (${c.requests})`).join(', ')}`}`;
        })]),
  ];
}
/** "Skipped: N without a category, N whose contract is not active (…), N unreadable." */
export function formatSkipped(skipped: Skipped): string {
  const notActive = Object.entries(skipped.notActive).sort((a, b) => b[1] - a[1]);
  const notActiveCount = notActive.reduce((sum, [, n]) => sum + n, 0);
  return `Skipped: ${skipped.withoutCategory} without a category, ${notActiveCount} whose contract is not active`
    + `${notActive.length > 0 ? ` (${notActive.map(([state, n]) => `${state} ${n}`).join(', ')})` : ''}, ${skipped.unreadable} unreadable.`;
}

export function formatLearnReport(result: LearnResult, modelFile: string): string {
  const lines = [
    `Learned from ${result.examples} tickets with a category and an active contract.`,
    formatSkipped(result.skipped),
    '',
    `${result.folds}-fold cross-validation: each ticket triaged with a model trained on the other folds, compared with people's category`,
    '(Call = covered, any other = not; review and incomplete are neither right nor wrong).',
    `  ${''.padEnd(14)}${''.padStart(6)}  ${COLUMNS.map((c) => c.padEnd(CELL * GRADES.length)).join('   ')}`.trimEnd(),
    `  ${''.padEnd(14)}${'tickets'.padStart(6)}  ${COLUMNS.map(() => GRADES.map((g) => (g === 'incomplete' ? 'incompl.' : g).padStart(CELL)).join('')).join('  │')}`,
    row('all', result.total),
    ...Object.entries(result.byLanguage).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([language, cols]) => row(`language ${language}`, cols)),
    '',
    `Wrote ${modelFile}: ${Object.keys(result.model.weights).length} features, trained on ${result.model.trainedOn}.`,
    hoursLine(result.hours),
  ];
  return `${lines.join('\n')}\n`;
}
