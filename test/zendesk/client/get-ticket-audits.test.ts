import { describe, expect, it } from 'vitest';
import { BASIC, createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('getTicketAudits', () => {
  it('reads a page of audits with the ticket, its users and organizations sideloaded in one request', async () => {
    const h = createHarness();
    const scope = h.api
      .get('/api/v2/tickets/4101/audits.json')
      .query({ include: 'tickets,users,organizations', 'page[size]': '100' })
      .matchHeader('authorization', BASIC)
      .reply(200, fixture('ticket-audits-with-sideloads'));

    const page = await h.client.getTicketAudits(4101, { include: ['tickets', 'users', 'organizations'] });

    expect(scope.isDone()).toBe(true);
    expect(page.tickets?.[0]).toMatchObject({ id: 4101, updated_at: '2026-10-05T08:14:02Z' });
    expect(page.users?.[0]?.locale).toBeDefined();
    expect(page.audits.map((a) => a.id)).toEqual([81002, 81008]);
    expect(page.after).toBeNull();
  });

  it('returns the next cursor while has_more, and asks for the page after it', async () => {
    const h = createHarness();
    h.api
      .get('/api/v2/tickets/4101/audits.json')
      .query({ 'page[size]': '100' })
      .reply(200, { audits: [{ id: 1 }], meta: { has_more: true, after_cursor: 'c2' } });
    const second = h.api
      .get('/api/v2/tickets/4101/audits.json')
      .query({ 'page[size]': '100', 'page[after]': 'c2' })
      .reply(200, { audits: [{ id: 2 }], meta: { has_more: false, after_cursor: null } });

    const first = await h.client.getTicketAudits(4101);
    expect(first.after).toBe('c2');
    const next = await h.client.getTicketAudits(4101, { after: 'c2' });
    expect(second.isDone()).toBe(true);
    expect(next).toEqual({ audits: [{ id: 2 }], after: null });
  });

  it('fills the organization cache from the sideload so getOrganization needs no request', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101/audits.json').query(true).reply(200, fixture('ticket-audits-with-sideloads'));
    await h.client.getTicketAudits(4101, { include: ['tickets', 'organizations'] });
    // No interceptor for /organizations: a request would fail with a network error.
    await expect(h.client.getOrganization(9001)).resolves.toMatchObject({ name: 'Bakkerij Jansen B.V.' });
    expect(h.calls).toHaveLength(1);
  });
});
