// Quoted versus actual as a terminal table, as JSON figures and as an HTML section for the budget
// page: three tables (organization, request kind, month) with their counts, so that a ratio is
// never read without how many proposals it stands on.
import { formatHours } from '../proposals/format-money.js';
import { escapeHtml } from '../http/escape-html.js';
import type { ActualsGroup, ActualsReport } from './build-actuals-report.js';

const hoursText = (hundredths: number) => `${formatHours(hundredths / 100, 'en')} h`;
/** Seconds to hundredths of an hour, half up: 2 h 15 min → 225. */
const secondsToHundredths = (seconds: number) => Math.round(seconds / 36);
const ratioText = (ratio: number | null) => (ratio === null ? '-' : ratio.toFixed(2));

const HEADERS = ['accepted', 'measured', 'over quote', 'quoted', 'actual', 'actual/quoted'] as const;

function figures(g: ActualsGroup): string[] {
  return [String(g.accepted), String(g.measured), String(g.over), hoursText(g.quoted), hoursText(secondsToHundredths(g.loggedSeconds)), ratioText(g.ratio)];
}

const DIMENSIONS = [
  ['organization', 'byOrganization'],
  ['request kind', 'byKind'],
  ['month accepted', 'byMonth'],
] as const;

export function actualsTitle(report: ActualsReport): string {
  const span = report.from === report.to ? report.from : `${report.from} to ${report.to}`;
  return `Quoted versus actual, ${span}`;
}

const EXPLANATION = 'accepted proposals, in the month they were accepted; actual = time logged on the ticket; '
  + 'measured = with logged time, the only ones in the sums and the ratio';

export function actualsToTable(report: ActualsReport): string {
  const title = `${actualsTitle(report)} (${EXPLANATION})`;
  if (report.total.accepted === 0) return `${title}: no accepted proposals\n`;
  const blocks = DIMENSIONS.map(([name, key]) => {
    const table = [[name, ...HEADERS], ...report[key].map((g) => [g.label, ...figures(g)]), ['total', ...figures(report.total)]];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    return table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
  });
  return `${title}\n${blocks.join('\n\n')}\n`;
}

/** The figures for tools: hours as decimals beside the integers they come from. */
export function actualsToJson(report: ActualsReport): unknown {
  const plain = (g: ActualsGroup) => ({
    key: g.key, label: g.label, accepted: g.accepted, measured: g.measured, over: g.over,
    quotedHours: g.quoted / 100, actualHours: secondsToHundredths(g.loggedSeconds) / 100, loggedSeconds: g.loggedSeconds, ratio: g.ratio,
  });
  return {
    from: report.from, to: report.to, total: plain(report.total),
    byOrganization: report.byOrganization.map(plain), byKind: report.byKind.map(plain), byMonth: report.byMonth.map(plain),
  };
}

function htmlTable(caption: string, dimension: string, groups: readonly ActualsGroup[], total: ActualsGroup): string {
  const row = (g: ActualsGroup, cls = '') => `<tr${cls}><th scope="row">${escapeHtml(g.label)}</th>${figures(g).map((f) => `<td>${escapeHtml(f)}</td>`).join('')}</tr>`;
  return `<table class="actuals"><caption>${escapeHtml(caption)}</caption>`
    + `<thead><tr><th scope="col">${escapeHtml(dimension)}</th>${HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${groups.map((g) => row(g)).join('')}</tbody>`
    + `<tfoot>${row(total, ' class="total"')}</tfoot></table>`;
}

/** The section the budget page ends with; its own heading, so a screen reader can jump to it. */
export function actualsToHtml(report: ActualsReport): string {
  const title = actualsTitle(report);
  const body = report.total.accepted === 0
    ? '<p>No accepted proposals in these months.</p>'
    : DIMENSIONS.map(([name, key]) => htmlTable(`${title}, per ${name}`, name, report[key], report.total)).join('\n');
  return `<section class="actuals" aria-labelledby="actuals-title"><h2 id="actuals-title">${escapeHtml(title)}</h2>`
    + `<p class="note">${escapeHtml(EXPLANATION)}. A ratio above 1.00 means more time was spent than quoted.</p>\n${body}</section>`;
}
