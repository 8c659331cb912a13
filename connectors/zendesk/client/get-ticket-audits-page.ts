// One page of a ticket's audits, with sideloads: `GET /api/v2/tickets/{id}/audits.json` ("List
// Audits for a Ticket", developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/
// #list-audits-for-a-ticket: cursor pagination, at most 100 audits a page, an `include` parameter
// of sideloads; global `read` OAuth scope, `tickets:read` is not enough). Zendesk's side-loading
// guide lists the Audits sideloads as users, organizations, groups and tickets
// (developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/
// #supported-endpoints, which gave `/api/v2/tickets/123/audits.json?include=users,organizations,
// groups,tickets`). Each audit's Comment events carry their attachments, so one request can bring
// the ticket and the attachments that used to take a ticket read and a comments read.
import type { ZendeskAudit, ZendeskOrganization, ZendeskTicket, ZendeskUser } from './zendesk-api-types.js';
import type { ZendeskRequest } from './zendesk-request.js';

export type AuditSideload = 'tickets' | 'users' | 'organizations';

export interface TicketAuditsPage {
  readonly audits: readonly ZendeskAudit[];
  readonly tickets?: readonly ZendeskTicket[];
  readonly users?: readonly ZendeskUser[];
  readonly organizations?: readonly ZendeskOrganization[];
  /** The cursor of the next page (`meta.after_cursor` while `meta.has_more`); null on the last page. */
  readonly after: string | null;
}

interface AuditsBody {
  readonly audits?: readonly ZendeskAudit[];
  readonly tickets?: readonly ZendeskTicket[];
  readonly users?: readonly ZendeskUser[];
  readonly organizations?: readonly ZendeskOrganization[];
  readonly meta?: { readonly has_more?: boolean; readonly after_cursor?: string | null };
}

export async function getTicketAuditsPage(
  request: ZendeskRequest,
  path: string,
  { include = [], after }: { readonly include?: readonly AuditSideload[]; readonly after?: string } = {},
): Promise<TicketAuditsPage> {
  const body = await request<AuditsBody>('GET', path, {
    query: { include: include.length ? include.join(',') : undefined, 'page[size]': 100, 'page[after]': after },
  });
  return {
    audits: body.audits ?? [],
    ...(body.tickets && { tickets: body.tickets }),
    ...(body.users && { users: body.users }),
    ...(body.organizations && { organizations: body.organizations }),
    after: body.meta?.has_more ? (body.meta.after_cursor ?? null) : null,
  };
}
