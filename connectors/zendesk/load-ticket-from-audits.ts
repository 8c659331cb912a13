// Reads a ticket for triage in one request: its audits, with the ticket, the users and the
// organizations sideloaded (client/get-ticket-audits-page.ts cites Zendesk's docs). The audits'
// Comment events carry the attachments, so a verdict that needs them costs no second read; the
// sideloaded ticket's `updated_at` is the version, as it was from the ticket read.
//
// Zendesk lists the Audits sideloads but documents neither which fields a sideloaded ticket has nor
// which users come with `users`, so both possibilities are handled:
// - no ticket, or one without `updated_at` or custom fields: null, and the caller reads the ticket;
// - a requester among no audit's authors (an agent opened the ticket for them) is read by id, and
//   an organization not sideloaded comes from the client's cache or one read.
// A ticket with more than 100 audits: the first page gives the ticket, the others are read only when
// the verdict needs the attachments. They are read after the version was taken, so a comment that
// arrives in between shows up as a 409 on the safe update (re-read, decide again), never unseen.
import type { TicketState } from '../core/helpdesk-port.js';
import { isNotFoundError } from '../shared/helpdesk-error.js';
import type { ZendeskAudit, ZendeskClient, ZendeskOrganization, ZendeskTicket, ZendeskUser } from './client/index.js';
import { zendeskTicketToWorkItem } from './to-domain.js';
import { toTicketState } from './to-ticket-state.js';
import type { ZendeskMapping } from './zendesk-mapping.js';

function unlessNotFound(error: unknown): undefined {
  if (isNotFoundError(error)) return undefined;
  throw error;
}

async function withRequester(client: ZendeskClient, ticket: ZendeskTicket, users: readonly ZendeskUser[]): Promise<readonly ZendeskUser[]> {
  const id = ticket.requester_id;
  if (id === undefined || users.some((u) => u.id === id)) return users;
  const requester = await client.getUser(id).catch(unlessNotFound);
  return requester ? [...users, requester] : users;
}

async function withOrganization(client: ZendeskClient, ticket: ZendeskTicket, organizations: readonly ZendeskOrganization[]): Promise<readonly ZendeskOrganization[]> {
  const id = ticket.organization_id;
  if (typeof id !== 'number' || organizations.some((o) => o.id === id)) return organizations;
  const organization = await client.getOrganization(id).catch(unlessNotFound);
  return organization ? [...organizations, organization] : organizations;
}

async function auditsAfter(client: ZendeskClient, id: number, after: string): Promise<ZendeskAudit[]> {
  const audits: ZendeskAudit[] = [];
  for (let next: string | null = after; next !== null; ) {
    const page = await client.getTicketAudits(id, { after: next });
    audits.push(...page.audits);
    next = page.after;
  }
  return audits;
}

export async function loadTicketFromAudits(client: ZendeskClient, mapping: ZendeskMapping, id: number): Promise<TicketState | null> {
  const first = await client.getTicketAudits(id, { include: ['tickets', 'users', 'organizations'] });
  const ticket = first.tickets?.find((t) => t.id === id);
  if (ticket?.updated_at === undefined || (ticket.custom_fields ?? ticket.fields) === undefined) return null;
  const context = {
    fields: mapping.fields,
    users: await withRequester(client, ticket, first.users ?? []),
    organizations: await withOrganization(client, ticket, first.organizations ?? []),
  };
  const after = first.after;
  if (after === null) return toTicketState(ticket, zendeskTicketToWorkItem(ticket, { ...context, audits: first.audits }), mapping);
  return toTicketState(ticket, { ...zendeskTicketToWorkItem(ticket, context), attachmentsUnread: true }, mapping, async () =>
    zendeskTicketToWorkItem(ticket, { ...context, audits: [...first.audits, ...(await auditsAfter(client, id, after))] }),
  );
}
