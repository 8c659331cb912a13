// Setup calls (`inscope setup zendesk`): ticket fields and their dropdown options, custom
// statuses (which requirements.json cannot declare, PLATFORM.md), webhooks and triggers.
// Paths: specs/zendesk/ticket-fields.yml, custom-statuses.yml, triggers.yml; webhooks are not in
// the specs folder, they follow https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/
// (List/Create Webhooks `/api/v2/webhooks`, Show Webhook Signing Secret
// `/api/v2/webhooks/{webhook_id}/signing_secret` → `{signing_secret: {algorithm, secret}}`).
import { HelpdeskError } from '../../shared/helpdesk-error.js';
import { listAllPages } from './list-all-pages.js';
import type {
  ZendeskCustomStatus,
  ZendeskCustomStatusInput,
  ZendeskSigningSecret,
  ZendeskTicketField,
  ZendeskTicketFieldInput,
  ZendeskTrigger,
  ZendeskTriggerInput,
  ZendeskWebhook,
  ZendeskWebhookInput,
} from './zendesk-api-types.js';
import type { ZendeskRequest } from './zendesk-request.js';

export interface ZendeskSetupApi {
  listTicketFields(): Promise<ZendeskTicketField[]>;
  createTicketField(field: ZendeskTicketFieldInput & { readonly type: string; readonly title: string }): Promise<ZendeskTicketField>;
  /** `custom_field_options` replaces the whole list: send the existing options too. */
  updateTicketField(id: number, field: ZendeskTicketFieldInput): Promise<ZendeskTicketField>;
  listCustomStatuses(): Promise<ZendeskCustomStatus[]>;
  createCustomStatus(status: ZendeskCustomStatusInput): Promise<ZendeskCustomStatus>;
  listWebhooks(): Promise<ZendeskWebhook[]>;
  createWebhook(webhook: ZendeskWebhookInput): Promise<ZendeskWebhook>;
  /** The secret is returned to the caller only; it never appears in onCall records or errors. */
  getWebhookSigningSecret(webhookId: string): Promise<ZendeskSigningSecret>;
  listTriggers(): Promise<ZendeskTrigger[]>;
  createTrigger(trigger: ZendeskTriggerInput): Promise<ZendeskTrigger>;
}

function numericId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new HelpdeskError('validation', `Invalid Zendesk id: ${String(id)}`);
  return id;
}

export function createZendeskSetupApi(request: ZendeskRequest): ZendeskSetupApi {
  return {
    listTicketFields: () => listAllPages<ZendeskTicketField>(request, '/api/v2/ticket_fields.json', 'ticket_fields'),

    async createTicketField(field) {
      const body = await request<{ ticket_field: ZendeskTicketField }>('POST', '/api/v2/ticket_fields.json', {
        json: { ticket_field: field },
      });
      return body.ticket_field;
    },

    async updateTicketField(id, field) {
      const body = await request<{ ticket_field: ZendeskTicketField }>('PUT', `/api/v2/ticket_fields/${numericId(id)}.json`, {
        json: { ticket_field: field },
      });
      return body.ticket_field;
    },

    async listCustomStatuses() {
      const body = await request<{ custom_statuses?: ZendeskCustomStatus[] }>('GET', '/api/v2/custom_statuses.json');
      return body.custom_statuses ?? [];
    },

    async createCustomStatus(status) {
      const body = await request<{ custom_status: ZendeskCustomStatus }>('POST', '/api/v2/custom_statuses.json', {
        json: { custom_status: status },
      });
      return body.custom_status;
    },

    listWebhooks: () => listAllPages<ZendeskWebhook>(request, '/api/v2/webhooks', 'webhooks'),

    async createWebhook(webhook) {
      const body = await request<{ webhook: ZendeskWebhook }>('POST', '/api/v2/webhooks', { json: { webhook } });
      return body.webhook;
    },

    async getWebhookSigningSecret(webhookId) {
      if (!/^[A-Za-z0-9_-]+$/.test(webhookId)) throw new HelpdeskError('validation', 'Invalid Zendesk webhook id');
      const body = await request<{ signing_secret: ZendeskSigningSecret }>(
        'GET',
        `/api/v2/webhooks/${webhookId}/signing_secret`,
      );
      return body.signing_secret;
    },

    listTriggers: () => listAllPages<ZendeskTrigger>(request, '/api/v2/triggers.json', 'triggers'),

    async createTrigger(trigger) {
      const body = await request<{ trigger: ZendeskTrigger }>('POST', '/api/v2/triggers.json', { json: { trigger } });
      return body.trigger;
    },
  };
}
