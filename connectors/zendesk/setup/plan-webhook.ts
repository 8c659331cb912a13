// The webhook that sends ticket events to the service, and its signing secret.
//
// Create body per the Webhooks API (https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/,
// "Create or Clone Webhook"): name, status, endpoint, http_method, request_format and subscriptions are
// mandatory; a webhook subscribed to Zendesk events must use POST and json. Ticket event types:
// https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/. A webhook's
// connection method (event subscriptions or `conditional_ticket_events` for triggers and automations)
// cannot change after creation (https://developer.zendesk.com/documentation/webhooks/creating-and-monitoring-webhooks/).
// Setup creates the event-subscription kind; the trigger kind is documented in docs/zendesk-webhooks.md
// and an existing one is accepted as it is.
//
// The signing secret goes into the store's settings table and is never printed or logged.
//
// Setup is the one owner of this webhook (docs/zendesk-setup.md, "Who creates what"): it never
// creates a second one. When an account already has several (an older app's requirements.json
// created one beside setup's), it uses the one whose secret InScope holds and names the others,
// whose deliveries the service refuses because Zendesk signs them with secrets InScope never saw.
import type { ZendeskWebhook, ZendeskWebhookInput } from '../client/zendesk-api-types.js';
import type { ZendeskSetupApi } from '../client/zendesk-setup-api.js';
import type { SetupIds, SetupStep } from './setup-step.js';

export const WEBHOOK_NAME = 'InScope ticket events';
export const WEBHOOK_SECRET_SETTING = 'zendesk.webhook_secret';
export const TRIGGER_SUBSCRIPTION = 'conditional_ticket_events';
export const WEBHOOK_EVENT_TYPES = [
  'zen:event-type:ticket.created',
  'zen:event-type:ticket.status_changed',
  'zen:event-type:ticket.custom_field_changed',
  'zen:event-type:ticket.comment_added',
] as const;

