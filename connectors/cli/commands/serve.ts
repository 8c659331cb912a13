// `inscope serve` (also `npm start`): the webhook service. It says per helpdesk whether it writes
// (live) or only records (shadow), and which endpoints it serves; SIGTERM and SIGINT finish in-flight jobs before exiting.
import { ConfigError } from '../../config/config-error.js';
import { readSettings, type Settings } from '../../server/read-settings.js';
import { startService, StartupError } from '../../server/start-service.js';
import { SettingsError } from '../../shared/settings-error.js';
import { loadTenants, tenantPrefix, type Tenant } from '../../tenants/load-tenants.js';
import { CliError, EXIT } from '../cli-error.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { redactUrl } from '../redact-url.js';
import { renderServeBanner } from '../render-serve-banner.js';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' } });
  const env = { ...process.env, ...(values.config && { INSCOPE_CONFIG: values.config }), ...(values.port && { PORT: values.port }) };
  let service;
  let settings: Settings;
  let tenants: Tenant[] | undefined;
  let reading = 'config';
  try {
    settings = readSettings(env);
    if (settings.tenantsFile) {
      reading = 'tenants file';
      tenants = loadTenants(settings.tenantsFile, settings, env);
      reading = 'config';
    }
    service = await startService({ settings, ...(tenants && { tenants }) });
  } catch (error) {
    if (error instanceof SettingsError || error instanceof StartupError) throw new CliError(error.message, EXIT.invalid);
    if (error instanceof ConfigError) throw new CliError(`invalid ${reading}\n${error.message}`, EXIT.invalid);
    if ((error as NodeJS.ErrnoException).syscall === 'listen') throw new CliError(explainListenError(error as ListenError), EXIT.invalid);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`cannot read ${(error as NodeJS.ErrnoException).path ?? 'a file'}: no such file`, EXIT.invalid);
    throw error;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`InScope connector listening on ${service.url}`);
  if (tenants) {
    log(`Tenants (${tenants.length}) from ${settings.tenantsFile}:`);
    for (const tenant of service.tenants.values()) {
      const base = `${service.url}${tenantPrefix(tenant.id!)}`;
      const where = tenant.mode === 'live' ? `LIVE on ${tenant.settings.zendeskSubdomain}.zendesk.com` : 'SHADOW (writes nothing to the helpdesk)';
      log(`  ${tenant.id}: ${where}; config ${tenant.loaded.file} (${tenant.loaded.summary}); store ${redactUrl(tenant.settings.databaseUrl)}`);
      log(`    webhook POST ${base}/webhooks/zendesk · sidebar API ${base}/api/v1/zendesk · status ${base}/`);
      if (tenant.webhookSecretSource === 'none') log(`    Warning: no webhook signing secret for ${tenant.id} (zendesk.webhookSecret, or \`inscope zendesk setup\` with INSCOPE_TENANT=${tenant.id}): its deliveries are refused.`);
    }
    log(`  health           ${service.url}/healthz  ${service.url}/readyz  ${service.url}/metrics`);
    return waitAndClose(service, log);
  }
  for (const line of renderServeBanner({
    url: service.url,
    zendesk: { mode: service.mode, subdomain: settings.zendeskSubdomain, credentials: settings.zendesk !== null, secretSource: service.webhookSecretSource },
    jira: { mode: service.jira.mode, site: settings.jira ? new URL(settings.jira.siteUrl).host : null, secretSource: service.jira.webhookSecretSource },
    appSecret: Boolean(settings.appSecret),
    forgeAppId: Boolean((env as NodeJS.ProcessEnv)['FORGE_APP_ID']?.trim()),
  })) log(line);
  log(`Config: ${service.loaded.file}: ${service.loaded.summary}`);
  log(`Store: ${redactUrl(settings.databaseUrl)}`);
  log(`  status page      ${service.url}/`);
  log(`  health           ${service.url}/healthz  ${service.url}/readyz  ${service.url}/metrics`);
  return waitAndClose(service, log);
}

type ListenError = NodeJS.ErrnoException & { address?: string; port?: number };

/** Why the port could not be opened, in the operator's terms: which address, and what to change. */
export function explainListenError(error: ListenError): string {
  const where = `${error.address ?? 'the address'}:${error.port ?? '?'}`;
  if (error.code === 'EADDRINUSE') return `cannot listen on ${where}: the port is already in use (another inscope serve?). Stop that process or choose another port with PORT or --port.`;
  if (error.code === 'EACCES') return `cannot listen on ${where}: permission denied (ports below 1024 need privileges). Choose another port with PORT or --port.`;
  if (error.code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: the address is not on this machine. Check HOST.`;
  return `cannot listen on ${where}: ${error.code ?? error.message}`;
}

async function waitAndClose(service: { close(): Promise<void> }, log: (line: string) => void): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing in-flight jobs, then stopping`);
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await service.close();
  return EXIT.ok;
}
