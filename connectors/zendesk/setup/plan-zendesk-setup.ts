// Reads what the Zendesk account already has (ticket fields, custom statuses, webhooks) and plans
// the steps that bring it to what InScope needs. Planning only reads; the steps' `apply` writes.
import type { ZendeskSetupApi } from '../client/zendesk-setup-api.js';
import { planCategoryField } from './plan-category-field.js';
import { planCustomStatuses } from './plan-custom-statuses.js';
import { planWebhook, type EnvSecretState, type SecretStore } from './plan-webhook.js';
import type { SetupIds, SetupStep } from './setup-step.js';

/** The parts of `helpdesks.zendesk` that setup compares with the account. */
export interface ZendeskSetupMapping {
  readonly categoryField?: number;
  readonly categories?: { readonly call: string; readonly advisory: string };
  readonly statuses?: { readonly new?: number; readonly approved?: number };
}

export interface ZendeskSetupTarget {
  /** Absent when the config has no `helpdesks.zendesk` yet. */
  readonly mapping?: ZendeskSetupMapping;
  /** `${INSCOPE_PUBLIC_URL}/webhooks/zendesk`. */
  readonly endpoint: string;
  readonly store: SecretStore;
  readonly envSecrets: readonly string[];
}

export interface ZendeskSetupPlan {
  readonly steps: readonly SetupStep[];
  /** Filled with what exists now; `apply` fills in what it creates. */
  readonly ids: SetupIds;
  readonly envSecret: EnvSecretState;
}

export const DEFAULT_CATEGORY_TAGS = { call: 'call', advisory: 'advisory' } as const;

export async function planZendeskSetup(api: ZendeskSetupApi, target: ZendeskSetupTarget): Promise<ZendeskSetupPlan> {
  const [fields, statuses, webhooks] = await Promise.all([api.listTicketFields(), api.listCustomStatuses(), api.listWebhooks()]);
  const ids: SetupIds = { statuses: {} };
  const mapping = target.mapping ?? {};
  const webhook = await planWebhook(api, webhooks, { endpoint: target.endpoint, store: target.store, envSecrets: target.envSecrets }, ids);
  const steps = [
    ...planCategoryField(
      api,
      fields,
      { ...(mapping.categoryField !== undefined && { configuredId: mapping.categoryField }), tags: mapping.categories ?? DEFAULT_CATEGORY_TAGS },
      ids,
    ),
    ...planCustomStatuses(api, statuses, mapping.statuses ?? {}, ids),
    ...webhook.steps,
  ];
  return { steps, ids, envSecret: webhook.envSecret };
}
