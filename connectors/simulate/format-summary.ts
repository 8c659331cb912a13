// Renders a SimulationSummary as the plain-text report simulate ends with.
import { DISAGREEMENTS_KEPT, type OrganizationMonth, type SimulationSummary } from './simulation-summary.js';

const OUTCOMES = ['incomplete', 'covered', 'advisory', 'review'] as const;

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)} %`;
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

function budgetUse(row: OrganizationMonth): string {
  if (row.budgetHours !== undefined) return `${row.hours} / ${row.budgetHours} h (${pct(row.hours, row.budgetHours)})${row.hours > row.budgetHours ? '  OVER BUDGET' : ''}`;
  if (row.budgetAmount !== undefined)
    return `${money(row.amount, row.currency)} / ${money(row.budgetAmount, row.currency)} (${pct(row.amount, row.budgetAmount)})${row.amount > row.budgetAmount ? '  OVER BUDGET' : ''}`;
  return 'no monthly budget';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => '  ' + r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd());
}

export function formatSummary(summary: SimulationSummary, elapsedMs?: number): string {
  const lines: string[] = [];
  const rate = elapsedMs && elapsedMs > 0 ? `, ${Math.round((summary.total / elapsedMs) * 1000).toLocaleString('en')} tickets/s` : '';
  lines.push(`Triaged ${summary.total} tickets${summary.skipped ? `, skipped ${summary.skipped} records` : ''}${rate}`);
  lines.push('', 'Outcomes');
  lines.push(...table(OUTCOMES.map((o) => [o, String(summary.byOutcome[o]), pct(summary.byOutcome[o], summary.total)])));
  if (summary.advisoryWithoutProposal > 0) {
    lines.push(`  of the advisory, ${summary.advisoryWithoutProposal} without a proposal (rules with proposal: none): no hours or amounts below`);
  }

  lines.push('', 'Deciding rules');
  const rules = [...summary.byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(...table(rules.map(([rule, n]) => [rule, String(n)])));

  if (summary.byOrganization.size > 0) {
    lines.push('', 'Advisory proposals per organization and month (against the monthly budget)');
    const orgs = [...summary.byOrganization.values()].sort((a, b) => a.organization.localeCompare(b.organization) || a.month.localeCompare(b.month));
    lines.push(
      ...table([
        ['organization', 'month', 'contract', 'proposals', 'hours', 'amount', 'budget'],
        ...orgs.map((r) => [r.organization, r.month, r.contractId ?? '(none)', String(r.proposals), String(r.hours), money(r.amount, r.currency), budgetUse(r)]),
      ]),
    );
  }

  if (summary.compared > 0) {
    lines.push('', `Agreement with the category and status people set: ${summary.agreed} of ${summary.compared} (${pct(summary.agreed, summary.compared)})`);
    for (const d of summary.disagreements) {
      const seen = [d.observed.category, d.observed.status].filter(Boolean).join('/');
      lines.push(`  ticket ${d.ticket} (${d.source}): people set ${seen}, rules say ${d.predicted.category}/${d.predicted.status}`);
    }
    const shown = Math.min(summary.disagreed, DISAGREEMENTS_KEPT);
    if (summary.disagreed > shown) lines.push(`  … and ${summary.disagreed - shown} more (see --format json)`);
  }

  if (summary.problems.length > 0) {
    lines.push('', `Skipped records (${summary.skipped})`);
    lines.push(...summary.problems.slice(0, 20).map((p) => `  ${p}`));
    if (summary.problems.length > 20) lines.push(`  … and ${summary.problems.length - 20} more`);
  }
  return lines.join('\n') + '\n';
}
