import { describe, expect, it } from 'vitest';
import { isAuthError, isNotFoundError } from '../../../connectors/shared/helpdesk-error.js';
import { BASIC, createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('getTicket', () => {
  it('reads ticket, requester and organization in one request with Basic token auth', async () => {
    const h = createHarness();
    const scope = h.api
      .get('/api/v2/tickets/4101.json')
      .query({ include: 'users,organizations' })
      .matchHeader('authorization', BASIC)
      .matchHeader('accept', 'application/json')
      .reply(200, fixture('ticket-with-sideloads'));

    const result = await h.client.getTicket(4101, { include: ['users', 'organizations'] });

    expect(scope.isDone()).toBe(true);
    expect(result.ticket.id).toBe(4101);
    expect(result.ticket.updated_at).toBe('2026-10-05T08:14:02Z');
    expect(result.users?.[0]?.email).toBe('m.jansen@bakkerijjansen.nl');
    expect(result.organizations?.[0]?.name).toBe('Bakkerij Jansen B.V.');
  });

  it('sends no include parameter when no sideloads are asked for', async () => {
    const h = createHarness();
    const scope = h.api.get('/api/v2/tickets/4101.json').query({}).reply(200, { ticket: { id: 4101 } });
    const result = await h.client.getTicket(4101);
    expect(scope.isDone()).toBe(true);
    expect(result.users).toBeUndefined();
  });

  it('authenticates with a Bearer header when given an OAuth token', async () => {
    const h = createHarness({ auth: { oauthToken: 'fake-oauth-token' } });
    const scope = h.api
      .get('/api/v2/tickets/4101.json')
      .matchHeader('authorization', 'Bearer fake-oauth-token')
      .reply(200, { ticket: { id: 4101 } });
    await h.client.getTicket(4101);
    expect(scope.isDone()).toBe(true);
  });

  it('fills the organization cache from the sideload so getOrganization needs no request', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101.json').query(true).reply(200, fixture('ticket-with-sideloads'));
    await h.client.getTicket(4101, { include: ['organizations'] });
    // No interceptor for /organizations: a request would fail with a network error.
    await expect(h.client.getOrganization(9001)).resolves.toMatchObject({ name: 'Bakkerij Jansen B.V.' });
    expect(h.calls).toHaveLength(1);
  });

  it('throws a notFound error with the status for a missing ticket, without retrying', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/9999.json').reply(404, fixture('not-found-404'));
    const error = await h.client.getTicket(9999).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining('RecordNotFound') });
    expect(h.calls).toHaveLength(1);
  });

  it.each([401, 403])('maps %i to an auth error', async (status) => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101.json').reply(status, { error: "Couldn't authenticate you" });
    await expect(h.client.getTicket(4101)).rejects.toSatisfy(isAuthError);
  });

  it('rejects an id that is not a positive integer before any request', async () => {
    const h = createHarness();
    await expect(h.client.getTicket(-1)).rejects.toMatchObject({ kind: 'validation' });
    expect(h.calls).toHaveLength(0);
  });
});
