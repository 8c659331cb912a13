import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../connectors/config/config-error.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { SettingsError } from '../../connectors/shared/settings-error.js';
import { loadTenants, tenantDatabase } from '../../connectors/tenants/load-tenants.js';

let dir: string;
const base = readSettings({ DATABASE_URL: '/srv/inscope/data/inscope.db', INSCOPE_PUBLIC_URL: 'https://inscope.example.com' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tenants-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const file = path.join(dir, 'tenants.yaml');
  fs.writeFileSync(file, text);
  return file;
}

function problems(file: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    loadTenants(file, base, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n').filter((l) => l.includes(file));
    throw error;
  }
  throw new Error('expected the tenants file to be refused');
}

describe('loadTenants', () => {
  it('gives each tenant complete settings: its config, its own database, its secrets, its URL prefix', () => {
    fs.writeFileSync(path.join(dir, 'bolt-token'), 'bolt-api-token-from-file\n');
    const file = write(`tenants:
  acme:
    config: acme/coverage.yaml
    workers: 3
    zendesk:
      subdomain: acme
      email: inscope@acme.example
      apiToken: { env: ACME_ZENDESK_TOKEN }
      webhookSecret: { env: ACME_WEBHOOK_SECRET }
      appSecret: { env: ACME_APP_SECRET }
      rateLimit: 700
  bolt:
    config: ./bolt.yaml
    zendesk:
      subdomain: bolt
      email: ops@bolt.example
      apiToken: { file: bolt-token }
    jira:
      siteUrl: https://bolt.atlassian.net
      email: ops@bolt.example
      apiToken: { env: BOLT_JIRA_TOKEN }
`);
    const tenants = loadTenants(file, base, { ACME_ZENDESK_TOKEN: 'acme-token', ACME_WEBHOOK_SECRET: 'acme-whsec', ACME_APP_SECRET: 'acme-app', BOLT_JIRA_TOKEN: 'bolt-jira' });
    expect(tenants.map((t) => t.id)).toEqual(['acme', 'bolt']);
    const [acme, bolt] = tenants.map((t) => t.settings);
    expect(acme).toMatchObject({
      configFile: path.join(dir, 'acme/coverage.yaml'),
      databaseUrl: '/srv/inscope/data/tenants/acme.db',
      zendesk: { subdomain: 'acme', auth: { email: 'inscope@acme.example', apiToken: 'acme-token' } },
      webhookSecrets: ['acme-whsec'],
      appSecret: 'acme-app',
      publicUrl: 'https://inscope.example.com/t/acme',
      workers: 3,
      rateLimitPerMinute: 700,
      jira: null,
      tenantsFile: null,
    });
    expect(bolt).toMatchObject({
      configFile: path.join(dir, 'bolt.yaml'),
      databaseUrl: '/srv/inscope/data/tenants/bolt.db',
      zendesk: { subdomain: 'bolt', auth: { email: 'ops@bolt.example', apiToken: 'bolt-api-token-from-file' } },
      webhookSecrets: [],
      appSecret: null,
      workers: base.workers,
      rateLimitPerMinute: base.rateLimitPerMinute,
      jira: { siteUrl: 'https://bolt.atlassian.net', auth: { email: 'ops@bolt.example', apiToken: 'bolt-jira' } },
    });
    // What is not the tenant's stays the deployment's.
    expect(acme!.port).toBe(base.port);
    expect(acme!.leaseMs).toBe(base.leaseMs);
  });

  it('puts each tenant in a schema of its own on PostgreSQL, keeping the URL\'s other parameters', () => {
    expect(tenantDatabase('postgres://inscope@db.internal:5432/helpdesks?sslmode=require', 'acme')).toBe('postgres://inscope@db.internal:5432/helpdesks?sslmode=require&schema=inscope_acme');
    expect(tenantDatabase('postgres://inscope@db.internal/helpdesks?schema=prod', 'bolt')).toBe('postgres://inscope@db.internal/helpdesks?schema=prod_bolt');
    expect(tenantDatabase('file:///var/lib/inscope/inscope.db', 'acme')).toBe('/var/lib/inscope/tenants/acme.db');
  });

  it('refuses a secret written in the file, naming line, column and path but not repeating it', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    zendesk:
      subdomain: acme
      email: inscope@acme.example
      apiToken: s3cr3t-token-in-plain-sight
`);
    const lines = problems(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}:7:17`);
    expect(lines[0]).toContain('tenants.acme.zendesk.apiToken');
    expect(lines[0]).toContain('{ env: VARIABLE } or { file: path }');
    expect(lines.join('\n')).not.toContain('s3cr3t');
  });

  it('names the variable or file a secret was to come from when it is missing, never a value', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    zendesk:
      subdomain: acme
      email: inscope@acme.example
      apiToken: { env: ACME_ZENDESK_TOKEN }
      webhookSecret: { file: secrets/acme-webhook }
`);
    const lines = problems(file, { SOMETHING_ELSE: 'other-secret-value' });
    expect(lines).toEqual([
      expect.stringMatching(/:7:17 +tenants\.acme\.zendesk\.apiToken: environment variable ACME_ZENDESK_TOKEN is not set/),
      expect.stringMatching(/:8:22 +tenants\.acme\.zendesk\.webhookSecret: cannot read secret file .*secrets\/acme-webhook \(ENOENT\)/),
    ]);
  });

  it('refuses two tenants on one helpdesk account, pointing at both', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    zendesk: { subdomain: acme }
  acme_eu:
    config: acme-eu.yaml
    zendesk: { subdomain: ACME }
`);
    const lines = problems(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/:7:27 +tenants\.acme_eu\.zendesk\.subdomain: Zendesk account ACME is already served by tenant acme.*\(see .*:4:27 tenants\.acme\.zendesk\.subdomain\)/);
  });

  it('refuses a database URL with a password in it, and two tenants on one database', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    database: postgres://inscope:hunter2@db/helpdesks?schema=acme
  bolt:
    config: bolt.yaml
    database: postgres://inscope@db/helpdesks?schema=acme
`);
    const lines = problems(file);
    expect(lines).toEqual([
      expect.stringMatching(/:4:15 +tenants\.acme\.database: this URL holds a password: write database: \{ env: VARIABLE \}/),
      expect.stringMatching(/:7:15 +tenants\.bolt\.database: this database \(and schema\) is already served by tenant acme/),
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('refuses ids that cannot be a URL segment, unknown keys and half-given credentials', () => {
    const file = write(`tenants:
  Acme-Corp:
    config: acme.yaml
  bolt:
    config: bolt.yaml
    wokers: 2
    zendesk:
      subdomain: bolt
      email: ops@bolt.example
`);
    const lines = problems(file);
    expect(lines.some((l) => /:2:3 +tenants\.Acme-Corp.*lower-case letters, digits and _/.test(l))).toBe(true);
    expect(lines.some((l) => /:6:5 +tenants\.bolt.*wokers/.test(l))).toBe(true);
    // Shape errors stop the load before credentials are cross-checked; fixed, the pair is checked.
    const fixed = write(`tenants:
  bolt:
    config: bolt.yaml
    zendesk:
      subdomain: bolt
      email: ops@bolt.example
`);
    expect(problems(fixed)).toEqual([expect.stringMatching(/:6:14 +tenants\.bolt\.zendesk\.email: apiToken is required with email/)]);
  });

  it('reads examples/tenants.yaml: its shape is valid, and it asks only for the secrets it references', () => {
    const example = path.resolve(import.meta.dirname, '../../examples/tenants.yaml');
    const lines = problems(example);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /environment variable [A-Z_]+ is not set|cannot read secret file/.test(l))).toBe(true);
    const env = { VELDHUIS_ZENDESK_API_TOKEN: 't', VELDHUIS_ZENDESK_WEBHOOK_SECRET: 'w', VELDHUIS_APP_SECRET: 'a' };
    const [veldhuis] = loadTenants(example, base, env, { only: 'veldhuis' });
    expect(veldhuis!.settings.configFile).toBe(path.resolve(import.meta.dirname, '../../examples/coverage.yaml'));
  });

  it('refuses one secret shared by two tenants: a delivery signed for one would pass at the other', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    zendesk: { subdomain: acme, webhookSecret: { env: ACME_WEBHOOK_SECRET } }
  bolt:
    config: bolt.yaml
    zendesk: { subdomain: bolt, webhookSecret: { env: BOLT_WEBHOOK_SECRET } }
`);
    const lines = problems(file, { ACME_WEBHOOK_SECRET: 'whsec-shared-by-mistake', BOLT_WEBHOOK_SECRET: 'whsec-shared-by-mistake' });
    expect(lines).toEqual([expect.stringMatching(/:7:48 +tenants\.bolt\.zendesk\.webhookSecret: the same secret as tenant acme uses: each tenant needs its own \(see .*:4:48 tenants\.acme\.zendesk\.webhookSecret\)/)]);
    expect(lines.join('\n')).not.toContain('whsec-shared-by-mistake');
  });

  it('reads file: database URLs as open-store does, checks proposal folders and secret lengths', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    database: file:data/acme.db
    proposalsDir: pdfs
    proposalSecret: { env: ACME_PROPOSAL_SECRET }
  bolt:
    config: bolt.yaml
    database: file:///srv/bolt.db
    proposalsDir: ./pdfs
`);
    const lines = problems(file, { ACME_PROPOSAL_SECRET: 'short' });
    expect(lines).toEqual([
      expect.stringMatching(/:6:21 +tenants\.acme\.proposalSecret: expected a secret of at least 16 characters/),
      expect.stringMatching(/:10:19 +tenants\.bolt\.proposalsDir: this proposals folder is already served by tenant acme/),
    ]);
    const ok = write(`tenants:
  acme:
    config: acme.yaml
    database: file:data/acme.db
  bolt:
    config: bolt.yaml
    database: file:///srv/bolt.db
`);
    expect(loadTenants(ok, base, {}).map((t) => t.settings.databaseUrl)).toEqual([path.join(dir, 'data/acme.db'), '/srv/bolt.db']);
  });

  it('reads only the database secrets when asked (inscope migrate needs no helpdesk credentials)', () => {
    const file = write(`tenants:
  acme:
    config: acme.yaml
    database: { env: ACME_DATABASE_URL }
    zendesk: { subdomain: acme, email: a@acme.example, apiToken: { env: ACME_ZENDESK_TOKEN } }
`);
    expect(problems(file, { ACME_DATABASE_URL: '/srv/acme.db' })).toEqual([expect.stringMatching(/ACME_ZENDESK_TOKEN is not set/)]);
    const [acme] = loadTenants(file, base, { ACME_DATABASE_URL: '/srv/acme.db' }, { databasesOnly: true });
    expect(acme!.settings.databaseUrl).toBe('/srv/acme.db');
  });

  it('refuses an empty tenants file', () => {
    expect(problems(write('tenants: {}\n'))[0]).toMatch(/tenants: expected at least one tenant/);
  });
});

describe('readSettings with INSCOPE_TENANTS', () => {
  it('refuses per-account variables beside a tenants file instead of guessing whose they are', () => {
    let error: unknown;
    try {
      readSettings({ INSCOPE_TENANTS: 'tenants.yaml', ZENDESK_SUBDOMAIN: 'acme', ZENDESK_WEBHOOK_SECRET: 'whsec-value' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual([
      'ZENDESK_SUBDOMAIN: not used with INSCOPE_TENANTS; set it for each tenant in the tenants file',
      'ZENDESK_WEBHOOK_SECRET: not used with INSCOPE_TENANTS; set it for each tenant in the tenants file',
    ]);
    expect((error as Error).message).not.toContain('whsec-value');
  });

  it('resolves the tenants file path', () => {
    expect(readSettings({ INSCOPE_TENANTS: 'deploy/tenants.yaml' }).tenantsFile).toBe(path.resolve('deploy/tenants.yaml'));
  });
});
