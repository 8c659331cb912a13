// The live Zendesk adapter behind the helpdesk port: one read per triage and one safe update per
// decision on the `updated_at` that read returned. The read is the ticket's audits with the ticket,
// its requester and its organization sideloaded (load-ticket-from-audits.ts): the audits' comments
// carry the attachments, which Zendesk keeps on comments, not on the ticket. Should an account not
// sideload the ticket with its audits, the adapter reads the ticket itself from then on
// (`?include=users,organizations`, Zendesk's "Side-loading related records") and its comments only
// when a verdict needs the attachments (core/triage-ticket.ts).
import type { TicketChange, TicketState, HelpdeskPort } from '../core/helpdesk-port.js';
import type { ZendeskClient } from './client/create-zendesk-client.js';
import { loadTicketFromAudits } from './load-ticket-from-audits.js';
import { zendeskTicketToWorkItem } from './to-domain.js';
import { toTicketState } from './to-ticket-state.js';
import type { ZendeskMapping } from './zendesk-mapping.js';

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
  // Cleared the first time the audits come without a usable ticket: no read is spent on them again.
  let auditsBringTicket = true;

  async function loadFromTicket(id: number): Promise<TicketState> {
    const { ticket, users, organizations } = await client.getTicket(id, { include: ['users', 'organizations'] });
    const context = { fields: mapping.fields, ...(users && { users }), ...(organizations && { organizations }) };
    const item = { ...zendeskTicketToWorkItem(ticket, context), attachmentsUnread: true };
    return toTicketState(ticket, item, mapping, async () => zendeskTicketToWorkItem(ticket, { ...context, comments: await client.listTicketComments(id) }));
  }

  return {
    kind: 'zendesk',
    live: true,
    async load(ticketId): Promise<TicketState> {
      const id = ticketNumber(ticketId);
      if (auditsBringTicket) {
        const state = await loadTicketFromAudits(client, mapping, id);
        if (state !== null) return state;
        auditsBringTicket = false;
      }
      return loadFromTicket(id);
    },
    async apply(ticketId, change, expectedVersion) {
      const update = await withUploads(client, change, toZendeskUpdate(change, mapping));
      await client.updateTicket(ticketNumber(ticketId), update as never, expectedVersion ? { safeUpdate: { updatedStamp: expectedVersion } } : {});
    },
  };
}
