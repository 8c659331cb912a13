// Reads the tenants file (INSCOPE_TENANTS) into one complete Settings per tenant, so that the rest
// of the service composes a tenant exactly as it composes the single-account deployment. Every
// problem is reported with file:line:column and its key path, like the coverage config; a secret's
// value never appears in an error, only the variable or file it was to be read from.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigIssue } from '../config/config-error.js';
import { MAX_CONFIG_BYTES, readConfigDocument } from '../config/read-config-document.js';
import { configErrorMap, toConfigIssues } from '../config/to-config-issues.js';
import type { Settings } from '../server/read-settings.js';
import { tenantsSchema, type SecretRef, type TenantEntry } from './tenants-schema.js';

export interface Tenant {
  readonly id: string;
  readonly settings: Settings;
}

/** URL prefix of a tenant's endpoints: webhooks, sidebar API, proposal pages, status page. */
export function tenantPrefix(id: string): string {
  return `/t/${id}`;
}

export interface LoadTenantsOptions {
  /** Only this tenant: the others are checked for shape, but their secrets are not read. */
  readonly only?: string;
  /** Read no secret but the database's (`inscope migrate` needs nothing else). */
  readonly databasesOnly?: boolean;
}

export function loadTenants(file: string, base: Settings, env: NodeJS.ProcessEnv = process.env, options: LoadTenantsOptions = {}): Tenant[] {
  const { only } = options;
  const fileIssue = (message: string): ConfigError => new ConfigError([{ file, line: 1, column: 1, path: '', message }]);
  const info = statSync(file);
  if (info.isDirectory()) throw fileIssue('this is a folder: expected a tenants file (YAML)');
  const { size } = info;
  if (size > MAX_CONFIG_BYTES) throw fileIssue(`the file is ${size} bytes: expected a tenants file of at most ${MAX_CONFIG_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch {
    throw fileIssue('expected a UTF-8 text file');
  }
  const { data, locate } = readConfigDocument(text, file);
  const parsed = tenantsSchema.safeParse(data, { error: configErrorMap, reportInput: true });
  if (!parsed.success) throw new ConfigError(toConfigIssues(parsed.error.issues, file, locate));

  const issues: ConfigIssue[] = [];
  const issue = (at: readonly PropertyKey[], message: string, related?: readonly PropertyKey[]) => {
    const { line, column } = locate(at);
    const shown = at.map((k) => String(k)).join('.');
    issues.push({ file, line, column, path: shown, message, ...(related && { related: { ...locate(related), path: related.map(String).join('.') } }) });
  };
  const dir = path.dirname(path.resolve(file));
  // Which tenant and field each secret value came from: two tenants must never share one, or a
  // delivery or token signed for one would be accepted at the other's address.
  const secretsSeen = new Map<string, readonly PropertyKey[]>();
  let reading: 'all' | 'database' = 'all';
  const secret = (ref: SecretRef | undefined, at: readonly PropertyKey[]): string | null => {
    if (ref === undefined) return null;
    if (options.databasesOnly && reading !== 'database') return null;
    const value = readSecret(ref, at);
    if (value !== null && at[1] !== undefined) {
      const key = createHash('sha256').update(value).digest('hex');
      const first = secretsSeen.get(key);
      if (first && first[1] !== at[1]) issue(at, `the same secret as tenant ${String(first[1])} uses: each tenant needs its own`, first);
      else if (!first) secretsSeen.set(key, at);
    }
    return value;
  };
  const readSecret = (ref: SecretRef, at: readonly PropertyKey[]): string | null => {
    if ('env' in ref) {
      const value = env[ref.env]?.trim();
      if (!value) issue(at, `environment variable ${ref.env} is not set (or empty)`);
      return value || null;
    }
    const target = path.resolve(dir, ref.file);
    try {
      // A mounted secret usually ends with a newline that is not part of it.
      const value = readFileSync(target, 'utf8').trim();
      if (value === '') issue(at, `secret file ${target} is empty`);
      return value || null;
    } catch (error) {
      issue(at, `cannot read secret file ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    }
  };

  const tenants: Tenant[] = [];
  const seen = { subdomain: new Map<string, string[]>(), jiraSite: new Map<string, string[]>(), database: new Map<string, string[]>(), proposalsDir: new Map<string, string[]>() };
  const claim = (kind: keyof typeof seen, key: string, at: string[], what: string) => {
    const first = seen[kind].get(key);
    if (first) issue(at, `${what} is already served by tenant ${first[1]}: one account belongs to one tenant`, first);
    else seen[kind].set(key, at);
  };
  for (const [id, entry] of Object.entries(parsed.data.tenants)) {
    if (only !== undefined && id !== only) continue;
    const at = (...keys: string[]) => ['tenants', id, ...keys];
    const settings = toSettings(id, entry, base, dir, at, (ref, where) => {
      reading = where[2] === 'database' ? 'database' : 'all';
      return secret(ref, where);
    }, issue);
    if (entry.proposalsDir !== undefined) claim('proposalsDir', path.resolve(dir, entry.proposalsDir), at('proposalsDir'), 'this proposals folder');
    if (entry.zendesk) claim('subdomain', entry.zendesk.subdomain.toLowerCase(), at('zendesk', 'subdomain'), `Zendesk account ${entry.zendesk.subdomain}`);
    if (entry.jira) claim('jiraSite', new URL(entry.jira.siteUrl).host.toLowerCase(), at('jira', 'siteUrl'), `Jira site ${new URL(entry.jira.siteUrl).host}`);
    claim('database', databaseKey(settings.databaseUrl), at(entry.database === undefined ? 'config' : 'database'), 'this database (and schema)');
    tenants.push({ id, settings });
  }
  if (only !== undefined && tenants.length === 0) {
    const ids = Object.keys(parsed.data.tenants).join(', ');
    issues.push({ file, line: 1, column: 1, path: 'tenants', message: `no tenant ${JSON.stringify(only)} here; the tenants are ${ids}` });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return tenants;
}

