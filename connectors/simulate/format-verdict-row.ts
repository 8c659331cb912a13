// One ticket's verdict as simulate prints it: a JSON object, a CSV line, or a table line.
import { sendsProposal, type Locale, type Verdict, type WorkItem } from '../../rules/index.js';
import { agreesWith, type Observed } from './simulation-summary.js';

export interface VerdictRow {
  ticket: string;
  source: string;
  outcome: Verdict['outcome'];
  category: Verdict['category'];
  status: Verdict['status'];
  missing: string[];
  rule: string | null;
  reasons: string[];
  estimateHours: number | null;
  amount: number | null;
  currency: string | null;
  contract: string | null;
  organization: string | null;
  observed?: Observed;
  agrees?: boolean;
}

export function toVerdictRow(item: WorkItem, verdict: Verdict, source: string, locale: Locale, observed?: Observed): VerdictRow {
  const sent = sendsProposal(verdict) ? verdict.proposal : null;
  const row: VerdictRow = {
    ticket: item.id,
    source,
    outcome: verdict.outcome,
    category: verdict.category,
    status: verdict.status,
    missing: verdict.missing.map((m) => m.id),
    rule: verdict.rule,
    reasons: verdict.reasons.map((r) => r[locale]),
    // Only a proposal that is sent has hours and an amount; proposal: none leaves them empty.
    estimateHours: sent?.hours ?? null,
    amount: sent?.amount ?? null,
    currency: sent?.currency ?? null,
    contract: verdict.contract?.id ?? null,
    organization: item.organizationName ?? item.organizationId ?? null,
  };
  const agrees = agreesWith(observed, verdict);
  if (observed && agrees !== undefined) {
    row.observed = observed;
    row.agrees = agrees;
  }
  return row;
}

export const CSV_COLUMNS = ['ticket', 'source', 'outcome', 'category', 'status', 'rule', 'missing', 'estimateHours', 'amount', 'currency', 'contract', 'organization', 'agrees', 'reasons'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvLine(row: VerdictRow): string {
  return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
}

export const TABLE_HEADER = `${'ticket'.padEnd(10)} ${'outcome'.padEnd(10)} ${'category/status'.padEnd(17)} ${'rule'.padEnd(28)} detail`;

export function toTableLine(row: VerdictRow): string {
  const detail =
    row.outcome === 'incomplete'
      ? `missing: ${row.missing.join(', ')}`
      : row.amount !== null
        ? `${row.estimateHours} h = ${row.amount.toFixed(2)} ${row.currency}`
        : (row.reasons[0] ?? '');
  const flag = row.agrees === false ? '  ≠ people set ' + [row.observed?.category, row.observed?.status].filter(Boolean).join('/') : '';
  return `${row.ticket.padEnd(10)} ${row.outcome.padEnd(10)} ${`${row.category}/${row.status}`.padEnd(17)} ${(row.rule ?? '-').padEnd(28)} ${detail}${flag}`;
}
