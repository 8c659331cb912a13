// The Jira half of the connector service, composed in one place so that start-service.ts only
// mounts its router and hands Jira jobs to its adapter: the client (when credentials are set), the
// live or shadow adapter, the bot's accountId, and the `POST /webhooks/jira` intake that stores
// deliveries in the shared queue under helpdesk 'jira'. Given a shared rate budget (PostgreSQL), the
// client draws from the site's one token bucket, `jira:<site host>`, with every other instance.
import type { Router } from 'express';
import type { CoverageConfig } from '../config/config-schema.js';
import type { HelpdeskPort } from '../core/helpdesk-port.js';
import type { CallRecord } from '../shared/call-record.js';
import { createSharedPacer, type RateBudget } from '../shared/create-shared-pacer.js';
import type { Store } from '../store/store.js';
import { createJiraClient, type JiraAuth, type JiraClient } from './client/create-jira-client.js';
import { createJiraHelpdesk } from './create-jira-helpdesk.js';
import { createShadowJiraHelpdesk } from './create-shadow-jira-helpdesk.js';
import { EMPTY_JIRA_MAPPING } from './jira-mapping.js';
import { JIRA_SECRET_SETTING } from './setup/run-jira-setup.js';
import { createJiraWebhookRouter } from './webhook/create-jira-webhook-router.js';

export interface JiraSettings {
  readonly siteUrl: string;
  readonly auth: JiraAuth;
}

export interface ComposeJiraOptions {
  readonly jira: JiraSettings | null;
  readonly webhookSecrets: readonly string[];
  readonly botAccountId: string | null;
  /** Requests per minute for the site: this process's pace, or all instances' together with a rateBudget. */
  readonly rateLimitPerMinute: number;
  /** The budget every instance on the database shares (openRateBudget); null or absent: paced per process. */
  readonly rateBudget?: RateBudget | null;
  /** The shared budget could not be reached: the request waits for it, then paces in-process. */
  readonly onBudgetError?: (error: unknown) => void;
  readonly config: CoverageConfig;
  readonly store: Store;
  readonly now: () => number;
  readonly delayScale?: number;
  readonly random?: () => number;
  readonly onCall: (call: CallRecord) => void;
  readonly onDelivery: (result: string) => void;
  readonly wake: () => void;
}

export interface ComposedJira {
  readonly mode: 'live' | 'shadow';
  readonly client: JiraClient | null;
  readonly helpdesk: HelpdeskPort;
  readonly router: Router;
  /** The store's account key for Jira: the site's host name. */
  readonly accountId: string;
  readonly botAccountId: string | null;
  /** Where the webhook signing secret came from (`inscope jira setup` stores one when the environment has none). */
  readonly webhookSecretSource: 'environment' | 'store' | 'none';
}

/** How often a failing signature may read the stored secret again. */
const SECRET_RELOAD_MS = 1000;

/** The site's host name; a URL that does not parse is left to createJiraClient's config error. */
function siteHost(siteUrl: string): string {
  return URL.canParse(siteUrl) ? new URL(siteUrl).host : siteUrl;
}

export async function composeJira(options: ComposeJiraOptions): Promise<ComposedJira> {
  const mapping = options.config.helpdesks?.jira;
  const live = options.config.connector.mode !== 'shadow' && options.jira !== null && mapping !== undefined;
  const client =
    live && options.jira
      ? createJiraClient({
          siteUrl: options.jira.siteUrl,
          auth: options.jira.auth,
          rateLimitPerMinute: options.rateLimitPerMinute,
          ...(options.rateBudget && {
            pacer: createSharedPacer({
              budget: options.rateBudget,
              account: `jira:${siteHost(options.jira.siteUrl)}`,
              ratePerMinute: options.rateLimitPerMinute,
              ...(options.delayScale !== undefined && { delayScale: options.delayScale }),
              ...(options.onBudgetError && { onError: options.onBudgetError }),
            }),
          }),
          now: options.now,
          onCall: options.onCall,
          ...(options.delayScale !== undefined && { delayScale: options.delayScale }),
          ...(options.random !== undefined && { random: options.random }),
        })
      : null;
  const helpdesk = client && mapping ? createJiraHelpdesk(client, mapping, { now: options.now }) : createShadowJiraHelpdesk(mapping ?? EMPTY_JIRA_MAPPING);
  // InScope's own edits fire jira:issue_updated; knowing its accountId drops them at the door.
  let botAccountId = options.botAccountId;
  if (client && botAccountId === null) {
    try {
      botAccountId = (await client.getMyself()).accountId;
    } catch {
      botAccountId = null;
    }
  }
  const accountId = options.jira ? new URL(options.jira.siteUrl).host : 'default';
  // `inscope jira setup` keeps the webhook's secret in the store when none is in the environment,
  // possibly while the service runs: then a delivery while none is known, or a failing signature
  // (at most once per SECRET_RELOAD_MS, so forged deliveries cannot make every request a store
  // read), reads the store again.
  const stored = options.webhookSecrets.length === 0 ? await options.store.getSetting(JIRA_SECRET_SETTING) : null;
  let secrets: readonly string[] = stored ? [stored] : options.webhookSecrets;
  let reloadedAt = Number.NEGATIVE_INFINITY;
  const reloadSecrets = async (): Promise<readonly string[]> => {
    // Without any secret every delivery is refused with 503 anyway: read at once, so the first
    // delivery after setup stored one is taken.
    if (secrets.length > 0 && options.now() - reloadedAt < SECRET_RELOAD_MS) return secrets;
    reloadedAt = options.now();
    const current = await options.store.getSetting(JIRA_SECRET_SETTING);
    if (current) secrets = [current];
    return secrets;
  };
  const router = createJiraWebhookRouter({
    secrets: () => secrets,
    ...(options.webhookSecrets.length === 0 && { reloadSecrets }),
    botAccountId: () => botAccountId,
    now: options.now,
    accept: async (delivery) => {
      const result = await options.store.recordDelivery({
        helpdesk: 'jira',
        accountId,
        deliveryId: delivery.deliveryId,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        ticketId: delivery.ticketId,
        receivedAt: options.now(),
        payload: JSON.stringify(delivery),
      });
      options.onDelivery(result.status);
      if (result.status === 'accepted') options.wake();
      return { status: result.status };
    },
    onRejected: (reason) => options.onDelivery(reason),
    onIgnored: (why) => options.onDelivery(why),
  });
  const webhookSecretSource = stored ? 'store' : options.webhookSecrets.length > 0 ? 'environment' : 'none';
  return { mode: client ? 'live' : 'shadow', client, helpdesk, router, accountId, botAccountId, webhookSecretSource };
}
