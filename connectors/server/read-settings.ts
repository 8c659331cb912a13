// The service's settings from environment variables, validated once at start-up. Errors name the
// variable and what was expected, never the value (it may be a secret).
import path from 'node:path';
import { z } from 'zod';
import { defaultConfigPath, projectRoot } from '../cli/load-cli-config.js';
import type { JiraSettings } from '../jira/compose-jira.js';
import { SettingsError } from '../shared/settings-error.js';

export interface ZendeskCredentials {
  readonly subdomain: string;
  readonly auth: { readonly email: string; readonly apiToken: string } | { readonly oauthToken: string };
}

export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly configFile: string;
  readonly databaseUrl: string;
  readonly zendesk: ZendeskCredentials | null;
  readonly zendeskSubdomain: string | null;
  readonly webhookSecrets: readonly string[];
  readonly appSecret: string | null;
  readonly publicUrl: string;
  readonly workers: number;
  readonly rateLimitPerMinute: number;
  /** Overrides https://{subdomain}.zendesk.com: a proxy, or a loopback double in tests. */
  readonly zendeskBaseUrl: string | null;
  /** InScope's own Zendesk user; read from /api/v2/users/me at start when not set. */
  readonly zendeskBotUserId: string | null;
  /** Bearer token for the status page and metrics; without it they are served to loopback only. */
  readonly adminToken: string | null;
  /** Signs proposal acceptance links; absent: one is made on first start and kept in the store. Never logged. */
  readonly proposalSecret: string | null;
  /** Where shadow mode writes proposal PDFs; default: `proposals/` beside a SQLite database, else ./data/proposals. */
  readonly proposalsDir: string | null;
  /** Tuning knobs for operators and tests (see docs/operations.md). */
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly retryBaseMs: number;
  readonly delayScale: number;
  /** Jira Service Management: site and API token (null: Jira deliveries are triaged in shadow mode). */
  readonly jira: JiraSettings | null;
  readonly jiraWebhookSecrets: readonly string[];
  readonly jiraBotAccountId: string | null;
  readonly jiraRateLimitPerMinute: number;
  /** INSCOPE_TENANTS: one deployment for several helpdesk accounts (connectors/tenants/). */
  readonly tenantsFile: string | null;
  /** A tenant's Forge installations (tenants file); null: FORGE_INSTALLATION_IDS, as without tenants. */
  readonly forgeInstallations: readonly string[] | null;
}

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  INSCOPE_CONFIG: optional,
  DATABASE_URL: optional,
  ZENDESK_SUBDOMAIN: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/i, 'expected the subdomain only, e.g. "acme" for acme.zendesk.com')
    .optional(),
  ZENDESK_EMAIL: z.email('expected an e-mail address').optional(),
  ZENDESK_API_TOKEN: optional,
  ZENDESK_OAUTH_TOKEN: optional,
  ZENDESK_WEBHOOK_SECRET: optional,
  ZENDESK_WEBHOOK_SECRET_PREVIOUS: optional,
  ZENDESK_RATE_LIMIT: z.coerce.number().int().positive().default(400),
  INSCOPE_APP_SECRET: optional,
  INSCOPE_ADMIN_TOKEN: optional,
  INSCOPE_PROPOSAL_SECRET: optional.pipe(z.string().min(16, 'expected at least 16 characters').optional()),
  INSCOPE_PROPOSALS_DIR: optional,
  INSCOPE_PUBLIC_URL: z.url('expected an absolute URL').optional(),
  INSCOPE_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  ZENDESK_BASE_URL: z.url('expected an absolute URL').optional(),
  ZENDESK_BOT_USER_ID: z.string().regex(/^\d+$/, 'expected a Zendesk user id (digits)').optional(),
  INSCOPE_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  INSCOPE_POLL_MS: z.coerce.number().int().min(1).default(1_000),
  INSCOPE_RETRY_BASE_MS: z.coerce.number().int().min(1).default(2_000),
  INSCOPE_DELAY_SCALE: z.coerce.number().min(0).max(1).default(1),
  JIRA_SITE_URL: optional.pipe(z.url('expected the Jira site URL, e.g. https://acme.atlassian.net').optional()),
  JIRA_EMAIL: optional.pipe(z.email('expected an e-mail address').optional()),
  JIRA_API_TOKEN: optional,
  JIRA_WEBHOOK_SECRET: optional,
  JIRA_WEBHOOK_SECRET_PREVIOUS: optional,
  JIRA_BOT_ACCOUNT_ID: optional,
  JIRA_RATE_LIMIT: z.coerce.number().int().positive().default(300),
  INSCOPE_TENANTS: optional,
});

