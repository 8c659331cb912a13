import { describe, expect, it } from 'vitest';
import type { Pacer } from '../../../connectors/shared/pacer.js';
import { createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('pacing in the Zendesk client', () => {
  it('paces the account at 80% of the plan limit by default', async () => {
    const h = createHarness({ rateLimitPerMinute: 200 });
    h.api.get('/api/v2/tickets/4101.json').times(9).reply(200, fixture('ticket-with-sideloads'));
    for (let i = 0; i < 9; i += 1) await h.client.getTicket(4101);
    // 160/min → burst of 8, then one request per 375 ms.
    expect(h.sleeps).toEqual([375]);
  });

  it('acquires from the injected account pacer for every attempt and feeds it every response', async () => {
    const seen: (string | null)[] = [];
    let acquired = 0;
    const pacer: Pacer = {
      acquire: async () => {
        acquired += 1;
      },
      observe: (headers) => seen.push(headers.get('x-rate-limit-remaining')),
    };
    const h = createHarness({ pacer });
    h.api.get('/api/v2/tickets/4101.json').reply(503, '', { 'X-Rate-Limit-Remaining': '399' });
    h.api.get('/api/v2/tickets/4101.json').reply(200, fixture('ticket-with-sideloads'), { 'X-Rate-Limit-Remaining': '398' });
    await h.client.getTicket(4101);
    expect(acquired).toBe(2);
    expect(seen).toEqual(['399', '398']);
  });

  it('slows down when Zendesk reports that the account budget runs low', async () => {
    const h = createHarness({ rateLimitPerMinute: 400 });
    h.api
      .get('/api/v2/tickets/4101.json')
      .times(3)
      .reply(200, fixture('ticket-with-sideloads'), { 'X-Rate-Limit': '400', 'X-Rate-Limit-Remaining': '20' });
    for (let i = 0; i < 3; i += 1) await h.client.getTicket(4101);
    // 320/min halved to 160/min with the burst dropped: 375 ms apart.
    expect(h.sleeps).toEqual([375, 375]);
  });
});
