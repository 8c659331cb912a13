// Which badge a verdict gets: its label and its Garden tone. Pure, so both sidebars agree.
import { isAdvisoryWithoutProposal } from '../../rules/sends-proposal.js';
import type { LabelKey } from './labels.js';
import type { SidebarData } from './sidebar-data.js';

export type Tone = 'green' | 'blue' | 'yellow' | 'red' | 'grey';

export interface Badge {
  readonly label: LabelKey;
  readonly tone: Tone;
}

/** Whether the ticket is an approved Call, by the helpdesk's status or the verdict's own auto-approval. */
export function isApproved(data: SidebarData): boolean {
  return data.ticket.status === 'approved' || (data.verdict.outcome === 'covered' && data.verdict.status === 'approved');
}

/** An advisory verdict that sends no proposal (its rule has proposal: none), on a ticket with no proposal stored. */
export function hasNoProposal(data: SidebarData): boolean {
  return isAdvisoryWithoutProposal(data.verdict) && !data.proposal;
}

export function badgeFor(data: SidebarData, proposalState?: 'draft' | 'sent' | 'accepted'): Badge {
  switch (data.verdict.outcome) {
    case 'incomplete':
      return { label: 'badge.incomplete', tone: 'yellow' };
    case 'covered':
      return isApproved(data) ? { label: 'badge.callApproved', tone: 'green' } : { label: 'badge.callNew', tone: 'blue' };
    case 'advisory':
      // A rule with proposal: none converted it and no one has made a proposal by hand yet.
      if (hasNoProposal(data)) return { label: 'badge.advisoryNoProposal', tone: 'red' };
      if (proposalState === 'accepted') return { label: 'badge.advisoryAccepted', tone: 'green' };
      return { label: proposalState === 'sent' ? 'badge.advisorySent' : 'badge.advisoryDraft', tone: 'red' };
    case 'review':
      return { label: 'badge.review', tone: 'grey' };
  }
}
