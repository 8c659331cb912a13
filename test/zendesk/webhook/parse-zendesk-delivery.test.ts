import { describe, expect, it } from 'vitest';
import { parseZendeskDelivery } from '../../../connectors/zendesk/webhook/parse-zendesk-delivery.js';
import type { ZendeskDelivery } from '../../../connectors/zendesk/webhook/zendesk-delivery.js';
import { loadWebhookFixture } from './load-webhook-fixture.js';

const headers = { 'x-zendesk-webhook-invocation-id': '8350205582', 'x-zendesk-account-id': '21234567' };

const expected: [string, ZendeskDelivery][] = [
  [
    'event-ticket-created.json',
    {
      kind: 'event',
      accountId: '21234567',
      deliveryId: '8350205582',
      eventId: '5f0c3e2a-8d1b-4c7e-9a44-2b1f6d8e0c11',
      eventType: 'ticket.created',
      ticketId: '48213',
      occurredAt: '2026-11-02T08:41:12.672Z',
      actorId: '38010001',
      ticket: {
        subject: 'Foutmelding bij importeren bankafschrift',
        description:
          "Bij het inlezen van het bankafschrift in Veldhuis Finance 10.2 (module banking) krijgen we de melding 'MT940 parse error regel 14'. Stappen: Bank > Importeren > bestand kiezen.",
        status: 'new',
        customStatusId: '19000000001',
        tags: ['finance', 'web_widget'],
        organizationId: '9001',
        requesterId: '38010001',
        createdAt: '2026-11-02T08:41:12.000Z',
        updatedAt: '2026-11-02T08:41:12.000Z',
        priority: 'normal',
        via: 'web_form',
      },
    },
  ],
  [
    'event-ticket-status-changed.json',
    {
      kind: 'event',
      accountId: '21234567',
      deliveryId: '8350205582',
      eventId: 'a8b9c1d2-3e4f-4a6b-8c8d-9e0f1a2b3c4d',
      eventType: 'ticket.status_changed',
      ticketId: '48213',
      occurredAt: '2026-11-02T09:03:47.987Z',
      actorId: '38000011',
      ticket: {
        subject: 'Foutmelding bij importeren bankafschrift',
        description:
          "Bij het inlezen van het bankafschrift in Veldhuis Finance 10.2 (module banking) krijgen we de melding 'MT940 parse error regel 14'.",
        status: 'open',
        customStatusId: '19000000102',
        tags: ['finance', 'inscope_covered', 'web_widget'],
        organizationId: '9001',
        requesterId: '38010001',
        createdAt: '2026-11-02T08:41:12.000Z',
        updatedAt: '2026-11-02T09:03:47.000Z',
        priority: 'high',
        via: 'web_form',
      },
    },
  ],
  [
    'event-ticket-custom-field-changed.json',
    {
      kind: 'event',
      accountId: '21234567',
      deliveryId: '8350205582',
      eventId: '0e7d6c5b-4a39-4281-b7f6-e5d4c3b2a190',
      eventType: 'ticket.custom_field_changed',
      ticketId: '48377',
      occurredAt: '2026-11-05T13:24:40.113Z',
      actorId: '38010044',
      ticket: {
        subject: 'Heffingskorting klopt niet',
        description: 'Loonstroken van oktober tonen een verkeerde heffingskorting.',
        status: 'new',
        customStatusId: '19000000001',
        tags: [],
        organizationId: '9010',
        requesterId: '38010044',
        createdAt: '2026-11-05T13:20:02.000Z',
        updatedAt: '2026-11-05T13:24:40.000Z',
        customFields: [{ id: '360001000002', value: 'payroll' }],
        via: 'email',
      },
    },
  ],
  [
    'event-ticket-comment-added.json',
    {
      kind: 'event',
      accountId: '21234567',
      deliveryId: '8350205582',
      eventId: 'd4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52',
      eventType: 'ticket.comment_added',
      ticketId: '48502',
      occurredAt: '2026-11-10T11:15:09.123Z',
      actorId: '38010087',
      ticket: {
        subject: 'Connect REST API returns 401',
        description: 'Our REST API integration returns 401 since this morning.',
        status: 'pending',
        customStatusId: '19000000002',
        tags: ['connect'],
        organizationId: '9004',
        requesterId: '38010087',
        createdAt: '2026-11-10T10:02:55.000Z',
        updatedAt: '2026-11-10T11:15:09.000Z',
        priority: 'urgent',
        via: 'email',
      },
      comment: {
        authorId: '38010087',
        body: "Version is Veldhuis Connect 3.0, error text: 'invalid_client: token signature mismatch'.",
        public: true,
      },
    },
  ],
  [
    'trigger-ticket-updated.json',
    {
      kind: 'trigger',
      accountId: '21234567',
      deliveryId: '8350205582',
      eventId: '48620-2026-11-12T14:07:31Z',
      eventType: 'ticket.updated',
      ticketId: '48620',
      occurredAt: '2026-11-12T14:07:31.000Z',
      actorId: '38010120',
      ticket: {
        subject: 'Rooster exporteert geen nachtdiensten',
        description: 'In Veldhuis Planner 4.1 worden nachtdiensten niet meegenomen in de export naar timesheets.',
        status: 'open',
        tags: ['planner', 'inscope_review'],
        organizationId: '9011',
        requesterId: '38010120',
        createdAt: '2026-11-12T13:58:02.000Z',
        updatedAt: '2026-11-12T14:07:31.000Z',
        customFields: [
          { id: '360001000001', value: 'call' },
          { id: '360001000002', value: 'planner' },
          { id: '360001000003', value: '4.1' },
          { id: '360001000004', value: '' },
          { id: '360001000005', value: '' },
        ],
        priority: 'normal',
        via: 'Web form',
      },
    },
  ],
];

