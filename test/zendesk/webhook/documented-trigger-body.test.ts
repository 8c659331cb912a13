// Keeps docs/zendesk-webhooks.md and the trigger schema in step: the JSON an admin pastes must,
// once Zendesk fills in its placeholders, parse to the delivery InScope expects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseZendeskDelivery } from '../../../connectors/zendesk/webhook/parse-zendesk-delivery.js';

const doc = readFileSync(new URL('../../../docs/zendesk-webhooks.md', import.meta.url), 'utf8');
const template = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((block) => block.includes('"inscope"'));

const rendered: Record<string, string> = {
  'ticket.id': '48620',
  'ticket.updated_at_with_timestamp': '2026-11-12T14:07:31Z',
  'ticket.created_at_with_timestamp': '2026-11-12T13:58:02Z',
  'current_user.id': '38010120',
  'ticket.title': 'Rooster exporteert geen nachtdiensten',
  'ticket.description': 'Nachtdiensten ontbreken in de export.',
  'ticket.status': 'Open',
  'ticket.priority': '',
  'ticket.tags': 'planner  inscope_review',
  'ticket.organization.id': '9011',
  'ticket.requester.id': '38010120',
  'ticket.via': 'Web form',
  'ticket.ticket_field_360001000002': 'planner',
  'ticket.ticket_field_360001000003': '4.1',
};

function render(text: string): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_whole, name: string) => rendered[name.trim()] ?? '');
}

describe('the trigger body documented in docs/zendesk-webhooks.md', () => {
  it('is present in the doc', () => {
    expect(template).toBeDefined();
  });

  it('parses, once rendered, to a trigger delivery for the ticket', () => {
    const result = parseZendeskDelivery(JSON.parse(render(template ?? '')) as unknown, {
      'x-zendesk-webhook-invocation-id': '8350205590',
      'x-zendesk-account-id': '21234567',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.delivery).toMatchObject({
      kind: 'trigger',
      eventId: '48620-2026-11-12T14:07:31Z',
      eventType: 'ticket.updated',
      ticketId: '48620',
      occurredAt: '2026-11-12T14:07:31.000Z',
      actorId: '38010120',
      ticket: { status: 'open', tags: ['planner', 'inscope_review'], organizationId: '9011' },
    });
    expect(result.delivery.ticket).not.toHaveProperty('priority');
    expect(result.delivery.ticket?.customFields).toContainEqual({ id: '360001000002', value: 'planner' });
    expect(result.delivery.ticket?.customFields).toContainEqual({ id: '360001000004', value: '' });
  });
});
