// The live Zendesk adapter behind the helpdesk port: one read for the ticket with its requester and
// organization sideloaded (`?include=users,organizations`, Zendesk's "Side-loading related records":
// the requester's locale comes with it), and one safe update per decision on the `updated_at` that
// read returned. The comments, where Zendesk keeps attachments, are read only when a verdict needs
// the attachments (core/triage-ticket.ts).
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
  if (change.solve === true) update.status = 'solved';
  return update;
}

/** Uploads first (POST /api/v2/uploads), then one update that names the tokens in the comment. */
async function withUploads(client: ZendeskClient, change: TicketChange, update: Record<string, unknown>): Promise<Record<string, unknown>> {
  const attachments = change.comment?.attachments ?? [];
  if (attachments.length === 0) return update;
  const tokens: string[] = [];
  for (const file of attachments) tokens.push((await client.uploadFile(file.filename, file.bytes, file.contentType)).token);
  return { ...update, comment: { ...(update.comment as object), uploads: tokens } };
}

export function createZendeskHelpdesk(client: ZendeskClient, mapping: ZendeskMapping): HelpdeskPort {
  return {
    kind: 'zendesk',
    live: true,
    async load(ticketId): Promise<TicketState> {
      const id = ticketNumber(ticketId);
      const { ticket, users, organizations } = await client.getTicket(id, { include: ['users', 'organizations'] });
      const context = { fields: mapping.fields, ...(users && { users }), ...(organizations && { organizations }) };
      const item = { ...zendeskTicketToWorkItem(ticket, context), attachmentsUnread: true };
      const category = (ticket.custom_fields ?? []).find((f) => String(f.id) === String(mapping.categoryField))?.value;
      return {
        item,
        category: logicalCategory(category, mapping),
        status: logicalStatus(ticket.custom_status_id, mapping),
        tags: ticket.tags ?? [],
        version: ticket.updated_at ?? null,
        loadAttachments: async () => zendeskTicketToWorkItem(ticket, { ...context, comments: await client.listTicketComments(id) }),
      };
    },
    async apply(ticketId, change, expectedVersion) {
      const update = await withUploads(client, change, toZendeskUpdate(change, mapping));
      await client.updateTicket(ticketNumber(ticketId), update as never, expectedVersion ? { safeUpdate: { updatedStamp: expectedVersion } } : {});
    },
  };
}
