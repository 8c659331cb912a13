// The ticket write that follows a proposal decision: the status it leads to (accepted: the
// configured work status; declined: New or solved; expired: none), the internal note, and a marker
// tag in the same write. The marker is how a retried job knows the write landed although its answer
// was lost (the ticket itself says so), so the note is never posted twice.
import type { TicketChange, TicketState } from '../core/helpdesk-port.js';
import type { CoverageConfig } from '../config/config-schema.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import { proposalTag } from './create-proposal-flow.js';
import type { DecidedStatus } from './proposal-decided-delivery.js';

/** `<prefix>p2026_0001_v1_accepted`: one per proposal version and outcome. */
export function proposalDecisionTag(record: Pick<ProposalRecord, 'number' | 'version'>, status: DecidedStatus, prefix: string): string {
  return `${proposalTag(record, prefix)}_${status}`;
}

export function proposalDecisionChange(
  decided: { readonly status: DecidedStatus; readonly note: string },
  marker: string,
  state: Pick<TicketState, 'status' | 'tags'>,
  proposals: Pick<CoverageConfig['proposals'], 'acceptStatus' | 'declineAction'>,
): TicketChange {
  const comment = { body: decided.note, public: false };
  const tags = state.tags.includes(marker) ? state.tags : [...state.tags, marker];
  // A status the ticket already has is left out: Jira offers no transition to the current status.
  const target = decided.status === 'accepted' ? proposals.acceptStatus : decided.status === 'declined' && proposals.declineAction === 'return' ? 'new' : null;
  if (decided.status === 'declined' && proposals.declineAction === 'close') return { solve: true, comment, tags };
  return { ...(target !== null && state.status !== target ? { status: target } : {}), comment, tags };
}