type Json = Record<string, unknown>;
const fixture = (name: string): Json => structuredClone(loadWebhookFixture(name).json) as Json;
const detailOf = (json: Json): Json => json['detail'] as Json;
const ticketOf = (json: Json): Json => json['ticket'] as Json;

describe('parseZendeskDelivery', () => {
  it.each(expected)('maps %s to a ZendeskDelivery', (name, delivery) => {
    expect(parseZendeskDelivery(fixture(name), headers)).toEqual({ ok: true, delivery });
  });

  it('prefers the signed account_id in the body over the unsigned header', () => {
    const result = parseZendeskDelivery(fixture('event-ticket-created.json'), { ...headers, 'x-zendesk-account-id': '999' });
    expect(result.ok && result.delivery.accountId).toBe('21234567');
  });

  it('takes the account id from the header when the trigger body has none', () => {
    const result = parseZendeskDelivery(fixture('trigger-ticket-updated.json'), { ...headers, 'x-zendesk-account-id': '555' });
    expect(result.ok && result.delivery.accountId).toBe('555');
  });

  it('acknowledges but does not map an event type InScope does not act on', () => {
    expect(parseZendeskDelivery(fixture('event-user-created.json'), headers)).toEqual({
      ok: false,
      reason: 'unsupported',
      eventType: 'user.created',
    });
  });

  it('accepts numeric ids and treats empty trigger placeholders as absent', () => {
    const json = fixture('trigger-ticket-updated.json');
    Object.assign(ticketOf(json), { id: 48620, organization_id: '', requester_id: null, priority: '' });
    const result = parseZendeskDelivery(json, headers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.delivery.ticketId).toBe('48620');
    expect(result.delivery.ticket).not.toHaveProperty('organizationId');
    expect(result.delivery.ticket).not.toHaveProperty('requesterId');
    expect(result.delivery.ticket).not.toHaveProperty('priority');
  });

  it.each([
    ['007', '7'],
    ['  48620 ', '48620'],
    ['9007199254740991', '9007199254740991'],
  ])('writes ticket id %j as %j, so one ticket has one id', (given, canonical) => {
    const event = fixture('event-ticket-created.json');
    detailOf(event)['id'] = given;
    const trigger = fixture('trigger-ticket-updated.json');
    ticketOf(trigger)['id'] = given;
    for (const json of [event, trigger]) {
      const result = parseZendeskDelivery(json, headers);
      expect(result.ok && result.delivery.ticketId).toBe(canonical);
    }
  });

  it('ignores fields it does not read', () => {
    const json = fixture('event-ticket-created.json');
    Object.assign(detailOf(json), { brand_id: { unexpected: ['shape'] }, something_new: 42 });
    expect(parseZendeskDelivery(json, headers).ok).toBe(true);
  });

  it.each<[string, string, (json: Json) => void, string]>([
    ['an event without a ticket id', 'event-ticket-created.json', (json) => delete detailOf(json)['id'], 'detail.id'],
    ['an event with a non-numeric ticket id', 'event-ticket-created.json', (json) => (detailOf(json)['id'] = 'abc'), 'detail.id'],
    ['an event without an event id', 'event-ticket-created.json', (json) => delete json['id'], 'id'],
    ['an event with an unparseable time', 'event-ticket-created.json', (json) => (json['time'] = 'yesterday'), 'time'],
    ['a status change without the event object', 'event-ticket-status-changed.json', (json) => (json['event'] = 'OPEN'), 'event'],
    ['a field change without the field id', 'event-ticket-custom-field-changed.json', (json) => ((json['event'] as Json)['custom_field'] = {}), 'event.custom_field.id'],
    ['a comment event without the comment', 'event-ticket-comment-added.json', (json) => (json['event'] = {}), 'event.comment'],
    ['an event with a 40-digit ticket id (it would become 1e+40)', 'event-ticket-created.json', (json) => (detailOf(json)['id'] = '1'.repeat(40)), 'detail.id'],
    ['a trigger body with a ticket id past 2^53 as a JSON number', 'trigger-ticket-updated.json', (json) => (ticketOf(json)['id'] = 1e40), 'ticket.id'],
    ['a trigger body without a ticket id', 'trigger-ticket-updated.json', (json) => delete ticketOf(json)['id'], 'ticket.id'],
    ['a trigger body whose placeholder rendered no ticket id', 'trigger-ticket-updated.json', (json) => (ticketOf(json)['id'] = ''), 'ticket.id'],
    ['a trigger body without an event id', 'trigger-ticket-updated.json', (json) => delete json['event_id'], 'event_id'],
    ['a trigger body without the ticket\'s created_at (the rules date the request by it)', 'trigger-ticket-updated.json', (json) => delete ticketOf(json)['created_at'], 'ticket.created_at'],
    ['a trigger body whose created_at placeholder rendered nothing', 'trigger-ticket-updated.json', (json) => (ticketOf(json)['created_at'] = ''), 'ticket.created_at'],
    ['a trigger body with the wrong marker', 'trigger-ticket-updated.json', (json) => (json['inscope'] = 2), 'inscope'],
    ['a body that is neither an event nor a trigger', 'trigger-ticket-updated.json', (json) => delete json['inscope'], 'type'],
  ])('rejects %s, naming the path', (_name, file, change, path) => {
    const json = fixture(file);
    change(json);
    const result = parseZendeskDelivery(json, headers);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'invalid') throw new Error('expected an invalid result');
    expect(result.issues.map((issue) => issue.path)).toContain(path);
  });

  it('rejects a delivery without an invocation id header', () => {
    const result = parseZendeskDelivery(fixture('event-ticket-created.json'), { 'x-zendesk-account-id': '21234567' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [{ path: 'headers.x-zendesk-webhook-invocation-id' }] });
  });

  it('rejects a trigger body when no account id is known', () => {
    const result = parseZendeskDelivery(fixture('trigger-ticket-updated.json'), { 'x-zendesk-webhook-invocation-id': '1' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [{ path: 'headers.x-zendesk-account-id' }] });
  });

  it.each([null, [], 'text', 42])('rejects a JSON body that is not an object (%j)', (json) => {
    expect(parseZendeskDelivery(json, headers)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
