// Reads one month's proposals from the store and builds the statement: shared by
// `inscope budget report` and `GET /reports/budget`.
import type { RulesConfig } from '../../rules/rules-config.js';
import type { ProposalStore } from '../store/proposal-store.js';
import { buildBudgetReport, type BudgetReportRow } from './build-budget-report.js';

// The budget month is stored per proposal in its contract's time zone, so one filter serves all.
const MAX_PROPOSALS = 100_000;

export async function loadBudgetReport(
  store: Pick<ProposalStore, 'listProposals'>,
  config: Pick<RulesConfig, 'contracts' | 'defaults'>,
  month: string,
  organization?: string,
  options: { readonly shadow?: boolean } = {},
): Promise<BudgetReportRow[]> {
  const proposals = await store.listProposals({ budgetMonth: month, limit: MAX_PROPOSALS });
  return buildBudgetReport({
    contracts: config.contracts, defaultCurrency: config.defaults.currency, proposals, month,
    ...(organization !== undefined && { organization }), ...(options.shadow && { shadow: true }),
  });
}
