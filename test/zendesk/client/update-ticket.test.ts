import { describe, expect, it } from 'vitest';
import { isConflictError, isServerError } from '../../../connectors/shared/helpdesk-error.js';
import { BASIC, createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

const covered = {
  custom_fields: [{ id: 360001000001, value: 'call' }],
  custom_status_id: 19000000102,
  tags: ['finance', 'inscope_covered', 'ledger'],
  comment: { body: 'InScope: gedekt door contract C-2026-001 (gold).', public: false, uploads: ['6bk3gql82em5nmf'] },
} as const;

describe('updateTicket', () => {
  it('sends fields, custom status, tags and an internal note as a safe update', async () => {
    const h = createHarness();
    let sent: unknown;
    const scope = h.api
      .put('/api/v2/tickets/4101.json', (body: unknown) => {
        sent = body;
        return true;
      })
      .matchHeader('authorization', BASIC)
      .matchHeader('content-type', 'application/json')
      .reply(200, fixture('ticket-update-response'));

    const result = await h.client.updateTicket(4101, covered, { safeUpdate: { updatedStamp: '2026-10-05T08:14:02Z' } });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual({
      ticket: { ...covered, safe_update: true, updated_stamp: '2026-10-05T08:14:02Z' },
    });
    expect(result.ticket.custom_status_id).toBe(19000000102);
    expect(result.audit?.events?.[0]).toMatchObject({ type: 'Comment', public: false });
  });

  it('leaves safe_update out when no stamp is given', async () => {
    const h = createHarness();
    let sent: unknown;
    h.api
      .put('/api/v2/tickets/4101.json', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(200, fixture('ticket-update-response'));
    await h.client.updateTicket(4101, { tags: ['x'] });
    expect(sent).toEqual({ ticket: { tags: ['x'] } });
  });

  it('turns a 409 from a safe update into a conflict error and does not repeat the write', async () => {
    const h = createHarness();
    h.api.put('/api/v2/tickets/4101.json').reply(409, fixture('update-conflict-409'));

    const error = await h.client
      .updateTicket(4101, covered, { safeUpdate: { updatedStamp: '2026-10-05T08:14:02Z' } })
      .catch((e: unknown) => e);

    expect(isConflictError(error)).toBe(true);
    expect(error).toMatchObject({ status: 409 });
    expect(h.calls).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('does not repeat a PUT that adds a comment after a 500, nor after a 503', async () => {
    for (const status of [500, 503]) {
      const h = createHarness();
      h.api.put('/api/v2/tickets/4101.json').reply(status, { error: 'InternalError' });
      await expect(h.client.updateTicket(4101, covered)).rejects.toSatisfy(isServerError);
      expect(h.calls).toHaveLength(1);
    }
  });

  it('repeats a PUT without a comment after a 503, since setting the same fields twice is harmless', async () => {
    const h = createHarness();
    h.api.put('/api/v2/tickets/4101.json').reply(503, 'Service Unavailable');
    h.api.put('/api/v2/tickets/4101.json').reply(200, fixture('ticket-update-response'));
    const { comment: _comment, ...withoutComment } = covered;
    await h.client.updateTicket(4101, withoutComment);
    expect(h.calls.map((c) => c.status)).toEqual([503, 200]);
  });
});
