// Which badge a verdict gets: its label and its Garden tone. Pure, so both sidebars agree.
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

export function badgeFor(data: SidebarData, proposalState?: 'draft' | 'sent' | 'accepted'): Badge {
  switch (data.verdict.outcome) {
    case 'incomplete':
      return { label: 'badge.incomplete', tone: 'yellow' };
    case 'covered':
      return isApproved(data) ? { label: 'badge.callApproved', tone: 'green' } : { label: 'badge.callNew', tone: 'blue' };
    case 'advisory':
      if (proposalState === 'accepted') return { label: 'badge.advisoryAccepted', tone: 'green' };
      return { label: proposalState === 'sent' ? 'badge.advisorySent' : 'badge.advisoryDraft', tone: 'red' };
    case 'review':
      return { label: 'badge.review', tone: 'grey' };
  }
}
