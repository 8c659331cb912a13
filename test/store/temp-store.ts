// Test helper: builds webhook deliveries for the store tests (the stores themselves come from
// store-backends.ts, which runs each suite against SQLite and PostgreSQL).
import type { DeliveryInput } from '../../connectors/store/store.js';

let counter = 0;

/** A Zendesk delivery for the ticket; ids are unique unless given. */
export function delivery(ticketId: string, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
  counter += 1;
  return {
    helpdesk: 'zendesk',
    accountId: 'veldhuis',
    deliveryId: `inv-${counter}`,
    eventId: `evt-${counter}`,
    eventType: 'zen:event-type:ticket.created',
    ticketId,
    receivedAt: 1_000,
    payload: JSON.stringify({ id: `evt-${counter}`, detail: { id: ticketId } }),
    ...overrides,
  };
}
