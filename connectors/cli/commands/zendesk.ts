// `inscope zendesk setup [--dry-run]` prepares a Zendesk account (Category field, custom statuses,
// webhook and its signing secret); `inscope zendesk backfill --since DATE [--dry-run] [--limit N]`
// triages or queues the tickets that were open before InScope was installed.
// Environment as for `serve` (connectors/server/read-settings.ts); secrets are never printed.
import type { LoadedConfig } from '../../config/load-config.js';
import type { Settings } from '../../server/read-settings.js';
import { readCliSettings } from '../read-cli-settings.js';
import { redactUrl } from '../redact-url.js';
import { HelpdeskError, isNotFoundError } from '../../shared/helpdesk-error.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { runZendeskBackfill, type BackfillMode } from '../../zendesk/backfill/run-zendesk-backfill.js';
import { createZendeskClient, type ZendeskClient, type ZendeskClientOptions } from '../../zendesk/client/index.js';
import { explainZendeskError } from '../../zendesk/setup/explain-zendesk-error.js';
import { webhookEndpoint } from '../../zendesk/setup/plan-webhook.js';
import { planZendeskSetup } from '../../zendesk/setup/plan-zendesk-setup.js';
import { runZendeskSetup } from '../../zendesk/setup/run-zendesk-setup.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { createProgress } from '../progress-bar.js';
import { parseIsoInstant } from '../parse-iso-instant.js';
import { parseLimit } from '../parse-limit.js';

export interface ZendeskCommandDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
  /** Extra client options, e.g. an instant sleep in tests. */
  readonly client?: Partial<ZendeskClientOptions>;
}

const USAGE = 'usage: inscope zendesk setup [--config FILE] [--dry-run] | inscope zendesk backfill --since DATE [--config FILE] [--dry-run] [--limit N]';

const write = (line: string) => {
  process.stdout.write(`${line}\n`);
};

export async function zendeskCommand(argv: string[], deps: ZendeskCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    'dry-run': { type: 'boolean', default: false },
    since: { type: 'string' },
    limit: { type: 'string' },
  }, Number.POSITIVE_INFINITY);
  const [sub, ...extra] = positionals;
  if ((sub !== 'setup' && sub !== 'backfill') || extra.length > 0) throw new CliError(USAGE, EXIT.usage);
  if (sub === 'setup' && (values.since !== undefined || values.limit !== undefined)) throw new CliError(`--since and --limit belong to backfill\n${USAGE}`, EXIT.usage);

  const settings: Settings = readCliSettings(deps.env ?? process.env);
  const now = deps.now ?? Date.now;
  const dryRun = values['dry-run'];
  try {
    if (sub === 'setup') return await setup(settings, values.config, dryRun, deps);
    const since = parseSince(values.since, now());
    const limit = parseLimit(values.limit);
    return await backfill(settings, values.config, { since, dryRun, now, ...(limit !== undefined && { limit }) }, deps);
  } catch (error) {
    if (error instanceof HelpdeskError) throw new CliError(explainZendeskError(error), EXIT.invalid);
    throw error;
  }
}