type Issue = (at: readonly PropertyKey[], message: string, related?: readonly PropertyKey[]) => void;

function toSettings(id: string, entry: TenantEntry, base: Settings, dir: string, at: (...keys: string[]) => string[], secret: (ref: SecretRef | undefined, at: readonly PropertyKey[]) => string | null, issue: Issue): Settings {
  const z = entry.zendesk;
  const apiToken = secret(z?.apiToken, at('zendesk', 'apiToken'));
  const oauthToken = secret(z?.oauthToken, at('zendesk', 'oauthToken'));
  if (z?.email && !z.apiToken) issue(at('zendesk', 'email'), 'apiToken is required with email');
  if (z?.apiToken && !z.email) issue(at('zendesk', 'apiToken'), 'email is required with apiToken');
  if (z?.apiToken && z.oauthToken) issue(at('zendesk', 'oauthToken'), 'give apiToken (with email) or oauthToken, not both');
  if (z?.webhookSecretPrevious && !z.webhookSecret) issue(at('zendesk', 'webhookSecretPrevious'), 'webhookSecret is required when webhookSecretPrevious is set');
  const j = entry.jira;
  const jiraToken = secret(j?.apiToken, at('jira', 'apiToken'));
  if (j?.email && !j.apiToken) issue(at('jira', 'email'), 'apiToken is required with email');
  if (j?.apiToken && !j.email) issue(at('jira', 'apiToken'), 'email is required with apiToken');
  if (j?.webhookSecretPrevious && !j.webhookSecret) issue(at('jira', 'webhookSecretPrevious'), 'webhookSecret is required when webhookSecretPrevious is set');

  let databaseUrl: string;
  if (entry.database === undefined) databaseUrl = tenantDatabase(base.databaseUrl, id);
  else if (typeof entry.database === 'string') {
    databaseUrl = /^postgres(ql)?:\/\//i.test(entry.database) ? entry.database : path.resolve(dir, sqliteFile(entry.database));
    if (hasPassword(databaseUrl)) issue(at('database'), 'this URL holds a password: write database: { env: VARIABLE } and keep the URL in the environment');
  } else databaseUrl = secret(entry.database, at('database')) ?? '';

  const zendesk: Settings['zendesk'] = z && (apiToken || oauthToken)
    ? { subdomain: z.subdomain, auth: oauthToken ? { oauthToken } : { email: z.email ?? '', apiToken: apiToken ?? '' } }
    : null;
  const list = (...values: (string | null)[]) => values.filter((v): v is string => v !== null);
  return {
    ...base,
    configFile: path.resolve(dir, entry.config),
    databaseUrl,
    zendesk,
    zendeskSubdomain: z?.subdomain ?? null,
    webhookSecrets: list(secret(z?.webhookSecret, at('zendesk', 'webhookSecret')), secret(z?.webhookSecretPrevious, at('zendesk', 'webhookSecretPrevious'))),
    appSecret: secret(z?.appSecret, at('zendesk', 'appSecret')),
    proposalSecret: proposalSecret(secret(entry.proposalSecret, at('proposalSecret')), at('proposalSecret'), issue),
    proposalsDir: entry.proposalsDir === undefined ? null : path.resolve(dir, entry.proposalsDir),
    publicUrl: entry.publicUrl ?? `${base.publicUrl.replace(/\/+$/, '')}${tenantPrefix(id)}`,
    workers: entry.workers ?? base.workers,
    rateLimitPerMinute: z?.rateLimit ?? base.rateLimitPerMinute,
    zendeskBaseUrl: z?.baseUrl ?? null,
    zendeskBotUserId: z?.botUserId ?? null,
    jira: j && j.email && jiraToken ? { siteUrl: j.siteUrl, auth: { email: j.email, apiToken: jiraToken } } : null,
    jiraWebhookSecrets: list(secret(j?.webhookSecret, at('jira', 'webhookSecret')), secret(j?.webhookSecretPrevious, at('jira', 'webhookSecretPrevious'))),
    jiraBotAccountId: j?.botAccountId ?? null,
    jiraRateLimitPerMinute: j?.rateLimit ?? base.jiraRateLimitPerMinute,
    tenantsFile: null,
    // Never the deployment's list: an empty one would let every installation of the app in.
    forgeInstallations: j?.forgeInstallations ?? [],
  };
}

