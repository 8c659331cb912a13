// A revised estimate: the same number, version + 1, status draft, priced afresh with a new
// validity; the version it replaces becomes superseded. The store saves both in one transaction.
// The VAT (percentage and reverse charge) is the proposal's own: a revision keeps it, whatever
// the config says now, so a customer's proposal does not change tax between versions.
import type { CoverageConfig } from '../config/config-schema.js';
import { toMinorUnits } from './minor-units.js';
import { proposalValidUntil } from './proposal-dates.js';
import { ProposalError } from './proposal-error.js';
import { canTransition } from './proposal-status.js';
import { computeProposalTotals, type EstimateLine } from './proposal-totals.js';
import type { Proposal } from './proposal.js';

export interface ReviseProposalInput {
  readonly createdAt: string;
  /** For the validity days, taken as they are now; the VAT is the previous version's. */
  readonly config: { readonly proposals: Pick<CoverageConfig['proposals'], 'validityDays'> };
  readonly hours?: number;
  readonly scope?: string;
  /** Replaces every line; rates in major units, default the previous first line's rate. */
  readonly lines?: readonly { readonly description: string; readonly hours: number; readonly rate?: number }[];
  readonly acceptUrl?: string;
  readonly declineUrl?: string;
}

export function reviseProposal(previous: Proposal, input: ReviseProposalInput): { next: Proposal; previous: Proposal } {
  if (!canTransition(previous.status, 'superseded')) {
    throw new ProposalError('version', `${previous.number} version ${previous.version} is ${previous.status} and cannot be revised`);
  }
  const first = previous.lines[0];
  if (first === undefined) throw new ProposalError('hours', `${previous.number} version ${previous.version} has no estimate lines`);
  let lines: EstimateLine[];
  if (input.lines) {
    lines = input.lines.map((l) => ({
      description: l.description, hours: l.hours,
      rate: l.rate === undefined ? first.rate : toMinorUnits(l.rate, previous.currency, 'hourly rate'),
    }));
  } else if (input.hours !== undefined) {
    // One line for the whole estimate, like the first version from a rule.
    lines = [{ description: first.description, hours: input.hours, rate: first.rate }];
  } else {
    lines = previous.lines.map(({ description, hours, rate }) => ({ description, hours, rate }));
  }
  const { validityDays } = input.config.proposals;
  const totals = computeProposalTotals(lines, previous.vatPercent);
  // New hours are the agent's, not the estimator's: the basis goes with the hours it was for.
  const { acceptUrl: _a, declineUrl: _d, estimate, ...rest } = previous;
  const next: Proposal = {
    ...rest,
    version: previous.version + 1,
    status: 'draft',
    scope: input.scope?.trim() || previous.scope,
    ...totals,
    validUntil: proposalValidUntil(input.createdAt, previous.timeZone, validityDays),
    createdAt: new Date(input.createdAt).toISOString(),
    ...(estimate === undefined || input.hours !== undefined || input.lines !== undefined ? {} : { estimate }),
    ...(input.acceptUrl === undefined ? {} : { acceptUrl: input.acceptUrl }),
    ...(input.declineUrl === undefined ? {} : { declineUrl: input.declineUrl }),
  };
  return { next, previous: { ...previous, status: 'superseded' } };
}
