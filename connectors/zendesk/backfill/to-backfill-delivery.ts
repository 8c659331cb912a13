// A ticket from the incremental export as a synthetic delivery for the service's queue. Its ids are
// `backfill-<ticket id>-<updated_at>`, so running a backfill again dedupes in recordDelivery, while a
// ticket that changed since gets a new job. The payload is a ZendeskDelivery with the whole ticket
// snapshot, so even the shadow worker (no API credentials) can triage it.
import type { DeliveryInput } from '../../store/store.js';
import type { ZendeskTicket } from '../client/zendesk-api-types.js';
import type { ZendeskDelivery, ZendeskTicketSnapshot } from '../webhook/zendesk-delivery.js';

export const BACKFILL_EVENT_TYPE = 'inscope.backfill';

/** ZendeskDelivery with its own kind and event type: nothing arrived over a webhook. */
export type BackfillDelivery = Omit<ZendeskDelivery, 'kind' | 'eventType'> & {
  readonly kind: 'backfill';
  readonly eventType: typeof BACKFILL_EVENT_TYPE;
};

export function backfillDeliveryId(ticket: ZendeskTicket): string {
  return `backfill-${ticket.id}-${ticket.updated_at ?? ticket.generated_timestamp ?? 'unknown'}`;
}

export function toTicketSnapshot(ticket: ZendeskTicket): ZendeskTicketSnapshot {
  const str = (v: number | null | undefined) => (v === null || v === undefined ? undefined : String(v));
  const entries: [string, unknown][] = [
    ['subject', ticket.subject ?? ticket.raw_subject ?? undefined],
    ['description', ticket.description ?? undefined],
    ['status', ticket.status?.toLowerCase()],
    ['customStatusId', str(ticket.custom_status_id)],
    ['tags', ticket.tags],
    ['organizationId', str(ticket.organization_id)],
    ['requesterId', str(ticket.requester_id)],
    ['createdAt', ticket.created_at],
    ['updatedAt', ticket.updated_at],
    ['customFields', (ticket.custom_fields ?? ticket.fields)?.map((f) => ({ id: String(f.id), value: f.value }))],
    ['priority', ticket.priority?.toLowerCase()],
    ['via', ticket.via?.channel],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as ZendeskTicketSnapshot;
}

export function toBackfillDelivery(ticket: ZendeskTicket, accountId: string, receivedAt: number): DeliveryInput {
  const id = backfillDeliveryId(ticket);
  const payload: BackfillDelivery = {
    kind: 'backfill',
    accountId,
    deliveryId: id,
    eventId: id,
    eventType: BACKFILL_EVENT_TYPE,
    ticketId: String(ticket.id),
    occurredAt: ticket.updated_at ?? new Date(receivedAt).toISOString(),
    ticket: toTicketSnapshot(ticket),
  };
  return {
    helpdesk: 'zendesk',
    accountId,
    deliveryId: id,
    eventId: id,
    eventType: BACKFILL_EVENT_TYPE,
    ticketId: String(ticket.id),
    receivedAt,
    payload: JSON.stringify(payload),
  };
}