function clientFor(settings: Settings, deps: ZendeskCommandDeps): { client: ZendeskClient; host: string } {
  const zendesk = settings.zendesk;
  if (!zendesk) {
    throw new CliError('needs Zendesk credentials: set ZENDESK_SUBDOMAIN with ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN)', EXIT.invalid);
  }
  const client = createZendeskClient({
    subdomain: zendesk.subdomain,
    auth: zendesk.auth,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    delayScale: settings.delayScale,
    ...(settings.zendeskBaseUrl && { baseUrl: settings.zendeskBaseUrl }),
    ...deps.client,
  });
  return { client, host: settings.zendeskBaseUrl ?? `${zendesk.subdomain}.zendesk.com` };
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

async function loadConfig(flag: string | undefined, settings: Settings): Promise<Awaited<ReturnType<typeof loadCliConfig>>> {
  return loadCliConfig(flag ?? settings.configFile);
}

async function setup(settings: Settings, configFlag: string | undefined, dryRun: boolean, deps: ZendeskCommandDeps): Promise<number> {
  const { client, host } = clientFor(settings, deps);
  const env = deps.env ?? process.env;
  if (!env.INSCOPE_PUBLIC_URL?.trim()) {
    throw new CliError('set INSCOPE_PUBLIC_URL to the address where Zendesk reaches the service (the webhook posts to $INSCOPE_PUBLIC_URL/webhooks/zendesk)', EXIT.invalid);
  }
  const { loaded } = await loadConfig(configFlag, settings);
  const mapping = loaded.config.helpdesks?.zendesk;
  const endpoint = webhookEndpoint(settings.publicUrl);
  write(`Zendesk setup for ${host}${dryRun ? ' (dry run: nothing is changed)' : ''}`);
  write(`Config: ${loaded.file}${mapping ? '' : ' (no helpdesks.zendesk yet)'}`);
  write(`Store: ${redactUrl(settings.databaseUrl)}`);
  if (!endpoint.startsWith('https://')) write(`Warning: ${endpoint} is not https: Zendesk would send ticket data unencrypted.`);
  write('');
  return withStore(settings, async (store) => {
    const plan = await planZendeskSetup(client, { ...(mapping && { mapping }), endpoint, store, envSecrets: settings.webhookSecrets });
    const result = await runZendeskSetup(plan, { dryRun, write, configFile: loaded.file, ...(mapping && { mapping }) });
    return result.checks > 0 ? EXIT.skipped : EXIT.ok;
  });
}

interface BackfillArgs {
  readonly since: number;
  readonly dryRun: boolean;
  readonly limit?: number;
  readonly now: () => number;
}

async function backfill(settings: Settings, configFlag: string | undefined, args: BackfillArgs, deps: ZendeskCommandDeps): Promise<number> {
  const { client, host } = clientFor(settings, deps);
  const { loaded, engine } = await loadConfig(configFlag, settings);
  const startTime = Math.floor(args.since / 1000);
  write(`Backfill from ${new Date(args.since).toISOString()} (start_time ${startTime}) on ${host}${args.limit === undefined ? '' : `, at most ${args.limit} open tickets`}`);
  write(
    args.dryRun
      ? `Dry run: triaging locally with ${loaded.file}; nothing is queued or written.`
      : `Queueing open tickets for the service's workers in ${redactUrl(settings.databaseUrl)}.`,
  );
  write("The export is paced at Zendesk's limit of 10 pages per minute.");
  write('');
  const progress = createProgress(process.stderr, 'tickets exported');
  const common = { client, startTime, now: args.now, write, progress, ...(args.limit !== undefined && { limit: args.limit }) };

  if (args.dryRun) {
    const mode = dryRunMode(loaded, engine, client);
    const result = await runZendeskBackfill({ ...common, mode });
    const outcomes = ['covered', 'incomplete', 'advisory', 'review'].map((o) => `${o} ${result.counts[o] ?? 0}`).join(' · ');
    write('');
    write(`${result.open} open ticket(s) triaged, ${result.skipped} solved/closed skipped, ${result.exported} exported: ${outcomes}`);
    write('Dry run: nothing was queued. Run without --dry-run to queue them for the service.');
    return EXIT.ok;
  }

  return withStore(settings, async (store) => {
    const accountId = settings.zendeskSubdomain ?? 'default';
    const result = await runZendeskBackfill({ ...common, mode: { kind: 'enqueue', store, accountId } });
    const accepted = result.counts.accepted ?? 0;
    write(`Queued ${accepted} open ticket(s) for the service's workers; ${result.counts.duplicate ?? 0} already queued by an earlier backfill; ${result.skipped} solved/closed skipped; ${result.exported} exported.`);
    if (accepted > 0) {
      write('A running `inscope serve` picks them up (see `inscope jobs list`). In live mode each decision is written to its ticket,');
      write(`and incomplete tickets get a public request for the missing information${loaded.config.connector.requestMissingInfo ? '' : ' (off: connector.requestMissingInfo is false)'}.`);
    }
    return EXIT.ok;
  });
}

function dryRunMode(loaded: LoadedConfig, engine: Extract<BackfillMode, { kind: 'dry-run' }>['engine'], client: ZendeskClient): BackfillMode {
  const fields = loaded.config.helpdesks?.zendesk?.fields ?? {};
  if (Object.keys(fields).length === 0) write('Warning: the config has no helpdesks.zendesk.fields: custom fields are not read, only the text.');
  return {
    kind: 'dry-run',
    engine,
    fields,
    organization: async (id) => {
      try {
        return await client.getOrganization(id);
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
    },
  };
}

/** `2026-10-01` (UTC midnight) or an ISO 8601 time with its zone; Zendesk wants it at least a minute old. */
export function parseSince(raw: string | undefined, now: number): number {
  if (raw === undefined) throw new CliError(`backfill needs --since DATE, e.g. --since 2026-10-01\n${USAGE}`, EXIT.usage);
  const parsed = parseIsoInstant(raw);
  if (!parsed.ok) throw new CliError(`--since: ${parsed.message}`, EXIT.usage);
  if (parsed.ms > now - 60_000) throw new CliError('--since must be at least a minute in the past (the incremental export refuses later start times)', EXIT.usage);
  return parsed.ms;
}
