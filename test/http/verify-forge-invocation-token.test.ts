import express from 'express';
import { generateKeyPair, UnsecuredJWT, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeInvocationMiddleware, getForgeInvocation } from '../../connectors/http/create-forge-invocation-middleware.js';
import { ForgeSettingsError, readForgeSettings } from '../../connectors/http/read-forge-settings.js';
import { SettingsError } from '../../connectors/shared/settings-error.js';
import { createForgeKeySet, FORGE_JWKS_URL, verifyForgeInvocationToken } from '../../connectors/http/verify-forge-invocation-token.js';
import { fitClaims, startForgeKeyServer, TEST_ACCOUNT_ID, TEST_APP_ID, TEST_INSTALLATION_ID, type ForgeKeyServer } from './forge-test-keys.js';
import { listenOnLoopback, type RunningServer } from './listen-on-loopback.js';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const NOW_SEC = NOW / 1000;

let forge: ForgeKeyServer;
let keys: ReturnType<typeof createForgeKeySet>;
beforeAll(async () => {
  forge = await startForgeKeyServer(() => NOW);
  keys = createForgeKeySet(forge.jwksUrl);
});
afterAll(() => forge.close());

const verify = (token: string, appId = TEST_APP_ID) => verifyForgeInvocationToken(token, { appId, keys, now: NOW });

