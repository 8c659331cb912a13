import { describe, expect, it } from 'vitest';
import type { DeliveryInput, DeliveryResult } from '../../../connectors/store/store.js';
import { runZendeskBackfill } from '../../../connectors/zendesk/backfill/run-zendesk-backfill.js';
import type { IncrementalTicketsPage, ZendeskTicket } from '../../../connectors/zendesk/client/index.js';

const ticket = (id: number, status: string, updatedAt: string): ZendeskTicket => ({ id, status, updated_at: updatedAt, subject: `Ticket ${id}`, description: '' });

function fakeExport(pages: ZendeskTicket[][]) {
  return {
    async *incrementalTickets(): AsyncGenerator<IncrementalTicketsPage> {
      for (const [i, tickets] of pages.entries()) yield { tickets, afterCursor: `c${i}`, endOfStream: i === pages.length - 1 };
    },
  };
}

async function enqueue(pages: ZendeskTicket[][]) {
  const recorded: DeliveryInput[] = [];
  const store = {
    recordDelivery: async (d: DeliveryInput): Promise<DeliveryResult> => {
      recorded.push(d);
      return { status: 'accepted' };
    },
  };
  const result = await runZendeskBackfill({
    client: fakeExport(pages),
    startTime: 1_790_812_800,
    mode: { kind: 'enqueue', store, accountId: 'veldhuis' },
    now: () => 1_000,
    write: () => {},
  });
  return { result, recorded };
}

describe('runZendeskBackfill', () => {
  it('counts a ticket the export returns twice once, and queues both copies under their own keys', async () => {
    const { result, recorded } = await enqueue([[ticket(1, 'new', '2026-10-01T08:00:00Z')], [ticket(1, 'open', '2026-10-02T08:00:00Z')]]);
    expect(result).toEqual({ exported: 2, open: 1, skipped: 0, counts: { accepted: 1 } });
    expect(recorded.map((d) => d.deliveryId)).toEqual(['backfill-1-2026-10-01T08:00:00Z', 'backfill-1-2026-10-02T08:00:00Z']);
  });

  it('skips a ticket whose latest copy is solved', async () => {
    const { result } = await enqueue([[ticket(1, 'open', '2026-10-01T08:00:00Z'), ticket(2, 'pending', '2026-10-01T09:00:00Z')], [ticket(1, 'solved', '2026-10-03T08:00:00Z')]]);
    expect(result).toEqual({ exported: 3, open: 1, skipped: 1, counts: { accepted: 1 } });
  });

  it.each(['new', 'open', 'pending', 'hold', 'NEW'])('keeps a ticket in status %s', async (status) => {
    const { recorded } = await enqueue([[ticket(7, status, '2026-10-01T08:00:00Z')]]);
    expect(recorded).toHaveLength(1);
  });

  it.each(['solved', 'closed', 'deleted'])('leaves out a ticket in status %s', async (status) => {
    const { recorded, result } = await enqueue([[ticket(7, status, '2026-10-01T08:00:00Z')]]);
    expect(recorded).toHaveLength(0);
    expect(result.skipped).toBe(1);
  });
});
