// The one shape every Zendesk webhook delivery is reduced to, whether it came from an event
// subscription or from InScope's trigger webhook. Downstream code (queue, store, worker) sees only this.

export type ZendeskDeliveryKind = 'event' | 'trigger';

/** Event subscriptions InScope acts on, plus `ticket.updated` for the trigger webhook. */
export const ZENDESK_EVENT_TYPES = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.custom_field_changed',
  'ticket.comment_added',
  'ticket.updated',
] as const;

export type ZendeskEventType = (typeof ZENDESK_EVENT_TYPES)[number];

export interface ZendeskCustomFieldValue {
  readonly id: string;
  readonly value: string | number | boolean | readonly string[] | null;
}

/** What the delivery itself says about the ticket: enough to triage in shadow mode without API credentials. */
export interface ZendeskTicketSnapshot {
  readonly subject?: string;
  readonly description?: string;
  /** Status category, lower-case (`new`, `open`, `pending`, `hold`, `solved`, `closed`). */
  readonly status?: string;
  readonly customStatusId?: string;
  readonly tags?: readonly string[];
  readonly organizationId?: string;
  readonly requesterId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly customFields?: readonly ZendeskCustomFieldValue[];
  /** Lower-case (`low`, `normal`, `high`, `urgent`). */
  readonly priority?: string;
  /** The channel the ticket came in through, e.g. `web`, `email`, `api`. */
  readonly via?: string;
}

export interface ZendeskComment {
  readonly authorId?: string;
  readonly body?: string;
  readonly public?: boolean;
}

export interface ZendeskDelivery {
  readonly kind: ZendeskDeliveryKind;
  readonly accountId: string;
  /** `x-zendesk-webhook-invocation-id`: one per attempt chain, not signed by Zendesk. */
  readonly deliveryId: string;
  /** Signed id of the event itself; the dedupe key (with accountId) that a forged header cannot change. */
  readonly eventId: string;
  readonly eventType: ZendeskEventType;
  readonly ticketId: string;
  /** ISO 8601 instant. */
  readonly occurredAt: string;
  readonly actorId?: string;
  readonly ticket?: ZendeskTicketSnapshot;
  readonly comment?: ZendeskComment;
}
