// The life of one proposal version: draft → sent → accepted | declined | expired, and any open
// version → superseded when a revision replaces it. Final states never change again.
import { localDateOf } from './proposal-dates.js';
import type { Proposal, ProposalStatus } from './proposal.js';

const NEXT: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  draft: ['sent', 'superseded'],
  sent: ['accepted', 'declined', 'expired', 'superseded'],
  accepted: [],
  declined: [],
  expired: [],
  superseded: [],
};

export function canTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return NEXT[from].includes(to);
}

/** A proposal lapses after its last valid day has ended in its own time zone. */
export function isProposalExpired(proposal: Pick<Proposal, 'validUntil' | 'timeZone'>, now: Date): boolean {
  return localDateOf(now, proposal.timeZone) > proposal.validUntil;
}
