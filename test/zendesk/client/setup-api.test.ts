import { describe, expect, it } from 'vitest';
import { BASIC, createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

function capture(): { body: unknown; match: (b: unknown) => boolean } {
  const holder = {
    body: undefined as unknown,
    match: (b: unknown) => {
      holder.body = b;
      return true;
    },
  };
  return holder;
}

describe('setup calls', () => {
  it('lists ticket fields with their dropdown options', async () => {
    const h = createHarness();
    h.api.get('/api/v2/ticket_fields.json').query({ 'page[size]': '100' }).reply(200, fixture('ticket-fields'));
    const fields = await h.client.listTicketFields();
    expect(fields.map((f) => f.id)).toEqual([360001000001, 360001000003]);
    expect(fields[0]?.custom_field_options?.map((o) => o.value)).toEqual(['call', 'advisory']);
  });

  it('creates a dropdown ticket field wrapped in ticket_field', async () => {
    const h = createHarness();
    const req = capture();
    h.api.post('/api/v2/ticket_fields.json', req.match).matchHeader('authorization', BASIC).reply(201, fixture('ticket-field'));
    const input = {
      type: 'tagger',
      title: 'Category',
      custom_field_options: [
        { name: 'Call', value: 'call' },
        { name: 'Advisory', value: 'advisory' },
      ],
    };
    const field = await h.client.createTicketField(input);
    expect(req.body).toEqual({ ticket_field: input });
    expect(field.id).toBe(360001000001);
  });

  it('updates a field with its complete option list', async () => {
    const h = createHarness();
    const req = capture();
    h.api.put('/api/v2/ticket_fields/360001000001.json', req.match).reply(200, fixture('ticket-field'));
    const options = [
      { name: 'Call', value: 'call' },
      { name: 'Advisory', value: 'advisory' },
    ];
    await h.client.updateTicketField(360001000001, { custom_field_options: options });
    expect(req.body).toEqual({ ticket_field: { custom_field_options: options } });
  });

  it('lists and creates custom statuses', async () => {
    const h = createHarness();
    const req = capture();
    h.api.get('/api/v2/custom_statuses.json').reply(200, fixture('custom-statuses'));
    h.api.post('/api/v2/custom_statuses.json', req.match).reply(201, fixture('custom-status'));
    const statuses = await h.client.listCustomStatuses();
    expect(statuses.map((s) => [s.id, s.status_category])).toEqual([
      [19000000101, 'hold'],
      [19000000102, 'open'],
    ]);
    const input = { status_category: 'hold', agent_label: 'Awaiting acceptance', end_user_label: 'Being reviewed' } as const;
    const created = await h.client.createCustomStatus(input);
    expect(req.body).toEqual({ custom_status: input });
    expect(created.id).toBe(19000000101);
  });

  it('lists and creates webhooks on the un-suffixed webhooks path', async () => {
    const h = createHarness();
    const req = capture();
    h.api.get('/api/v2/webhooks').query({ 'page[size]': '100' }).reply(200, fixture('webhooks'));
    h.api.post('/api/v2/webhooks', req.match).reply(201, fixture('webhook'));
    const webhooks = await h.client.listWebhooks();
    expect(webhooks[0]?.id).toBe('01JA7Q3ZV8M1XW4D2N6R5T9KQP');
    const input = {
      name: 'InScope ticket events',
      endpoint: 'https://inscope.veldhuis-software.nl/webhooks/zendesk',
      status: 'active',
      http_method: 'POST',
      request_format: 'json',
      subscriptions: ['zen:event-type:ticket.created', 'zen:event-type:ticket.custom_field_changed'],
    } as const;
    await h.client.createWebhook(input);
    expect(req.body).toEqual({ webhook: input });
  });

  it('returns the webhook signing secret but never records it', async () => {
    const h = createHarness();
    h.api
      .get('/api/v2/webhooks/01JA7Q3ZV8M1XW4D2N6R5T9KQP/signing_secret')
      .reply(200, fixture('webhook-signing-secret'));
    const secret = await h.client.getWebhookSigningSecret('01JA7Q3ZV8M1XW4D2N6R5T9KQP');
    expect(secret).toEqual({ algorithm: 'SHA256', secret: 'fixture-signing-secret-not-a-real-one' });
    expect(JSON.stringify(h.calls)).not.toContain('fixture-signing-secret');
  });

  it('refuses a webhook id that would change the path', async () => {
    const h = createHarness();
    await expect(h.client.getWebhookSigningSecret('../../users/me')).rejects.toMatchObject({ kind: 'validation' });
    expect(h.calls).toHaveLength(0);
  });

  it('lists triggers across pages and creates one', async () => {
    const h = createHarness();
    const req = capture();
    h.api.get('/api/v2/triggers.json').query({ 'page[size]': '100' }).reply(200, fixture('triggers-page-1'));
    h.api
      .get('/api/v2/triggers.json')
      .query({ 'page[size]': '100', 'page[after]': 'eyJvIjoicG9zaXRpb24iLCJ2IjoiT1E9PSJ9' })
      .reply(200, fixture('triggers-page-2'));
    h.api.post('/api/v2/triggers.json', req.match).reply(201, fixture('trigger'));
    const triggers = await h.client.listTriggers();
    expect(triggers.map((t) => t.id)).toEqual([360002000001, 360002000002]);
    const input = {
      title: 'InScope: notify on category change',
      active: true,
      conditions: { all: [{ field: 'custom_fields_360001000001', operator: 'changed' }] },
      actions: [{ field: 'notification_webhook', value: ['01JA7Q3ZV8M1XW4D2N6R5T9KQP', '{"ticket_id": "{{ticket.id}}"}'] }],
    };
    const created = await h.client.createTrigger(input);
    expect(req.body).toEqual({ trigger: input });
    expect(created.id).toBe(360002000001);
  });
});
