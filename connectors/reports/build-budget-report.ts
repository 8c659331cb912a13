// The monthly statement: one row per contract-holding organization with what was proposed, what is
// committed and pending against its cap, and what remains. Pure and integer like the ledger
// (compute-budget.ts): money in minor units, hours in hundredths; renderers format at the end.
import type { ContractDefinition } from '../../rules/rules-config.js';
import { toMinorUnits } from '../proposals/minor-units.js';
import { asShadowEntry } from '../proposals/as-shadow-entry.js';
import type { ProposalRecord } from '../store/proposal-store.js';

export interface BudgetReportRow {
  readonly month: string;
  readonly contractId: string;
  readonly organizationIds: readonly string[];
  /** The organization's name as it appears on its proposals, else the contract's name. */
  readonly name: string;
  readonly currency: string;
  readonly sent: number;
  readonly accepted: number;
  readonly declined: number;
  /** Hours × 100. */
  readonly hours: { readonly committed: number; readonly pending: number };
  /** Minor units, before VAT (the budget counts work, not tax). */
  readonly amount: { readonly committed: number; readonly pending: number };
  /** The contract's monthly cap: hundredths of an hour and minor units; absent when uncapped. */
  readonly cap: { readonly hours?: number; readonly amount?: number };
  /** What `remaining` is measured in: the amount when the cap has one, like the ledger. */
  readonly unit: 'amount' | 'hours';
  /** Cap minus committed and pending, in `unit`; negative when over; null without a cap. */
  readonly remaining: number | null;
  /** Committed + pending in percent of the tighter cap, one decimal; null without a cap. */
  readonly usedPercent: number | null;
  /** Proposals shadow mode made, counted in `accepted` and `committed` as if they had been accepted. */
  readonly shadow: number;
  /** False when the contract was not active on any day of the month: no cap, nothing remaining. */
  readonly active: boolean;
}

export interface BuildBudgetReportInput {
  readonly contracts: readonly ContractDefinition[];
  readonly defaultCurrency: string;
  /** The proposals whose budget month is `month` (any status). */
  readonly proposals: readonly ProposalRecord[];
  readonly month: string;
  /** Only the rows for this organization id (or contract id). */
  readonly organization?: string;
  /** Shadow mode: the drafts it made (their PDF written) count as committed. */
  readonly shadow?: boolean;
}

/** Whether the contract is active on some day of the month (YYYY-MM); ISO dates compare as text. */
function activeIn(contract: ContractDefinition, month: string): boolean {
  return contract.validFrom <= `${month}-31` && (contract.validUntil === undefined || contract.validUntil >= `${month}-01`);
}

export function buildBudgetReport(input: BuildBudgetReportInput): BudgetReportRow[] {
  const rows: BudgetReportRow[] = [];
  for (const contract of input.contracts) {
    const all = input.proposals.filter((p) => p.contractId === contract.id && p.budgetMonth === input.month);
    const own = input.shadow ? all.map(asShadowEntry).filter((p) => p !== null) : all;
    const shadow = input.shadow ? all.filter((p) => p.status === 'draft' && p.pdfPath !== null).length : 0;
    const active = activeIn(contract, input.month);
    // An expired (or not yet started) contract has no budget this month: listed only for its proposals.
    if ((!contract.monthlyBudget || !active) && own.length === 0) continue;
    const organizationIds = [...new Set([...(contract.match.organizationIds ?? []), ...own.flatMap((p) => (p.organizationId ? [p.organizationId] : []))])];
    if (input.organization !== undefined && input.organization !== contract.id && !organizationIds.includes(input.organization)) continue;
    const currency = contract.currency ?? input.defaultCurrency;
    const sum = (status: string, key: 'hundredthHours' | 'subtotal') => own.filter((p) => p.status === status).reduce((t, p) => t + p[key], 0);
    // A revision keeps its number: a proposal sent twice (v1, then v2) was one proposal sent.
    const sent = new Set(own.filter((p) => p.sentAt !== null).map((p) => p.number)).size;
    const hours = { committed: sum('accepted', 'hundredthHours'), pending: sum('sent', 'hundredthHours') };
    const amount = { committed: sum('accepted', 'subtotal'), pending: sum('sent', 'subtotal') };
    const budget = active ? contract.monthlyBudget : undefined;
    const cap = {
      ...(budget?.hours !== undefined && { hours: Math.round(budget.hours * 100) }),
      ...(budget?.amount !== undefined && { amount: toMinorUnits(budget.amount, currency, 'monthly budget') }),
    };
    const unit = cap.amount !== undefined ? 'amount' : 'hours';
    const capInUnit = unit === 'amount' ? cap.amount : cap.hours;
    const usedInUnit = unit === 'amount' ? amount.committed + amount.pending : hours.committed + hours.pending;
    const percents = [
      cap.hours ? ((hours.committed + hours.pending) / cap.hours) * 100 : null,
      cap.amount ? ((amount.committed + amount.pending) / cap.amount) * 100 : null,
    ].filter((x): x is number => x !== null);
    rows.push({
      month: input.month,
      contractId: contract.id,
      organizationIds,
      // Shadow proposals made before they were addressed to the organization carry the ticket's id.
      name: own.map((p) => p.document.organization.name).find((n, i) => n && n !== own[i]!.document.ticket.id) ?? contract.name,
      currency,
      sent,
      accepted: own.filter((p) => p.status === 'accepted').length,
      declined: own.filter((p) => p.status === 'declined').length,
      hours,
      amount,
      cap,
      unit,
      remaining: capInUnit === undefined ? null : capInUnit - usedInUnit,
      usedPercent: percents.length === 0 ? null : Math.round(Math.max(...percents) * 10) / 10,
      shadow,
      active,
    });
  }
  return rows;
}
