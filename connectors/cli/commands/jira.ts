// `inscope jira setup [--dry-run] [--project KEY]` prepares a Jira Service Management site (Category
// field and options, workflow statuses, signed admin webhook); `inscope jira backfill --jql "…"
// [--dry-run] [--limit N]` triages or queues the requests a JQL query finds.
// Environment as for `serve` (JIRA_SITE_URL, JIRA_EMAIL, JIRA_API_TOKEN…); secrets are never printed.
import { runJiraBackfill } from '../../jira/backfill/run-jira-backfill.js';
import { createJiraClient, type JiraClient, type JiraClientOptions } from '../../jira/client/create-jira-client.js';
import { EMPTY_JIRA_MAPPING } from '../../jira/jira-mapping.js';
import { runJiraSetup } from '../../jira/setup/run-jira-setup.js';
import type { Settings } from '../../server/read-settings.js';
import { readCliSettings } from '../read-cli-settings.js';
import { HelpdeskError } from '../../shared/helpdesk-error.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { parseLimit } from '../parse-limit.js';

export interface JiraCommandDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  readonly client?: Partial<JiraClientOptions>;
  readonly newSecret?: () => string;
}

const USAGE = 'usage: inscope jira setup [--config FILE] [--dry-run] [--project KEY] | inscope jira backfill --jql "QUERY" [--config FILE] [--dry-run] [--limit N]';

const write = (line: string) => {
  process.stdout.write(`${line}\n`);
};

export async function jiraCommand(argv: string[], deps: JiraCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    'dry-run': { type: 'boolean', default: false },
    project: { type: 'string' },
    jql: { type: 'string' },
    limit: { type: 'string' },
  }, Number.POSITIVE_INFINITY);
  const [sub, ...extra] = positionals;
  if ((sub !== 'setup' && sub !== 'backfill') || extra.length > 0) throw new CliError(USAGE, EXIT.usage);
  if (sub === 'backfill' && !values.jql?.trim()) throw new CliError(`backfill needs --jql, e.g. --jql "project = SUP AND statusCategory != Done"\n${USAGE}`, EXIT.usage);
  const limit = parseLimit(values.limit);

  const settings: Settings = readCliSettings(deps.env ?? process.env);
  if (!settings.jira) throw new CliError('needs Jira credentials: set JIRA_SITE_URL, JIRA_EMAIL and JIRA_API_TOKEN', EXIT.invalid);
  const client = createJiraClient({ siteUrl: settings.jira.siteUrl, auth: settings.jira.auth, rateLimitPerMinute: settings.jiraRateLimitPerMinute, delayScale: settings.delayScale, ...deps.client });
  const { loaded, engine } = await loadCliConfig(values.config ?? settings.configFile);
  const mapping = loaded.config.helpdesks?.jira;
  const dryRun = values['dry-run'];
  try {
    if (sub === 'setup') {
      const env = deps.env ?? process.env;
      if (!env.INSCOPE_PUBLIC_URL?.trim()) throw new CliError('set INSCOPE_PUBLIC_URL to the address where Jira reaches the service (the webhook posts to $INSCOPE_PUBLIC_URL/webhooks/jira)', EXIT.invalid);
      const endpoint = `${settings.publicUrl.replace(/\/+$/, '')}/webhooks/jira`;
      write(`Jira setup for ${client.siteUrl}${dryRun ? ' (dry run: nothing is changed)' : ''}`);
      write(`Config: ${loaded.file}${mapping ? '' : ' (no helpdesks.jira yet)'}`);
      write('');
      return await withStore(settings, async (store) => {
        const result = await runJiraSetup({
          client,
          ...(mapping && { mapping }),
          ...(values.project && { project: values.project }),
          endpoint,
          store,
          envSecrets: settings.jiraWebhookSecrets,
          dryRun,
          write,
          ...(deps.newSecret && { newSecret: deps.newSecret }),
        });
        if (result.failures > 0) {
          write('');
          write('Nothing was changed: correct the config (or the site) and run setup again.');
          return EXIT.invalid;
        }
        return result.checks > 0 ? EXIT.skipped : EXIT.ok;
      });
    }
    return await backfill(client, settings, { jql: values.jql!, dryRun, engine, mapping: mapping ?? EMPTY_JIRA_MAPPING, now: deps.now ?? Date.now, ...(limit !== undefined && { limit }) });
  } catch (error) {
    if (error instanceof HelpdeskError) throw new CliError(`Jira said no: ${error.message}`, EXIT.invalid);
    throw error;
  }
}

async function withStore<T>(settings: Settings, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(settings.databaseUrl);
  try {
    await store.migrate();
    return await run(store);
  } finally {
    await store.close();
  }
}

interface BackfillArgs {
  readonly jql: string;
  readonly dryRun: boolean;
  readonly engine: Awaited<ReturnType<typeof loadCliConfig>>['engine'];
  readonly mapping: NonNullable<Parameters<typeof runJiraBackfill>[0]['mapping']>;
  readonly now: () => number;
  readonly limit?: number;
}

async function backfill(client: JiraClient, settings: Settings, args: BackfillArgs): Promise<number> {
  write(`Backfill on ${client.siteUrl}: ${args.jql}`);
  const common = { client, jql: args.jql, mapping: args.mapping, now: args.now, write, ...(args.limit !== undefined && { limit: args.limit }) };
  if (args.dryRun) {
    const result = await runJiraBackfill({ ...common, mode: { kind: 'dry-run', engine: args.engine } });
    const outcomes = ['covered', 'incomplete', 'advisory', 'review'].map((o) => `${o} ${result.counts[o] ?? 0}`).join(' · ');
    write(`${result.read} request(s) triaged: ${outcomes}`);
    write('Dry run: nothing was queued. Run without --dry-run to queue them for the service.');
    return EXIT.ok;
  }
  return withStore(settings, async (store) => {
    const result = await runJiraBackfill({ ...common, mode: { kind: 'enqueue', store, accountId: new URL(client.siteUrl).host } });
    write(`Queued ${result.counts.accepted ?? 0} request(s) for the service's workers; ${result.counts.duplicate ?? 0} already queued; ${result.read} read.`);
    return EXIT.ok;
  });
}
