// The monthly statement as a terminal table, as CSV (RFC 4180, figures as plain decimals for a
// spreadsheet) and as an HTML page with one server-drawn SVG bar per organization. The page works
// under the service's CSP (security-headers.ts): inline <style> only, no scripts, no remote assets.
import { formatHours, formatMoney, formatPercent } from '../proposals/format-money.js';
import { toDecimalString } from '../proposals/minor-units.js';
import type { BudgetReportRow } from './build-budget-report.js';
import { escapeHtml } from '../http/escape-html.js';
import type { ActualsReport } from './build-actuals-report.js';
import { actualsToHtml } from './render-actuals-report.js';

const money = (minor: number, row: BudgetReportRow) => formatMoney(minor, row.currency, 'en');
const hoursText = (hundredths: number) => `${formatHours(hundredths / 100, 'en')} h`;

function capText(row: BudgetReportRow): string {
  if (!row.active) return 'not active';
  const parts = [
    ...(row.cap.hours !== undefined ? [hoursText(row.cap.hours)] : []),
    ...(row.cap.amount !== undefined ? [money(row.cap.amount, row)] : []),
  ];
  return parts.length === 0 ? '-' : parts.join(' / ');
}

function remainingText(row: BudgetReportRow): string {
  if (row.remaining === null) return '-';
  return row.unit === 'amount' ? money(row.remaining, row) : hoursText(row.remaining);
}

const HEADERS = ['organization', 'contract', 'sent', 'accepted', 'declined', 'hours committed', 'hours pending', 'committed', 'pending', 'cap', 'remaining', 'used'];

function cells(row: BudgetReportRow): string[] {
  return [
    row.name, row.contractId, String(row.sent), String(row.accepted), String(row.declined),
    hoursText(row.hours.committed), hoursText(row.hours.pending),
    money(row.amount.committed, row), money(row.amount.pending, row),
    capText(row), remainingText(row), row.usedPercent === null ? '-' : formatPercent(row.usedPercent, 'en'),
  ];
}

export interface RenderOptions {
  /** Shadow mode: the proposals it made are counted as committed, and the statement says so. */
  readonly shadow?: boolean;
  /** Quoted versus actual, shown after the statement (HTML). */
  readonly actuals?: ActualsReport;
}

const SHADOW_NOTE = 'shadow mode: the proposals shadow mode made count as committed (accepted), as the month would have been; nothing was sent';

/** Labelled as shadow only where shadow proposals were counted: otherwise the figures are the same. */
const isShadow = (rows: readonly BudgetReportRow[], options: RenderOptions) => options.shadow === true && rows.some((r) => r.shadow > 0);