// With a tenants file each account's credentials, secrets and config are the tenant's; one set in
// the environment as well would be ambiguous (which tenant?), so it is refused rather than guessed.
const PER_TENANT = [
  'INSCOPE_CONFIG', 'ZENDESK_SUBDOMAIN', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN', 'ZENDESK_OAUTH_TOKEN', 'ZENDESK_WEBHOOK_SECRET',
  'ZENDESK_WEBHOOK_SECRET_PREVIOUS', 'ZENDESK_BASE_URL', 'ZENDESK_BOT_USER_ID', 'INSCOPE_APP_SECRET', 'INSCOPE_PROPOSAL_SECRET',
  'INSCOPE_PROPOSALS_DIR', 'JIRA_SITE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_WEBHOOK_SECRET', 'JIRA_WEBHOOK_SECRET_PREVIOUS', 'JIRA_BOT_ACCOUNT_ID',
] as const;

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.ZENDESK_EMAIL && !e.ZENDESK_API_TOKEN) problems.push('ZENDESK_API_TOKEN: required with ZENDESK_EMAIL');
  if (e.ZENDESK_API_TOKEN && !e.ZENDESK_EMAIL) problems.push('ZENDESK_EMAIL: required with ZENDESK_API_TOKEN');
  const hasAuth = Boolean((e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN) || e.ZENDESK_OAUTH_TOKEN);
  if (hasAuth && !e.ZENDESK_SUBDOMAIN) problems.push('ZENDESK_SUBDOMAIN: required with Zendesk credentials');
  if (e.ZENDESK_WEBHOOK_SECRET_PREVIOUS && !e.ZENDESK_WEBHOOK_SECRET) problems.push('ZENDESK_WEBHOOK_SECRET: required when ZENDESK_WEBHOOK_SECRET_PREVIOUS is set');
  if (e.JIRA_EMAIL && !e.JIRA_API_TOKEN) problems.push('JIRA_API_TOKEN: required with JIRA_EMAIL');
  if (e.JIRA_API_TOKEN && !e.JIRA_EMAIL) problems.push('JIRA_EMAIL: required with JIRA_API_TOKEN');
  if (e.JIRA_API_TOKEN && !e.JIRA_SITE_URL) problems.push('JIRA_SITE_URL: required with Jira credentials');
  if (e.JIRA_WEBHOOK_SECRET_PREVIOUS && !e.JIRA_WEBHOOK_SECRET) problems.push('JIRA_WEBHOOK_SECRET: required when JIRA_WEBHOOK_SECRET_PREVIOUS is set');
  if (e.INSCOPE_TENANTS) {
    for (const name of PER_TENANT) {
      if (e[name] !== undefined) problems.push(`${name}: not used with INSCOPE_TENANTS; set it for each tenant in the tenants file`);
    }
  }
  if (problems.length > 0) throw new SettingsError(problems);

  const zendesk: ZendeskCredentials | null =
    hasAuth && e.ZENDESK_SUBDOMAIN
      ? {
          subdomain: e.ZENDESK_SUBDOMAIN,
          auth: e.ZENDESK_OAUTH_TOKEN ? { oauthToken: e.ZENDESK_OAUTH_TOKEN } : { email: e.ZENDESK_EMAIL!, apiToken: e.ZENDESK_API_TOKEN! },
        }
      : null;
  return {
    port: e.PORT,
    host: e.HOST,
    configFile: e.INSCOPE_CONFIG ?? defaultConfigPath,
    databaseUrl: e.DATABASE_URL ?? path.join(projectRoot, 'data', 'inscope.db'),
    zendesk,
    zendeskSubdomain: e.ZENDESK_SUBDOMAIN ?? null,
    webhookSecrets: [e.ZENDESK_WEBHOOK_SECRET, e.ZENDESK_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => Boolean(s)),
    appSecret: e.INSCOPE_APP_SECRET ?? null,
    adminToken: e.INSCOPE_ADMIN_TOKEN ?? null,
    proposalSecret: e.INSCOPE_PROPOSAL_SECRET ?? null,
    proposalsDir: e.INSCOPE_PROPOSALS_DIR ?? null,
    publicUrl: e.INSCOPE_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    workers: e.INSCOPE_WORKERS,
    rateLimitPerMinute: e.ZENDESK_RATE_LIMIT,
    zendeskBaseUrl: e.ZENDESK_BASE_URL ?? null,
    zendeskBotUserId: e.ZENDESK_BOT_USER_ID ?? null,
    leaseMs: e.INSCOPE_LEASE_MS,
    pollMs: e.INSCOPE_POLL_MS,
    retryBaseMs: e.INSCOPE_RETRY_BASE_MS,
    delayScale: e.INSCOPE_DELAY_SCALE,
    jira: e.JIRA_SITE_URL && e.JIRA_EMAIL && e.JIRA_API_TOKEN ? { siteUrl: e.JIRA_SITE_URL, auth: { email: e.JIRA_EMAIL, apiToken: e.JIRA_API_TOKEN } } : null,
    jiraWebhookSecrets: [e.JIRA_WEBHOOK_SECRET, e.JIRA_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => Boolean(s)),
    jiraBotAccountId: e.JIRA_BOT_ACCOUNT_ID ?? null,
    jiraRateLimitPerMinute: e.JIRA_RATE_LIMIT,
    tenantsFile: e.INSCOPE_TENANTS ? path.resolve(e.INSCOPE_TENANTS) : null,
    forgeInstallations: null,
  };
}
