// The one-account commands in a deployment with a tenants file, through the real binary: migrate
// serves every tenant, jobs reads the tenant INSCOPE_TENANT names, and `serve` lists the tenants
// with their addresses; mistakes are usage errors that name the variable or the file position.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnService, type ServiceProcess } from '../helpers/spawn-service.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'connectors/cli/inscope.js');
const config = path.join(root, 'examples/coverage.yaml');
let dir: string;
let services: ServiceProcess[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tenants-cli-'));
  fs.writeFileSync(path.join(dir, 'tenants.yaml'), `tenants:
  acme:
    config: ${JSON.stringify(config)}
    zendesk:
      subdomain: acme
      webhookSecret: { env: TEST_ACME_WEBHOOK_SECRET }
  bolt:
    config: ${JSON.stringify(config)}
    zendesk: { subdomain: bolt }
`);
});
afterEach(async () => {
  await Promise.all(services.map((s) => s.kill('SIGTERM')));
  services = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

function inscope(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ZENDESK_|INSCOPE_|JIRA_|DATABASE_URL$)/.test(k)));
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...clean, INSCOPE_TENANTS: path.join(dir, 'tenants.yaml'), DATABASE_URL: path.join(dir, 'inscope.db'), ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('inscope with INSCOPE_TENANTS', () => {
  it('migrates every tenant\'s own store', () => {
    // No helpdesk secret in the environment: a migration needs the databases only.
    const { code, stdout } = inscope(['migrate'], {});
    expect(code).toBe(0);
    // Opening a SQLite store already applies its migrations, so the command finds them up to date.
    expect(stdout).toBe(`acme: ${path.join(dir, 'tenants', 'acme.db')}: up to date\nbolt: ${path.join(dir, 'tenants', 'bolt.db')}: up to date\n`);
    expect(fs.existsSync(path.join(dir, 'tenants', 'acme.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'tenants', 'bolt.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'inscope.db'))).toBe(false);
  });

  it('runs a one-account command for the tenant INSCOPE_TENANT names, without the other tenants\' secrets', () => {
    const { code, stdout, stderr } = inscope(['jobs', 'list', '--json'], { INSCOPE_TENANT: 'bolt' });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'tenants', 'bolt.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'tenants', 'acme.db'))).toBe(false);
  });

  it('says which tenant is meant when none or an unknown one is named', () => {
    const none = inscope(['jobs', 'list'], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('INSCOPE_TENANT: required with INSCOPE_TENANTS');
    const unknown = inscope(['jobs', 'list'], { INSCOPE_TENANT: 'cobra' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/tenants\.yaml:1:1 +tenants: no tenant "cobra" here; the tenants are acme, bolt/);
  });

  it('serves each tenant under its own prefix and says so at start', async () => {
    const admin = 'admin-token-for-the-tenants-cli-test';
    const service = await spawnService({ INSCOPE_TENANTS: path.join(dir, 'tenants.yaml'), DATABASE_URL: path.join(dir, 'inscope.db'), TEST_ACME_WEBHOOK_SECRET: 'whsec-acme-cli', INSCOPE_ADMIN_TOKEN: admin });
    services.push(service);
    // Anyone may ask whether the instance is ready; only an operator sees the tenants (often customer names).
    expect(await (await fetch(`${service.url}/readyz`)).json()).toEqual({ ok: true });
    const ready = await (await fetch(`${service.url}/readyz`, { headers: { authorization: `Bearer ${admin}` } })).json() as { ok: boolean; tenants: Record<string, unknown> };
    // A known tenant's unknown path is not reported as an unknown tenant.
    const missing = await fetch(`${service.url}/t/acme/webhooks/nowhere`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No such endpoint for tenant acme' } });
    while (!service.output().includes('health ')) await new Promise((resolve) => setTimeout(resolve, 10));
    const output = service.output();
    expect(output).toContain('Tenants (2)');
    expect(output).toMatch(/acme: SHADOW .*config .*coverage\.yaml/);
    expect(output).toContain(`webhook POST ${service.url}/t/acme/webhooks/zendesk`);
    expect(output).toMatch(/Warning: no webhook signing secret for bolt/);
    expect(output).not.toContain('whsec-acme-cli');
    expect(ready.ok).toBe(true);
    expect(Object.keys(ready.tenants)).toEqual(['acme', 'bolt']);
  });

  it('refuses to start on a tenants file with a mistake, naming file, line and path', () => {
    fs.writeFileSync(path.join(dir, 'tenants.yaml'), 'tenants:\n  acme:\n    config: acme.yaml\n    zendesk: { subdomain: acme, apiToken: plain-token }\n');
    const { code, stderr } = inscope(['serve'], { PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid tenants file\n.*tenants\.yaml:4:\d+ +tenants\.acme\.zendesk\.apiToken: expected \{ env: VARIABLE \} or \{ file: path \}/);
    expect(stderr).not.toContain('plain-token');
  });
});