export function toTable(rows: readonly BudgetReportRow[], month: string, options: RenderOptions = {}): string {
  const shadow = isShadow(rows, options);
  const title = `Budget ${month}${shadow ? ` (${SHADOW_NOTE})` : ''}`;
  if (rows.length === 0) return `${title}: no organizations with a budget or proposals\n`;
  const headers = shadow ? [...HEADERS, 'shadow'] : HEADERS;
  const table = [headers, ...rows.map((r) => (shadow ? [...cells(r), String(r.shadow)] : cells(r)))];
  const widths = headers.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return `${title}\n${table.map(line).join('\n')}\n`;
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function toCsv(rows: readonly BudgetReportRow[]): string {
  const header = ['month', 'organization', 'organization_ids', 'contract', 'currency', 'sent', 'accepted', 'declined', 'hours_committed', 'hours_pending', 'amount_committed', 'amount_pending', 'cap_hours', 'cap_amount', 'remaining', 'remaining_unit', 'used_percent', 'shadow_counted'];
  const dec = (minor: number, row: BudgetReportRow) => toDecimalString(minor, row.currency);
  const body = rows.map((r) => [
    r.month, r.name, r.organizationIds.join(' '), r.contractId, r.currency, String(r.sent), String(r.accepted), String(r.declined),
    (r.hours.committed / 100).toFixed(2), (r.hours.pending / 100).toFixed(2), dec(r.amount.committed, r), dec(r.amount.pending, r),
    r.cap.hours === undefined ? '' : (r.cap.hours / 100).toFixed(2), r.cap.amount === undefined ? '' : dec(r.cap.amount, r),
    r.remaining === null ? '' : r.unit === 'amount' ? dec(r.remaining, r) : (r.remaining / 100).toFixed(2),
    r.remaining === null ? '' : r.unit, r.usedPercent === null ? '' : String(r.usedPercent), String(r.shadow),
  ]);
  return [header, ...body].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}


export const CHART_WIDTH = 480;

/** Bar lengths in px for committed, pending and the cap line, on a scale that fits the largest. */
export function barGeometry(row: BudgetReportRow): { committed: number; pending: number; cap: number | null } {
  const inUnit = row.unit === 'amount' ? row.amount : row.hours;
  const cap = row.unit === 'amount' ? row.cap.amount : row.cap.hours;
  const scale = Math.max(inUnit.committed + inUnit.pending, cap ?? 0, 1);
  const px = (n: number) => Math.round((n / scale) * CHART_WIDTH * 10) / 10;
  return { committed: px(inUnit.committed), pending: px(inUnit.pending), cap: cap === undefined ? null : px(cap) };
}

function chart(row: BudgetReportRow): string {
  const g = barGeometry(row);
  const label = `${row.name}: committed ${row.unit === 'amount' ? money(row.amount.committed, row) : hoursText(row.hours.committed)}, pending ${row.unit === 'amount' ? money(row.amount.pending, row) : hoursText(row.hours.pending)}, cap ${capText(row)}`;
  const capLine = g.cap === null ? '' : `<line class="cap" x1="${g.cap}" x2="${g.cap}" y1="0" y2="36"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH + 2}" height="36" viewBox="-1 0 ${CHART_WIDTH + 2} 36" role="img" aria-label="${escapeHtml(label)}">`
    + `<title>${escapeHtml(label)}</title>`
    + `<rect class="track" x="0" y="8" width="${CHART_WIDTH}" height="20"/>`
    + `<rect class="committed" x="0" y="8" width="${g.committed}" height="20"/>`
    + `<rect class="pending" x="${g.committed}" y="8" width="${g.pending}" height="20"/>`
    + capLine
    + '</svg>';
}

function section(row: BudgetReportRow): string {
  const [, , ...figures] = cells(row);
  const heads = HEADERS.slice(2);
  return `<section><h2>${escapeHtml(row.name)} <small>${escapeHtml(row.contractId)}${row.organizationIds.length ? ` · org ${escapeHtml(row.organizationIds.join(', '))}` : ''}</small></h2>${chart(row)}`
    + `<table><tr>${heads.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr><tr>${figures.map((f) => `<td>${escapeHtml(f)}</td>`).join('')}</tr></table></section>`;
}

/** A legend key drawn like the bars it names: an SVG fill prints and survives forced colours, a CSS background may not. */
function swatch(kind: 'committed' | 'pending' | 'cap'): string {
  const shape = kind === 'cap' ? '<line class="cap" x1="6" x2="6" y1="0" y2="12"/>' : `<rect class="${kind}" x="0" y="0" width="12" height="12"/>`;
  return `<svg class="swatch" xmlns="http://www.w3.org/2000/svg" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">${shape}</svg>`;
}

export function toHtml(rows: readonly BudgetReportRow[], month: string, options: RenderOptions = {}): string {
  const shadow = isShadow(rows, options);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Budget ${escapeHtml(month)}</title><style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h2{font-size:1.05rem;margin:1.5rem 0 .3rem}small{color:#666;font-weight:normal}
table{border-collapse:collapse;margin-top:.3rem}th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:right}th{font-weight:600;color:#555}
.track{fill:#eee}.committed{fill:#2b6cb0}.pending{fill:#90cdf4}.cap{stroke:#c53030;stroke-width:2}.legend span{margin-right:1rem}
.legend .swatch{margin-right:.3rem;vertical-align:middle}.shadow{padding:.6rem;border:2px dashed #b45309;background:#fff7ed;color:#7c2d12}
caption{text-align:left;font-weight:600;padding:.8rem 0 .2rem}th[scope=row]{text-align:left;font-weight:normal;color:#222}.total th,.total td{font-weight:600}.note{color:#555}
</style></head><body><h1>Budget ${escapeHtml(month)}${shadow ? ' <small>(shadow mode)</small>' : ''}</h1>
${shadow ? `<p class="shadow" data-testid="shadow">${escapeHtml(SHADOW_NOTE)}.</p>\n` : ''}<p class="legend"><span>${swatch('committed')}committed (accepted${shadow ? ', or made in shadow mode' : ''})</span><span>${swatch('pending')}pending (sent)</span><span>${swatch('cap')}cap</span></p>
${rows.length === 0 ? '<p>No organizations with a budget or proposals this month.</p>' : rows.map(section).join('\n')}
${options.actuals ? `${actualsToHtml(options.actuals)}\n` : ''}</body></html>
`;
}
