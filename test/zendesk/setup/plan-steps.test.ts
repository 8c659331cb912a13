import { describe, expect, it } from 'vitest';
import type { ZendeskCustomStatus, ZendeskWebhook } from '../../../connectors/zendesk/client/index.js';
import type { ZendeskSetupApi } from '../../../connectors/zendesk/client/zendesk-setup-api.js';
import { planCustomStatuses } from '../../../connectors/zendesk/setup/plan-custom-statuses.js';
import { planWebhook, WEBHOOK_EVENT_TYPES } from '../../../connectors/zendesk/setup/plan-webhook.js';
import { configAdvice } from '../../../connectors/zendesk/setup/run-zendesk-setup.js';
import type { SetupIds } from '../../../connectors/zendesk/setup/setup-step.js';

const refuse = (): never => {
  throw new Error('planning must not write');
};
const api = {
  createCustomStatus: refuse,
  createWebhook: refuse,
  getWebhookSigningSecret: async () => ({ algorithm: 'SHA256', secret: 'plan-test-secret' }),
} satisfies Partial<ZendeskSetupApi>;

const status = (id: number, category: ZendeskCustomStatus['status_category'], label: string, active = true): ZendeskCustomStatus => ({
  id,
  status_category: category,
  agent_label: label,
  active,
});
const approved = status(19000000102, 'open', 'Approved');

describe('planCustomStatuses', () => {
  it.each([
    ['a label with a plain hyphen and other case', status(501, 'hold', 'new - Awaiting Acceptance'), 'ok'],
    ['an awaiting-acceptance status in the open category', status(502, 'open', 'New – awaiting acceptance'), 'ok'],
    ['an awaiting-acceptance status in the pending category', status(503, 'pending', 'New – awaiting acceptance'), 'check'],
    ['an inactive awaiting-acceptance status', status(504, 'hold', 'New – awaiting acceptance', false), 'check'],
  ] as const)('treats %s as %s', (_name, existing, action) => {
    const ids: SetupIds = { statuses: {} };
    const steps = planCustomStatuses(api, [existing, approved], {}, ids);
    expect(steps.map((s) => s.action)).toEqual([action, 'ok']);
    expect(ids.statuses).toEqual({ new: existing.id, approved: approved.id });
  });

  it('reports a configured id that the account does not have and finds the status by its label', () => {
    const ids: SetupIds = { statuses: {} };
    const steps = planCustomStatuses(api, [status(601, 'hold', 'New – awaiting acceptance'), approved], { new: 999 }, ids);
    expect(steps[0]).toMatchObject({ action: 'check', what: 'statuses.new 999' });
    expect(ids.statuses.new).toBe(601);
  });
});

describe('planWebhook', () => {
  const store = { getSetting: async () => null, putSetting: refuse };
  const webhook = (overrides: Partial<ZendeskWebhook>): ZendeskWebhook => ({
    id: '01JA7Q3ZV8M1XW4D2N6R5T9KQP',
    name: 'InScope ticket events',
    endpoint: 'https://inscope.veldhuis-software.nl/webhooks/zendesk',
    status: 'active',
    http_method: 'POST',
    request_format: 'json',
    subscriptions: [...WEBHOOK_EVENT_TYPES],
    ...overrides,
  });
  const input = { endpoint: 'https://inscope.veldhuis-software.nl/webhooks/zendesk', store, envSecrets: [] };

  it('accepts an existing trigger webhook as it is', async () => {
    const plan = await planWebhook(api, [webhook({ subscriptions: ['conditional_ticket_events'] })], input, { statuses: {} });
    expect(plan.steps[0]).toMatchObject({ action: 'ok' });
    expect(plan.steps[0]?.detail).toContain('trigger webhook');
  });

  it('does not create a second webhook when InScope\'s points at another address', async () => {
    const plan = await planWebhook(api, [webhook({ endpoint: 'https://old-host.example/webhooks/zendesk' })], input, { statuses: {} });
    expect(plan.steps.map((s) => s.action)).toEqual(['check']);
    expect(plan.steps[0]?.detail).toContain('points at https://old-host.example/webhooks/zendesk');
  });

  it('uses the webhook on its endpoint and names a namesake that points elsewhere (an app install with an unresolved {{setting.connectorUrl}})', async () => {
    const stray = webhook({ id: '01JC2B8K4R7T1V5X9Z3M6P0QWE', endpoint: '{{setting.connectorUrl}}/webhooks/zendesk' });
    const ids: SetupIds = { statuses: {} };
    const plan = await planWebhook(api, [stray, webhook({})], input, ids);
    expect(ids.webhookId).toBe('01JA7Q3ZV8M1XW4D2N6R5T9KQP');
    expect(plan.steps.filter((s) => s.action === 'create')).toEqual([]);
    expect(plan.steps.at(-1)).toMatchObject({
      action: 'check',
      what: 'webhook "InScope ticket events" (id 01JC2B8K4R7T1V5X9Z3M6P0QWE)',
      detail: 'points at {{setting.connectorUrl}}/webhooks/zendesk, not at InScope: InScope uses id 01JA7Q3ZV8M1XW4D2N6R5T9KQP; delete this one in Admin Center → Apps and integrations → Webhooks',
    });
  });

  it('flags an inactive webhook and a ZENDESK_WEBHOOK_SECRET that differs, without showing either secret', async () => {
    const plan = await planWebhook(api, [webhook({ status: 'inactive' })], { ...input, envSecrets: ['some-other-secret'] }, { statuses: {} });
    expect(plan.envSecret).toBe('differs');
    expect(plan.steps.filter((s) => s.action === 'check').map((s) => s.what)).toEqual([
      'webhook "InScope ticket events" (id 01JA7Q3ZV8M1XW4D2N6R5T9KQP)',
      'ZENDESK_WEBHOOK_SECRET',
    ]);
    expect(JSON.stringify(plan.steps)).not.toMatch(/plan-test-secret|some-other-secret/);
  });
});

describe('configAdvice', () => {
  const mapping = { categoryField: 360001000001, categories: { call: 'call', advisory: 'advisory' }, statuses: { new: 19000000101, approved: 19000000102 } };

  it('has nothing to say when the config already carries the account ids', () => {
    expect(configAdvice({ categoryField: 360001000001, statuses: { new: 19000000101, approved: 19000000102 } }, mapping)).toEqual([]);
  });

  it('names only the lines that differ', () => {
    expect(configAdvice({ categoryField: 360009999999, statuses: { new: 19000000101, approved: 19000000102 } }, mapping)).toEqual([
      'helpdesks:',
      '  zendesk:',
      '    categoryField: 360009999999',
    ]);
  });
});
