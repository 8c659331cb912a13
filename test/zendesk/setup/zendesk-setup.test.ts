import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET_SETTING } from '../../../connectors/zendesk/setup/plan-webhook.js';
import { apiFixture, captureBodies, FIXTURE_SECRET, listQuery, ORIGIN, setupFixture, useZendeskCli } from './zendesk-cli-harness.js';

const cli = useZendeskCli();
const WEBHOOK_ID = '01JA7Q3ZV8M1XW4D2N6R5T9KQP';

function freshAccountReads(api: nock.Scope): nock.Scope {
  return api
    .get('/api/v2/ticket_fields.json')
    .query(listQuery)
    .reply(200, setupFixture('ticket-fields-fresh-account'))
    .get('/api/v2/custom_statuses.json')
    .reply(200, setupFixture('custom-statuses-fresh-account'))
    .get('/api/v2/webhooks')
    .query(listQuery)
    .reply(200, setupFixture('webhooks-none'));
}

describe('inscope zendesk setup on an empty account', () => {
  it('creates the Category field, both custom statuses and the webhook, and stores the signing secret', async () => {
    const config = cli.configWithoutZendesk();
    const field = captureBodies();
    const status = captureBodies();
    const webhook = captureBodies();
    const api = freshAccountReads(nock(ORIGIN))
      .post('/api/v2/ticket_fields.json', field.match)
      .reply(201, apiFixture('ticket-field'))
      .post('/api/v2/custom_statuses.json', status.match)
      .reply(201, setupFixture('custom-status-created-new'))
      .post('/api/v2/custom_statuses.json', status.match)
      .reply(201, setupFixture('custom-status-created-approved'))
      .post('/api/v2/webhooks', webhook.match)
      .reply(201, apiFixture('webhook'))
      .get(`/api/v2/webhooks/${WEBHOOK_ID}/signing_secret`)
      .reply(200, apiFixture('webhook-signing-secret'));

    const result = await cli.run(['setup', '--config', config]);

    expect(result.error?.message).toBeUndefined();
    expect(result.code).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(field.bodies).toEqual([
      {
        ticket_field: {
          type: 'tagger',
          title: 'Category',
          description: 'Call or advisory: set by InScope',
          custom_field_options: [
            { name: 'Call', value: 'call' },
            { name: 'Advisory', value: 'advisory' },
          ],
        },
      },
    ]);
    expect(status.bodies).toEqual([
      {
        custom_status: {
          status_category: 'hold',
          agent_label: 'New – awaiting acceptance',
          end_user_label: 'Being reviewed',
          description: 'InScope: a complete Call that waits for the vendor to accept it',
        },
      },
      {
        custom_status: {
          status_category: 'open',
          agent_label: 'Approved',
          end_user_label: 'In progress',
          description: 'InScope: accepted as a Call covered by the support contract',
        },
      },
    ]);
    expect(webhook.bodies).toEqual([
      {
        webhook: {
          name: 'InScope ticket events',
          description: 'Ticket events for InScope (support-contract triage)',
          endpoint: 'https://inscope.veldhuis-software.nl/webhooks/zendesk',
          http_method: 'POST',
          request_format: 'json',
          status: 'active',
          subscriptions: [
            'zen:event-type:ticket.created',
            'zen:event-type:ticket.status_changed',
            'zen:event-type:ticket.custom_field_changed',
            'zen:event-type:ticket.comment_added',
          ],
        },
      },
    ]);

    const store = cli.openStore();
    expect(await store.getSetting(WEBHOOK_SECRET_SETTING)).toBe(FIXTURE_SECRET);
    expect(result.stdout).not.toContain(FIXTURE_SECRET);
    expect(result.stdout).toContain('  created ticket field "Category" (id 360001000001)');
    expect(result.stdout).toContain('  created custom status "New – awaiting acceptance" (id 19000000101)');
    expect(result.stdout).toContain('  stored the webhook\'s signing secret in the store settings as zendesk.webhook_secret (never printed)');
    expect(result.stdout).toContain(
      [
        '  helpdesks:',
        '    zendesk:',
        '      categoryField: 360001000001',
        '      categories: { call: call, advisory: advisory }',
        '      statuses: { new: 19000000101, approved: 19000000102 }',
        '      fields: {}   # logical field → custom field id, e.g. { product: 360001000002, version: 360001000003 }',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Then set ZENDESK_WEBHOOK_SECRET');
  });

  it('prints the plan and makes no write calls with --dry-run', async () => {
    const config = cli.configWithoutZendesk();
    const api = freshAccountReads(nock(ORIGIN));

    const result = await cli.run(['setup', '--dry-run', '--config', config]);

    expect(result.code).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(result.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET']);
    const plan = result.stdout.split('\n').filter((l) => l.startsWith('  would'));
    expect(plan).toEqual([
      '  would create  ticket field "Category" (dropdown: Call → call, Advisory → advisory)',
      '  would create  custom status "New – awaiting acceptance" (category hold)',
      '  would create  custom status "Approved" (category open)',
      '  would create  webhook "InScope ticket events" → POST https://inscope.veldhuis-software.nl/webhooks/zendesk (ticket.created, ticket.status_changed, ticket.custom_field_changed, ticket.comment_added)',
      "  would store   the webhook's signing secret in the store settings as zendesk.webhook_secret (never printed)",
    ]);
    expect(result.stdout).toContain('Dry run: nothing was changed; 5 change(s) would be made.');
    expect(await cli.openStore().getSetting(WEBHOOK_SECRET_SETTING)).toBeNull();
  });
});

describe('inscope zendesk setup on a configured account', () => {
  function configuredAccount(): nock.Scope {
    return nock(ORIGIN)
      .get('/api/v2/ticket_fields.json')
      .query(listQuery)
      .reply(200, apiFixture('ticket-fields'))
      .get('/api/v2/custom_statuses.json')
      .reply(200, apiFixture('custom-statuses'))
      .get('/api/v2/webhooks')
      .query(listQuery)
      .reply(200, setupFixture('webhooks-configured'))
      .get(`/api/v2/webhooks/${WEBHOOK_ID}/signing_secret`)
      .reply(200, apiFixture('webhook-signing-secret'));
  }

  it('changes nothing when field, statuses, webhook, stored secret and ZENDESK_WEBHOOK_SECRET are in place', async () => {
    const seed = cli.openStore();
    await seed.migrate();
    await seed.putSetting(WEBHOOK_SECRET_SETTING, FIXTURE_SECRET);
    const api = configuredAccount();

    const result = await cli.run(['setup'], { ZENDESK_WEBHOOK_SECRET: FIXTURE_SECRET });

    expect(result.code).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(result.calls.every((c) => c.method === 'GET')).toBe(true);
    const plan = result.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(plan).toEqual([
      '  ok            ticket field "Category" (id 360001000001) has options call, advisory',
      '  ok            custom status "Awaiting acceptance" (id 19000000101, category hold)',
      '  ok            custom status "Approved" (id 19000000102, category open)',
      '  ok            webhook "InScope ticket events" (id 01JA7Q3ZV8M1XW4D2N6R5T9KQP) → POST https://inscope.veldhuis-software.nl/webhooks/zendesk, 4 ticket events',
      "  ok            the webhook's signing secret is stored as zendesk.webhook_secret",
      "  ok            ZENDESK_WEBHOOK_SECRET matches the webhook's signing secret",
    ]);
    expect(result.stdout).toContain('Nothing to change.');
    expect(result.stdout).not.toContain('Put these ids');
    expect(result.stdout).not.toContain(FIXTURE_SECRET);
  });

  it('stores a secret that is missing from the store and says ZENDESK_WEBHOOK_SECRET is still to be set', async () => {
    const api = configuredAccount();
    const result = await cli.run(['setup']);
    expect(result.code).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(result.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(result.stdout).toContain("  stored the webhook's signing secret");
    expect(result.stdout).toContain('Then set ZENDESK_WEBHOOK_SECRET');
    expect(result.stdout).not.toContain(FIXTURE_SECRET);
    expect(await cli.openStore().getSetting(WEBHOOK_SECRET_SETTING)).toBe(FIXTURE_SECRET);
  });

  it('adds a missing dropdown option and resends the options the field already has', async () => {
    const fields = apiFixture<{ ticket_fields: { custom_field_options?: unknown[] }[] }>('ticket-fields');
    fields.ticket_fields[0]!.custom_field_options = fields.ticket_fields[0]!.custom_field_options!.slice(0, 1);
    const update = captureBodies();
    const api = nock(ORIGIN)
      .get('/api/v2/ticket_fields.json')
      .query(listQuery)
      .reply(200, fields)
      .put('/api/v2/ticket_fields/360001000001.json', update.match)
      .reply(200, apiFixture('ticket-field'))
      .get('/api/v2/custom_statuses.json')
      .reply(200, apiFixture('custom-statuses'))
      .get('/api/v2/webhooks')
      .query(listQuery)
      .reply(200, setupFixture('webhooks-configured'))
      .get(`/api/v2/webhooks/${WEBHOOK_ID}/signing_secret`)
      .reply(200, apiFixture('webhook-signing-secret'));

    const result = await cli.run(['setup'], { ZENDESK_WEBHOOK_SECRET: FIXTURE_SECRET });

    expect(api.isDone()).toBe(true);
    expect(result.stdout).toContain('  would update  ticket field "Category" (id 360001000001): add options advisory');
    expect(update.bodies).toEqual([
      {
        ticket_field: {
          custom_field_options: [
            { name: 'Call', value: 'call' },
            { name: 'Advisory', value: 'advisory' },
          ],
        },
      },
    ]);
  });

  it('reports, without changing it, a webhook that misses event subscriptions', async () => {
    const api = nock(ORIGIN)
      .get('/api/v2/ticket_fields.json')
      .query(listQuery)
      .reply(200, apiFixture('ticket-fields'))
      .get('/api/v2/custom_statuses.json')
      .reply(200, apiFixture('custom-statuses'))
      .get('/api/v2/webhooks')
      .query(listQuery)
      .reply(200, apiFixture('webhooks'))
      .get(`/api/v2/webhooks/${WEBHOOK_ID}/signing_secret`)
      .reply(200, apiFixture('webhook-signing-secret'));

    const result = await cli.run(['setup'], { ZENDESK_WEBHOOK_SECRET: FIXTURE_SECRET });

    expect(api.isDone()).toBe(true);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      '  check         webhook "InScope ticket events" (id 01JA7Q3ZV8M1XW4D2N6R5T9KQP) is not subscribed to zen:event-type:ticket.status_changed, zen:event-type:ticket.comment_added',
    );
    expect(result.stdout).toContain('1 item(s) need attention');
  });
});

// Setup owns the Category field and the webhook (docs/zendesk-setup.md, "Who creates what"). An
// account where an older app's requirements.json created a second of each gets no third: setup keeps
// the webhook whose secret InScope holds and names the duplicates for the admin to delete.
describe('inscope zendesk setup on an account with a second Category field and webhook', () => {
  const APP_WEBHOOK_ID = '01JC2B8K4R7T1V5X9Z3M6P0QWE';
  const OTHER_SECRET = setupFixture<{ signing_secret: { secret: string } }>('webhook-signing-secret-other').signing_secret.secret;

  function duplicatedAccount(): nock.Scope {
    return nock(ORIGIN)
      .get('/api/v2/ticket_fields.json')
      .query(listQuery)
      .reply(200, setupFixture('ticket-fields-duplicated'))
      .get('/api/v2/custom_statuses.json')
      .reply(200, apiFixture('custom-statuses'))
      .get('/api/v2/webhooks')
      .query(listQuery)
      .reply(200, setupFixture('webhooks-duplicated'))
      .get(`/api/v2/webhooks/${APP_WEBHOOK_ID}/signing_secret`)
      .reply(200, setupFixture('webhook-signing-secret-other'))
      .get(`/api/v2/webhooks/${WEBHOOK_ID}/signing_secret`)
      .reply(200, apiFixture('webhook-signing-secret'));
  }

  it('creates nothing, keeps the webhook whose secret it holds and names the duplicates', async () => {
    const seed = cli.openStore();
    await seed.migrate();
    await seed.putSetting(WEBHOOK_SECRET_SETTING, FIXTURE_SECRET);
    const api = duplicatedAccount();

    const result = await cli.run(['setup'], { ZENDESK_WEBHOOK_SECRET: FIXTURE_SECRET });

    expect(api.isDone()).toBe(true);
    expect(result.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(result.code).toBe(3);
    const plan = result.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(plan).toContain('  ok            ticket field "Category" (id 360001000001) has options call, advisory');
    expect(plan).toContain(
      '  check         ticket field "Category" (id 360001000099) is a second Category dropdown: InScope reads and sets only id 360001000001; deactivate or delete this one in Admin Center → Objects and rules → Tickets → Fields',
    );
    expect(plan).toContain(`  ok            webhook "InScope ticket events" (id ${WEBHOOK_ID}) → POST https://inscope.veldhuis-software.nl/webhooks/zendesk, 4 ticket events`);
    expect(plan).toContain(
      `  check         webhook "InScope ticket events" (id ${APP_WEBHOOK_ID}) is a second webhook to https://inscope.veldhuis-software.nl/webhooks/zendesk: Zendesk signs its deliveries with a secret InScope does not hold, so the service refuses them and every event arrives twice. InScope uses id ${WEBHOOK_ID}; delete this one in Admin Center → Apps and integrations → Webhooks`,
    );
    expect(await cli.openStore().getSetting(WEBHOOK_SECRET_SETTING)).toBe(FIXTURE_SECRET);
    expect(result.stdout).not.toContain(FIXTURE_SECRET);
    expect(result.stdout).not.toContain(OTHER_SECRET);
  });

  it('with no secret stored yet, keeps the one ZENDESK_WEBHOOK_SECRET matches and stores its secret, never the other', async () => {
    const api = duplicatedAccount();

    const result = await cli.run(['setup'], { ZENDESK_WEBHOOK_SECRET: FIXTURE_SECRET });

    expect(api.isDone()).toBe(true);
    expect(result.calls.filter((c) => c.method !== 'GET')).toEqual([]);
    expect(result.stdout).toContain(`  check         webhook "InScope ticket events" (id ${APP_WEBHOOK_ID}) is a second webhook`);
    expect(await cli.openStore().getSetting(WEBHOOK_SECRET_SETTING)).toBe(FIXTURE_SECRET);
  });
});

describe('inscope zendesk setup failures', () => {
  it.each([
    [401, 'check ZENDESK_EMAIL/ZENDESK_API_TOKEN'],
    [403, 'must be an admin'],
    [404, 'check ZENDESK_SUBDOMAIN'],
  ])('explains an HTTP %i from Zendesk without showing the token', async (status, hint) => {
    nock(ORIGIN)
      .get('/api/v2/ticket_fields.json')
      .query(true)
      .reply(status, { error: 'Couldn\u2019t authenticate you' })
      .get('/api/v2/custom_statuses.json')
      .reply(status, {})
      .get('/api/v2/webhooks')
      .query(true)
      .reply(status, {});
    const result = await cli.run(['setup', '--dry-run']);
    expect(result.code).toBe('error');
    expect(result.error?.message).toContain(hint);
    expect(result.error?.message).not.toContain('fake-api-token');
  });

  it('needs INSCOPE_PUBLIC_URL for the webhook endpoint', async () => {
    const result = await cli.run(['setup'], { INSCOPE_PUBLIC_URL: undefined });
    expect(result.code).toBe('error');
    expect(result.error?.message).toContain('set INSCOPE_PUBLIC_URL');
    expect(result.calls).toHaveLength(0);
  });
});
