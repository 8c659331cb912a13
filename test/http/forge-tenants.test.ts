// One Forge app installed on two tenants' Jira sites: its tokens are valid on both, so each tenant's
// Jira sidebar API serves only the installations the tenants file gives it, and a tenant without
// any refuses every token instead of serving another tenant's users.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { loadTenants } from '../../connectors/tenants/load-tenants.js';
import { fitClaims, startForgeKeyServer, TEST_APP_ID, TEST_INSTALLATION_ID, type ForgeKeyServer } from './forge-test-keys.js';

const root = path.resolve(import.meta.dirname, '../..');
const OTHER_INSTALLATION = 'ari:cloud:ecosystem::installation/0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
let dir: string;
let forge: ForgeKeyServer;
let service: Service;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-forge-tenants-'));
  forge = await startForgeKeyServer();
  const config = JSON.stringify(path.join(root, 'examples/coverage.yaml'));
  fs.writeFileSync(path.join(dir, 'tenants.yaml'), `tenants:
  acme:
    config: ${config}
    jira: { siteUrl: https://acme.atlassian.net, forgeInstallations: ["${TEST_INSTALLATION_ID}"] }
  bolt:
    config: ${config}
    jira: { siteUrl: https://bolt.atlassian.net, forgeInstallations: ["${OTHER_INSTALLATION}"] }
  cobra:
    config: ${config}
    jira: { siteUrl: https://cobra.atlassian.net }
`);
  const env = { PORT: '0', HOST: '127.0.0.1', INSCOPE_TENANTS: path.join(dir, 'tenants.yaml'), DATABASE_URL: path.join(dir, 'inscope.db') };
  const settings = readSettings(env);
  service = await startService({ settings, tenants: loadTenants(settings.tenantsFile!, settings, env), startWorkers: false, forge: { appId: TEST_APP_ID, jwksUrl: forge.jwksUrl, installations: [] } });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await forge?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function verdict(tenant: string, token: string) {
  const response = await fetch(`${service.url}/t/${tenant}/api/v1/jira/tickets/SUP-42/verdict`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
}

describe('the Jira sidebar API of several tenants', () => {
  it('serves a token of the tenant\'s own installation', async () => {
    // 404 not_seen: the token passed and the tenant's store was asked.
    expect(await verdict('acme', await forge.sign())).toEqual({ status: 404, code: 'not_seen' });
  });

  it('refuses the same token at another tenant\'s address', async () => {
    expect(await verdict('bolt', await forge.sign())).toEqual({ status: 403, code: 'installation' });
    expect(await verdict('bolt', await forge.sign({ ...fitClaims(), app: { ...(fitClaims()['app'] as object), installationId: OTHER_INSTALLATION } }))).toEqual({ status: 404, code: 'not_seen' });
  });

  it('refuses every token at a tenant the file gives no installations', async () => {
    expect(await verdict('cobra', await forge.sign())).toEqual({ status: 503, code: 'not_configured' });
  });
});