export function webhookEndpoint(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/zendesk`;
}

export function desiredWebhook(endpoint: string): ZendeskWebhookInput {
  return {
    name: WEBHOOK_NAME,
    description: 'Ticket events for InScope (support-contract triage)',
    endpoint,
    http_method: 'POST',
    request_format: 'json',
    status: 'active',
    subscriptions: [...WEBHOOK_EVENT_TYPES],
  };
}

export interface SecretStore {
  getSetting(key: string): Promise<string | null>;
  putSetting(key: string, value: string): Promise<void>;
}

export interface WebhookPlanInput {
  readonly endpoint: string;
  readonly store: SecretStore;
  /** ZENDESK_WEBHOOK_SECRET (and _PREVIOUS): compared, never shown. */
  readonly envSecrets: readonly string[];
}

/** Whether ZENDESK_WEBHOOK_SECRET already holds the webhook's secret; 'unknown' until the webhook exists. */
export type EnvSecretState = 'match' | 'differs' | 'unset' | 'unknown';

export interface WebhookPlan {
  readonly steps: SetupStep[];
  readonly envSecret: EnvSecretState;
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export async function planWebhook(
  api: Pick<ZendeskSetupApi, 'createWebhook' | 'getWebhookSigningSecret'>,
  webhooks: readonly ZendeskWebhook[],
  input: WebhookPlanInput,
  ids: SetupIds,
): Promise<WebhookPlan> {
  const steps: SetupStep[] = [];
  const what = `webhook "${WEBHOOK_NAME}"`;
  const matches = webhooks.filter((w) => sameUrl(w.endpoint, input.endpoint));
  const secretWhat = "the webhook's signing secret";
  const secretWhere = `in the store settings as ${WEBHOOK_SECRET_SETTING} (never printed)`;
  const stored = await input.store.getSetting(WEBHOOK_SECRET_SETTING);

  // With several webhooks on the endpoint, keep the one whose secret the service verifies with today
  // (stored by an earlier setup, else ZENDESK_WEBHOOK_SECRET), else the first Zendesk lists.
  const secrets = new Map<string, string>();
  const secretOf = async (id: string): Promise<string> => {
    let secret = secrets.get(id);
    if (secret === undefined) secrets.set(id, (secret = (await api.getWebhookSigningSecret(id)).secret));
    return secret;
  };
  let found = matches[0];
  if (matches.length > 1) {
    for (const candidate of matches) await secretOf(candidate.id);
    found = matches.find((w) => secrets.get(w.id) === stored) ?? matches.find((w) => input.envSecrets.includes(secrets.get(w.id)!)) ?? found;
  }
  const duplicates: SetupStep[] = [];
  if (found) {
    for (const other of webhooks.filter((w) => w !== found && (sameUrl(w.endpoint, input.endpoint) || w.name === WEBHOOK_NAME))) {
      const sameEndpoint = sameUrl(other.endpoint, input.endpoint);
      duplicates.push({
        action: 'check',
        what: `webhook "${other.name}" (id ${other.id})`,
        detail: sameEndpoint
          ? `is a second webhook to ${input.endpoint}: Zendesk signs its deliveries with a secret InScope does not hold, so the service refuses them and every event arrives twice. InScope uses id ${found.id}; delete this one in Admin Center → Apps and integrations → Webhooks`
          : `points at ${other.endpoint}, not at InScope: InScope uses id ${found.id}; delete this one in Admin Center → Apps and integrations → Webhooks`,
      });
    }
  }

  if (!found) {
    const namesake = webhooks.find((w) => w.name === WEBHOOK_NAME);
    if (namesake) {
      steps.push({
        action: 'check',
        what: `webhook "${namesake.name}" (id ${namesake.id})`,
        detail: `points at ${namesake.endpoint}, not ${input.endpoint}: change its endpoint in Admin Center → Apps and integrations → Webhooks, or delete it and run setup again`,
      });
      return { steps, envSecret: 'unknown' };
    }
    const body = desiredWebhook(input.endpoint);
    steps.push({
      action: 'create',
      what,
      detail: `→ POST ${input.endpoint} (${WEBHOOK_EVENT_TYPES.map((t) => t.replace('zen:event-type:', '')).join(', ')})`,
      apply: async () => {
        const created = await api.createWebhook(body);
        ids.webhookId = created.id;
        return `created ${what} (id ${created.id})`;
      },
    });
    steps.push({
      action: 'store',
      what: secretWhat,
      detail: secretWhere,
      apply: async () => {
        if (ids.webhookId === undefined) throw new Error('the webhook was not created');
        const { secret } = await api.getWebhookSigningSecret(ids.webhookId);
        await input.store.putSetting(WEBHOOK_SECRET_SETTING, secret);
        return `stored ${secretWhat} ${secretWhere}`;
      },
    });
    return { steps, envSecret: input.envSecrets.length > 0 ? 'differs' : 'unset' };
  }

  ids.webhookId = found.id;
  const label = `${what} (id ${found.id})`;
  const subscriptions = found.subscriptions ?? [];
  if (subscriptions.includes(TRIGGER_SUBSCRIPTION)) {
    steps.push({ action: 'ok', what: label, detail: 'is a trigger webhook: a trigger must send the body in docs/zendesk-webhooks.md' });
  } else {
    const missing = WEBHOOK_EVENT_TYPES.filter((t) => !subscriptions.includes(t));
    if (missing.length > 0) {
      steps.push({
        action: 'check',
        what: label,
        detail: `is not subscribed to ${missing.join(', ')}: add them in Admin Center → Apps and integrations → Webhooks`,
      });
    } else {
      steps.push({ action: 'ok', what: label, detail: `→ ${found.http_method} ${found.endpoint}, ${subscriptions.length} ticket events` });
    }
  }
  if (found.status !== 'active') steps.push({ action: 'check', what: label, detail: 'is inactive: activate it in Admin Center → Apps and integrations → Webhooks' });

  const secret = await secretOf(found.id);
  if (stored === secret) {
    steps.push({ action: 'ok', what: secretWhat, detail: `is stored as ${WEBHOOK_SECRET_SETTING}` });
  } else {
    steps.push({
      action: 'store',
      what: secretWhat,
      detail: secretWhere,
      apply: async () => {
        await input.store.putSetting(WEBHOOK_SECRET_SETTING, secret);
        return `stored ${secretWhat} ${secretWhere}`;
      },
    });
  }
  const envSecret: EnvSecretState = input.envSecrets.length === 0 ? 'unset' : input.envSecrets.includes(secret) ? 'match' : 'differs';
  if (envSecret === 'match') steps.push({ action: 'ok', what: 'ZENDESK_WEBHOOK_SECRET', detail: "matches the webhook's signing secret" });
  if (envSecret === 'differs') steps.push({ action: 'check', what: 'ZENDESK_WEBHOOK_SECRET', detail: "does not match the webhook's signing secret: the service refuses its deliveries" });
  steps.push(...duplicates);
  return { steps, envSecret };
}
