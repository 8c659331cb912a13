// The one read the Zendesk adapter makes per triage, stubbed with nock: the ticket's audits with the
// ticket, its users and organizations sideloaded (`GET /api/v2/tickets/{id}/audits.json`, see
// connectors/zendesk/load-ticket-from-audits.ts). Each comment given becomes an audit whose Comment
// event is the comment, attachments included, as Zendesk lists a ticket's audits.
import nock from 'nock';

export interface TicketReadAnswer {
  readonly ticket: { readonly id: number } & Record<string, unknown>;
  readonly users?: readonly unknown[];
  readonly organizations?: readonly unknown[];
  readonly comments?: readonly ({ readonly author_id?: unknown; readonly created_at?: unknown } & Record<string, unknown>)[];
}

/** The body of one page of audits that holds every audit of the ticket. */
export function auditsWithSideloads({ ticket, users = [], organizations = [], comments = [] }: TicketReadAnswer): Record<string, unknown> {
  const audits = comments.map((comment, i) => ({
    id: 990_000 + i,
    ticket_id: ticket.id,
    author_id: comment.author_id ?? ticket['requester_id'],
    created_at: comment.created_at ?? ticket['created_at'],
    via: { channel: 'web' },
    metadata: { system: {}, custom: {} },
    events: [{ type: 'Comment', ...comment }],
  }));
  return { audits, tickets: [ticket], users, organizations, meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { next: null, prev: null } };
}

/** Stubs `times` reads of the ticket at `site` (e.g. https://acme.zendesk.com). */
export function mockZendeskTicketRead(site: string, answer: TicketReadAnswer, times = 1): nock.Scope {
  return nock(site)
    .get(`/api/v2/tickets/${answer.ticket.id}/audits.json`)
    .query({ include: 'tickets,users,organizations', 'page[size]': '100' })
    .times(times)
    .reply(200, auditsWithSideloads(answer));
}