/**
 * A tenant's own database when the file names none: on PostgreSQL a schema of the deployment's
 * database (`<schema>_<id>`, `inscope_<id>` without one); with SQLite a file of its own beside the
 * deployment's file (`tenants/<id>.db`).
 */
export function tenantDatabase(databaseUrl: string, id: string): string {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    url.searchParams.set('schema', `${url.searchParams.get('schema') ?? 'inscope'}_${id}`);
    return url.toString();
  }
  const file = databaseUrl.toLowerCase().startsWith('file:') ? decodeURIComponent(databaseUrl.slice('file:'.length).replace(/^\/\//, '').split('?')[0] ?? '') : databaseUrl;
  return path.join(path.dirname(path.resolve(file)), 'tenants', `${id}.db`);
}

/** The link-signing secret is an HMAC key: as for INSCOPE_PROPOSAL_SECRET, at least 16 characters. */
function proposalSecret(value: string | null, at: readonly PropertyKey[], issue: Issue): string | null {
  if (value !== null && value.length < 16) issue(at, 'expected a secret of at least 16 characters');
  return value;
}

/** `file:…` (with or without `//`) or a plain path, as open-store.ts reads them; relative to the tenants file. */
function sqliteFile(database: string): string {
  if (!database.toLowerCase().startsWith('file:')) return database;
  const rest = database.slice('file:'.length).split('?')[0] ?? '';
  return decodeURIComponent(rest.startsWith('//') ? rest.slice(2) : rest);
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/** Two tenants on one database must differ in schema; without one the server's default schema is meant. */
function databaseKey(url: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url)) return path.resolve(url);
  try {
    const u = new URL(url);
    return `${u.host}/${u.pathname.replace(/^\//, '')}?schema=${u.searchParams.get('schema') ?? ''}`;
  } catch {
    return url;
  }
}