describe('verifyForgeInvocationToken', () => {
  it('accepts a FIT signed by a key from the JWKS and reads the installation, user and site', async () => {
    const result = await verify(await forge.sign());
    expect(result).toMatchObject({
      ok: true,
      invocation: { appId: TEST_APP_ID, installationId: TEST_INSTALLATION_ID, principal: TEST_ACCOUNT_ID, moduleKey: 'inscope-issue-context', environmentType: 'PRODUCTION', cloudId: '4869c4ef-cb0d-4108-8243-8929ac7cc1fa', issueKey: 'SUP-42', projectKey: 'SUP' },
    });
    expect(forge.fetches()).toBeGreaterThanOrEqual(1);
  });

  it('fetches the key set once and reuses it for later tokens', async () => {
    const before = forge.fetches();
    for (let i = 0; i < 3; i++) expect((await verify(await forge.sign())).ok).toBe(true);
    expect(forge.fetches()).toBe(before);
  });

  it.each<[string, () => Promise<string>, string]>([
    ['expired', () => forge.sign(fitClaims(), { issuedAt: NOW_SEC - 600, expiresAt: NOW_SEC - 120 }), 'expired'],
    ['for another app (wrong audience)', () => forge.sign(fitClaims(), { audience: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001' }), 'claims'],
    ['from another issuer', () => forge.sign(fitClaims(), { issuer: 'connect/jwt' }), 'claims'],
    ['unsigned (alg: none)', async () => new UnsecuredJWT(fitClaims()).setIssuer('forge/invocation-token').setAudience(TEST_APP_ID).setIssuedAt(NOW_SEC).setExpirationTime(NOW_SEC + 300).encode(), 'algorithm'],
    ['signed with a key that is not in the key set', async () => forge.sign(fitClaims(), { key: (await generateKeyPair('RS256')).privateKey }), 'signature'],
    ['signed with a kid the key set does not have', () => forge.sign(fitClaims(), { kid: 'someone-else' }), 'signature'],
    ['HMAC-signed with the public app id as secret', async () => new SignJWT(fitClaims()).setProtectedHeader({ alg: 'HS256' }).setIssuer('forge/invocation-token').setAudience(TEST_APP_ID).setExpirationTime(NOW_SEC + 300).sign(new TextEncoder().encode(TEST_APP_ID)), 'algorithm'],
    ['living longer than a FIT does', () => forge.sign(fitClaims(), { issuedAt: NOW_SEC, expiresAt: NOW_SEC + 24 * 3600 }), 'claims'],
    ['without app.installationId', () => forge.sign(fitClaims({ app: { id: TEST_APP_ID } })), 'claims'],
    ['whose app.id disagrees with the audience', () => forge.sign(fitClaims({ app: { id: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000002', installationId: TEST_INSTALLATION_ID } })), 'claims'],
    ['not a JWT at all', async () => 'not-a-token', 'malformed'],
    ['missing', async () => '', 'missing_token'],
  ])('refuses a token %s', async (_name, token, reason) => {
    expect(await verify(await token())).toEqual({ ok: false, reason });
  });

  it('says the connector is not configured when it has no app id', async () => {
    expect(await verify(await forge.sign(), '')).toEqual({ ok: false, reason: 'not_configured' });
  });

  it('reports unavailable keys, not a bad token, when the key set cannot be fetched', async () => {
    const dead = await startForgeKeyServer(() => NOW);
    const token = await dead.sign();
    const url = dead.jwksUrl;
    await dead.close();
    expect(await verifyForgeInvocationToken(token, { appId: TEST_APP_ID, keys: createForgeKeySet(url, { timeoutDurationMs: 2000 }), now: NOW })).toEqual({ ok: false, reason: 'keys_unavailable' });
  });
});

describe('createForgeInvocationMiddleware', () => {
  let server: RunningServer;
  let installations: string[] = [];
  beforeAll(async () => {
    const app = express();
    app.get('/api/v1/jira/whoami', createForgeInvocationMiddleware({ appId: () => TEST_APP_ID, keys, now: () => NOW, installations: () => installations }), (_req, res) => {
      res.json({ installationId: getForgeInvocation(res).installationId, appClaims: res.locals['appClaims'] as unknown });
    });
    server = await listenOnLoopback(app);
  });
  afterAll(() => server.close());

  const call = async (authorization?: string) => {
    const response = await fetch(`${server.baseUrl}/api/v1/jira/whoami`, authorization ? { headers: { authorization } } : {});
    return { status: response.status, body: (await response.json()) as unknown, challenge: response.headers.get('www-authenticate') };
  };

  it('lets a valid FIT through with the installation on res.locals and the user as the acting agent', async () => {
    expect(await call(`Bearer ${await forge.sign()}`)).toMatchObject({ status: 200, body: { installationId: TEST_INSTALLATION_ID, appClaims: { sub: TEST_ACCOUNT_ID, installationId: TEST_INSTALLATION_ID } } });
  });

  it('answers 401 with a Bearer challenge for a missing or expired token', async () => {
    expect(await call()).toMatchObject({ status: 401, body: { error: { code: 'missing_token' } }, challenge: 'Bearer' });
    const expired = await forge.sign(fitClaims(), { issuedAt: NOW_SEC - 600, expiresAt: NOW_SEC - 120 });
    expect(await call(`Bearer ${expired}`)).toMatchObject({ status: 401, body: { error: { code: 'expired' } } });
  });

  it('answers 403 to an installation outside the allow-list', async () => {
    installations = ['ari:cloud:ecosystem::installation/00000000-0000-0000-0000-000000000009'];
    try {
      expect(await call(`Bearer ${await forge.sign()}`)).toMatchObject({ status: 403, body: { error: { code: 'installation' } } });
    } finally {
      installations = [];
    }
  });
});

describe('readForgeSettings', () => {
  it('is null without FORGE_APP_ID and defaults to Atlassian\'s key set', () => {
    expect(readForgeSettings({})).toBeNull();
    expect(readForgeSettings({ FORGE_APP_ID: TEST_APP_ID })).toEqual({ appId: TEST_APP_ID, jwksUrl: FORGE_JWKS_URL, installations: [] });
  });

  it('takes a loopback key set and an installation allow-list', () => {
    expect(readForgeSettings({ FORGE_APP_ID: TEST_APP_ID, FORGE_JWKS_URL: 'http://127.0.0.1:9/jwks.json', FORGE_INSTALLATION_IDS: `${TEST_INSTALLATION_ID}, x` })).toEqual({ appId: TEST_APP_ID, jwksUrl: 'http://127.0.0.1:9/jwks.json', installations: [TEST_INSTALLATION_ID, 'x'] });
  });

  it.each([
    [{ FORGE_APP_ID: '6f1c2a0e-3b7d-4c55-9e21-0a4b5c6d7e8f' }, /FORGE_APP_ID/],
    [{ FORGE_APP_ID: TEST_APP_ID, FORGE_JWKS_URL: 'http://keys.example.com/jwks.json' }, /FORGE_JWKS_URL: expected https/],
    [{ FORGE_APP_ID: TEST_APP_ID, FORGE_JWKS_URL: 'jwks.json' }, /FORGE_JWKS_URL: expected an absolute URL/],
  ])('refuses %o', (env, message) => {
    expect(() => readForgeSettings(env)).toThrow(ForgeSettingsError);
    expect(() => readForgeSettings(env)).toThrow(SettingsError);
    expect(() => readForgeSettings(env)).toThrow(message);
  });
});
