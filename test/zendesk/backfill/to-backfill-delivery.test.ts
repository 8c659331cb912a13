import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../../rules/index.js';
import { projectRoot } from '../../../connectors/cli/load-cli-config.js';
import { loadConfig } from '../../../connectors/config/load-config.js';
import { backfillDeliveryId, toBackfillDelivery } from '../../../connectors/zendesk/backfill/to-backfill-delivery.js';
import type { ZendeskTicket } from '../../../connectors/zendesk/client/index.js';
import { createShadowZendeskHelpdesk } from '../../../connectors/zendesk/create-shadow-zendesk-helpdesk.js';
import { zendeskTicketToWorkItem } from '../../../connectors/zendesk/to-domain.js';

const pageTickets = (name: string): ZendeskTicket[] =>
  (JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'zendesk', 'api', `${name}.json`), 'utf8')) as { tickets: ZendeskTicket[] }).tickets;
const tickets = [...pageTickets('incremental-tickets-page-1'), ...pageTickets('incremental-tickets-page-2')];

describe('toBackfillDelivery', () => {
  it('keys the delivery on ticket id and updated_at, so a ticket that changed gets a new key', () => {
    const ticket = tickets[0]!;
    expect(backfillDeliveryId(ticket)).toBe('backfill-4101-2026-10-05T08:14:02Z');
    expect(backfillDeliveryId({ ...ticket, updated_at: '2026-10-06T09:00:00Z' })).toBe('backfill-4101-2026-10-06T09:00:00Z');
    const delivery = toBackfillDelivery(ticket, 'veldhuis', 1_000);
    expect(delivery).toMatchObject({ helpdesk: 'zendesk', accountId: 'veldhuis', ticketId: '4101', eventType: 'inscope.backfill', receivedAt: 1_000 });
    expect(delivery.eventId).toBe(delivery.deliveryId);
  });

  it.each(tickets.map((t) => [t.id, t] as const))('lets the shadow worker triage ticket %i to the same outcome as the full ticket', async (_id, ticket) => {
    const loaded = await loadConfig(path.join(projectRoot, 'examples', 'coverage.yaml'));
    const mapping = loaded.config.helpdesks.zendesk!;
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const delivery = toBackfillDelivery(ticket, 'veldhuis', 1_000);

    const state = await createShadowZendeskHelpdesk(mapping).load(delivery.ticketId, [{ eventType: delivery.eventType, payload: delivery.payload }]);

    const direct = engine.triage(zendeskTicketToWorkItem(ticket, { fields: mapping.fields }));
    expect(engine.triage(state.item).outcome).toBe(direct.outcome);
    expect(state.status).toBe('new');
    expect(state.version).toBe(ticket.updated_at);
  });
});
