// Accumulates simulate's per-ticket verdicts into the counts an admin tunes rules with: outcomes,
// deciding rules, advisory hours and amounts per organization and month against the contract's
// monthly budget, and agreement with the category and status people actually set.
import { isAdvisoryWithoutProposal, sendsProposal, type ContractDefinition, type Outcome, type Verdict, type WorkItem } from '../../rules/index.js';

export interface Observed {
  readonly category?: string;
  readonly status?: string;
}

export interface OrganizationMonth {
  readonly organization: string;
  readonly month: string;
  readonly contractId: string | null;
  proposals: number;
  hours: number;
  amount: number;
  currency: string;
  readonly budgetHours: number | undefined;
  readonly budgetAmount: number | undefined;
}

export interface Disagreement {
  readonly ticket: string;
  readonly source: string;
  readonly observed: Observed;
  readonly predicted: { readonly category: string; readonly status: string };
}

export interface SimulationSummary {
  total: number;
  skipped: number;
  readonly problems: string[];
  readonly byOutcome: Record<Outcome, number>;
  readonly byRule: Map<string, number>;
  readonly byOrganization: Map<string, OrganizationMonth>;
  /** Advisory verdicts of a rule with proposal: none: converted, with no proposal to count against a budget. */
  advisoryWithoutProposal: number;
  compared: number;
  agreed: number;
  /** How many verdicts disagreed with what people set; `disagreements` keeps the first few of them. */
  disagreed: number;
  /** The first DISAGREEMENTS_KEPT disagreements: the report shows them, the rows (`--format json`) have all. */
  readonly disagreements: Disagreement[];
}

/** A long export may disagree on tens of thousands of tickets: the summary keeps the ones it shows. */
export const DISAGREEMENTS_KEPT = 20;

const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM` of an instant in a time zone; the budget month is the contract's local month. */
export function localMonth(isoInstant: string, timeZone: string): string {
  let format = monthFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormatters.set(timeZone, format);
  }
  const ms = Date.parse(isoInstant);
  return Number.isNaN(ms) ? 'unknown' : format.format(ms).slice(0, 7);
}

export function createSimulationSummary(): SimulationSummary {
  return {
    total: 0,
    skipped: 0,
    problems: [],
    byOutcome: { incomplete: 0, covered: 0, advisory: 0, review: 0 },
    byRule: new Map(),
    byOrganization: new Map(),
    advisoryWithoutProposal: 0,
    compared: 0,
    agreed: 0,
    disagreed: 0,
    disagreements: [],
  };
}

/** Whether what people set agrees with the verdict; undefined when the export carries nothing to compare. */
export function agreesWith(observed: Observed | undefined, verdict: Verdict): boolean | undefined {
  // Only the values InScope manages can be compared: a status such as Open or Solved says nothing.
  const status = observed?.status === 'new' || observed?.status === 'approved' ? observed.status : undefined;
  if (!observed || (observed.category === undefined && status === undefined)) return undefined;
  if (observed.category !== undefined && observed.category !== verdict.category) return false;
  return status === undefined || status === verdict.status;
}

export function addToSummary(
  summary: SimulationSummary,
  entry: { item: WorkItem; verdict: Verdict; source: string; observed?: Observed | undefined },
  contracts: ReadonlyMap<string, ContractDefinition>,
  defaultTimeZone: string,
): void {
  const { item, verdict } = entry;
  summary.total++;
  summary.byOutcome[verdict.outcome]++;
  const rule = verdict.rule ?? '(no rule)';
  summary.byRule.set(rule, (summary.byRule.get(rule) ?? 0) + 1);

  if (isAdvisoryWithoutProposal(verdict)) summary.advisoryWithoutProposal++;
  if (verdict.proposal && sendsProposal(verdict)) {
    const contract = verdict.contract ? contracts.get(verdict.contract.id) : undefined;
    // Group by contract where there is one: the same customer may appear by id, name or e-mail domain.
    const organization = contract?.name ?? item.organizationName ?? item.organizationId ?? item.requesterEmail?.split('@')[1] ?? '(unknown)';
    const month = localMonth(item.createdAt, contract?.timeZone ?? defaultTimeZone);
    const key = `${contract?.id ?? organization}\u0000${month}`;
    let row = summary.byOrganization.get(key);
    if (!row) {
      row = {
        organization,
        month,
        contractId: contract?.id ?? null,
        proposals: 0,
        hours: 0,
        amount: 0,
        currency: verdict.proposal.currency,
        budgetHours: contract?.monthlyBudget?.hours,
        budgetAmount: contract?.monthlyBudget?.amount,
      };
      summary.byOrganization.set(key, row);
    }
    row.proposals++;
    row.hours += verdict.proposal.hours;
    row.amount = Math.round((row.amount + verdict.proposal.amount) * 100) / 100;
  }

  const agrees = agreesWith(entry.observed, verdict);
  if (agrees !== undefined) {
    summary.compared++;
    if (agrees) summary.agreed++;
    else if (++summary.disagreed <= DISAGREEMENTS_KEPT)
      summary.disagreements.push({
        ticket: item.id,
        source: entry.source,
        observed: entry.observed ?? {},
        predicted: { category: verdict.category, status: verdict.status },
      });
  }
}
