// The Jira sidebar API as the service mounts it: /api/v1/jira behind the Forge Invocation Token,
// the same sidebar router bound to the Jira adapter (shadow here: no Jira credentials), issue keys
// as ticket ids. The key set is served from loopback, as Atlassian's would be.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { fitClaims, startForgeKeyServer, TEST_APP_ID, type ForgeKeyServer } from './forge-test-keys.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let forge: ForgeKeyServer;
let service: Service;
let unconfigured: Service;

async function start(name: string, withForge: boolean): Promise<Service> {
  return startService({
    settings: readSettings({ PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, `${name}.db`), INSCOPE_APP_SECRET: 'zendesk-app-secret-for-tests' }),
    startWorkers: false,
    forge: withForge ? { appId: TEST_APP_ID, jwksUrl: forge.jwksUrl, installations: [] } : null,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-forge-mount-'));
  forge = await startForgeKeyServer();
  service = await start('with-forge', true);
  unconfigured = await start('without-forge', false);
}, 60_000);

afterAll(async () => {
  await service?.close();
  await unconfigured?.close();
  await forge?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function call(base: string, pathname: string, token?: string, method = 'GET') {
  const response = await fetch(`${base}${pathname}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

describe('/api/v1/jira', () => {
  it('refuses a request without a Forge Invocation Token', async () => {
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-42/verdict')).toMatchObject({ status: 401, body: { error: { code: 'missing_token' } } });
  });

  it('lets a valid FIT reach the sidebar router, which looks the issue up under Jira', async () => {
    // Shadow mode shows only recorded decisions: 404 not_seen proves the token passed and the key was accepted.
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-42/verdict', await forge.sign())).toMatchObject({ status: 404, body: { error: { code: 'not_seen' } } });
  });

  it('takes issue keys, not Zendesk ticket numbers, as ticket ids', async () => {
    expect(await call(service.url, '/api/v1/jira/tickets/48212/verdict', await forge.sign())).toMatchObject({ status: 400, body: { error: { code: 'ticket_id' } } });
  });

  it('routes actions to the Jira adapter (in shadow mode: refused with 409)', async () => {
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-42/actions/approve', await forge.sign(), 'POST')).toMatchObject({ status: 409, body: { error: { code: 'shadow_mode' } } });
  });

  it('does not accept a FIT on the Zendesk sidebar API, nor a Zendesk token on the Jira one', async () => {
    expect((await call(service.url, '/api/v1/zendesk/tickets/48212/verdict', await forge.sign())).status).toBe(401);
    const zendeskToken = await signAppJwt({ sub: '17' }, 'zendesk-app-secret-for-tests', { expiresInSec: 300 });
    expect((await call(service.url, '/api/v1/zendesk/tickets/48212/verdict', zendeskToken)).status).not.toBe(401);
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-42/verdict', zendeskToken)).toMatchObject({ status: 401, body: { error: { code: 'algorithm' } } });
  });

  it('serves only the issue the token was issued for: a FIT for SUP-42 on SUP-43 is 403, for reads and writes', async () => {
    const token = await forge.sign();
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-43/verdict', token)).toMatchObject({ status: 403, body: { error: { code: 'issue_mismatch' } } });
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-43/actions/approve', token, 'POST')).toMatchObject({ status: 403, body: { error: { code: 'issue_mismatch' } } });
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-43/verdict', await forge.sign(fitClaims({}, { id: '10043', key: 'SUP-43' })))).toMatchObject({ status: 404, body: { error: { code: 'not_seen' } } });
  });

  it('refuses a FIT whose context names no issue (not the issue view), 403', async () => {
    const claims = fitClaims();
    const token = await forge.sign({ ...claims, context: { cloudId: '4869c4ef-cb0d-4108-8243-8929ac7cc1fa', moduleKey: 'inscope-issue-context' } });
    expect(await call(service.url, '/api/v1/jira/tickets/SUP-42/verdict', token)).toMatchObject({ status: 403, body: { error: { code: 'issue_mismatch' } } });
  });

  it.each(['approve', 'convert', 'request-info', 'reevaluate'])('refuses %s to a FIT without a principal (app-initiated), 403, before anything else', async (action) => {
    const { principal: _none, ...claims } = fitClaims();
    expect(await call(service.url, `/api/v1/jira/tickets/SUP-42/actions/${action}`, await forge.sign(claims), 'POST')).toMatchObject({ status: 403, body: { error: { code: 'principal_required' } } });
  });

  it('answers 503 not_configured while FORGE_APP_ID is unset', async () => {
    expect(await call(unconfigured.url, '/api/v1/jira/tickets/SUP-42/verdict', await forge.sign())).toMatchObject({ status: 503, body: { error: { code: 'not_configured' } } });
  });
});
