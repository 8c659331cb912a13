import { describe, expect, it } from 'vitest';
import type { IncrementalTicketsPage } from '../../../connectors/zendesk/client/index.js';
import { createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

const PATH = '/api/v2/incremental/tickets/cursor.json';

async function collect(pages: AsyncIterable<IncrementalTicketsPage>): Promise<IncrementalTicketsPage[]> {
  const out: IncrementalTicketsPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('incrementalTickets', () => {
  it('starts at start_time, follows after_cursor and stops after the end_of_stream page', async () => {
    const h = createHarness();
    const first = h.api.get(PATH).query({ start_time: '1791100000' }).reply(200, fixture('incremental-tickets-page-1'));
    const second = h.api
      .get(PATH)
      .query({ cursor: 'MTc5MTE5MDAwMC4wfHw0MTAyfA==' })
      .reply(200, fixture('incremental-tickets-page-2'));

    const pages = await collect(h.client.incrementalTickets({ startTime: 1791100000 }));

    expect(first.isDone() && second.isDone()).toBe(true);
    expect(pages.map((p) => p.tickets.map((t) => t.id))).toEqual([[4101, 4102], [4103]]);
    expect(pages.map((p) => p.endOfStream)).toEqual([false, true]);
    // The last page's cursor is where the next poll resumes.
    expect(pages[1]?.afterCursor).toBe('MTc5MTE5MTAwMC4wfHw0MTAzfA==');
  });

  it('resumes from a stored cursor without sending start_time', async () => {
    const h = createHarness();
    const scope = h.api
      .get(PATH)
      .query({ cursor: 'MTc5MTE5MDAwMC4wfHw0MTAyfA==' })
      .reply(200, fixture('incremental-tickets-page-2'));
    const pages = await collect(h.client.incrementalTickets({ cursor: 'MTc5MTE5MDAwMC4wfHw0MTAyfA==' }));
    expect(scope.isDone()).toBe(true);
    expect(pages).toHaveLength(1);
  });

  it('paces export pages at 10 per minute, apart from the account budget', async () => {
    const h = createHarness();
    h.api.get(PATH).query(true).reply(200, fixture('incremental-tickets-page-1'));
    h.api.get(PATH).query(true).reply(200, fixture('incremental-tickets-page-2'));
    await collect(h.client.incrementalTickets({ startTime: 1791100000 }));
    // First page at once, the second after 60 s / 10.
    expect(h.sleeps).toEqual([6000]);
  });

  it('scales the export pacing with delayScale', async () => {
    const h = createHarness({ delayScale: 0.001 });
    h.api.get(PATH).query(true).reply(200, fixture('incremental-tickets-page-1'));
    h.api.get(PATH).query(true).reply(200, fixture('incremental-tickets-page-2'));
    await collect(h.client.incrementalTickets({ startTime: 1791100000 }));
    expect(h.sleeps).toEqual([6]);
  });

  it('needs a start time or a cursor', async () => {
    const h = createHarness();
    await expect(collect(h.client.incrementalTickets({}))).rejects.toMatchObject({ kind: 'config' });
  });
});
