// The queued ticket write of a proposal decision. A customer's click, a reply or the expiry sweep
// records the decision in the store and then queues this delivery on the ticket's job, so the
// helpdesk write goes through the worker's retry, backoff and dead letters instead of being tried
// once: a helpdesk outage delays it, never drops it.
import type { DeliveryInput, HelpdeskKind } from '../store/store.js';

export const PROPOSAL_DECIDED_EVENT = 'inscope.proposal_decided';

export type DecidedStatus = 'accepted' | 'declined' | 'expired';

export interface ProposalDecided {
  readonly proposalId: number;
  readonly status: DecidedStatus;
  /** The internal note, written at decision time (it names who decided). */
  readonly note: string;
}

export function isProposalDecidedEvent(eventType: string): boolean {
  return eventType === PROPOSAL_DECIDED_EVENT;
}

/**
 * One id per proposal and outcome: the store's delivery dedupe makes queueing it again harmless,
 * and a proposal is decided at most once.
 */
export function proposalDecidedDelivery(
  ref: { readonly helpdesk: HelpdeskKind; readonly accountId: string; readonly ticketId: string },
  decided: ProposalDecided,
  at: number,
): DeliveryInput {
  const id = `proposal-${decided.proposalId}-${decided.status}`;
  return { helpdesk: ref.helpdesk, accountId: ref.accountId, ticketId: ref.ticketId, deliveryId: id, eventId: id, eventType: PROPOSAL_DECIDED_EVENT, receivedAt: at, payload: JSON.stringify(decided) };
}

/** Null for a payload this version did not write (it is then left alone, not retried forever). */
export function parseProposalDecided(payload: string): ProposalDecided | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const v = value as Partial<ProposalDecided> | null;
  if (!v || typeof v.proposalId !== 'number' || typeof v.note !== 'string') return null;
  if (v.status !== 'accepted' && v.status !== 'declined' && v.status !== 'expired') return null;
  return { proposalId: v.proposalId, status: v.status, note: v.note };
}
