// The live Zendesk adapter behind the helpdesk port: one read for the ticket with its requester and
// organization, one for its comments (attachments live there), and one safe update per decision.
import type { TicketChange, TicketState, HelpdeskPort } from '../core/helpdesk-port.js';
import type { ZendeskClient } from './client/create-zendesk-client.js';
import { zendeskTicketToWorkItem } from './to-domain.js';
import { logicalCategory, logicalStatus, type ZendeskMapping } from './zendesk-mapping.js';

function ticketNumber(ticketId: string): number {
  return Number(ticketId);
}

export function toZendeskUpdate(change: TicketChange, mapping: ZendeskMapping): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  if (change.category !== undefined) update.custom_fields = [{ id: mapping.categoryField, value: mapping.categories[change.category] }];
  if (change.status !== undefined) {
    const id = (mapping.statuses as Record<string, number | undefined>)[change.status];
    if (id !== undefined) update.custom_status_id = id;
  }
  if (change.tags !== undefined) update.tags = change.tags;
  if (change.comment !== undefined) update.comment = { body: change.comment.body, public: change.comment.public };
  return update;
}

export function createZendeskHelpdesk(client: ZendeskClient, mapping: ZendeskMapping): HelpdeskPort {
  return {
    kind: 'zendesk',
    live: true,
    async load(ticketId): Promise<TicketState> {
      const id = ticketNumber(ticketId);
      const { ticket, users, organizations } = await client.getTicket(id, { include: ['users', 'organizations'] });
      const comments = await client.listTicketComments(id);
      const item = zendeskTicketToWorkItem(ticket, {
        fields: mapping.fields,
        ...(users && { users }),
        ...(organizations && { organizations }),
        comments,
      });
      const category = (ticket.custom_fields ?? []).find((f) => String(f.id) === String(mapping.categoryField))?.value;
      return {
        item,
        category: logicalCategory(category, mapping),
        status: logicalStatus(ticket.custom_status_id, mapping),
        tags: ticket.tags ?? [],
        version: ticket.updated_at ?? null,
      };
    },
    async apply(ticketId, change, expectedVersion) {
      await client.updateTicket(ticketNumber(ticketId), toZendeskUpdate(change, mapping) as never, expectedVersion ? { safeUpdate: { updatedStamp: expectedVersion } } : {});
    },
  };
}
