import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppJwtMiddleware, getAppClaims } from '../../connectors/http/create-app-jwt-middleware.js';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import type { RunningServer } from './listen-on-loopback.js';
import { listenOnLoopback } from './listen-on-loopback.js';

const SECRET = 'sidebar-secret-for-tests-only';
const NOW = Date.parse('2026-11-02T09:00:00Z');

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(secret = SECRET): Promise<string> {
  const app = express();
  app.get('/api/verdict', createAppJwtMiddleware({ secret: () => secret, now: () => NOW, audience: 'inscope-sidebar' }), (_req, res) => {
    res.json({ claims: getAppClaims(res) });
  });
  server = await listenOnLoopback(app);
  return `${server.baseUrl}/api/verdict`;
}

async function get(url: string, authorization?: string): Promise<{ status: number; json: unknown; headers: Headers }> {
  const response = await fetch(url, authorization === undefined ? {} : { headers: { authorization } });
  return { status: response.status, json: (await response.json()) as unknown, headers: response.headers };
}

describe('createAppJwtMiddleware', () => {
  it('lets a valid token through and puts its claims on res.locals.appClaims', async () => {
    const url = await start();
    const token = await signAppJwt({ aud: 'inscope-sidebar', sub: '38000011' }, SECRET, { expiresInSec: 300, now: NOW });
    const response = await get(url, `Bearer ${token}`);
    expect(response).toMatchObject({ status: 200, json: { claims: { aud: 'inscope-sidebar', sub: '38000011' } } });
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no Authorization header', async () => undefined, 'missing_token'],
    ['a Basic credential', async () => 'Basic dXNlcjpwYXNz', 'missing_token'],
    ['an expired token', async () => `Bearer ${await signAppJwt({ aud: 'inscope-sidebar' }, SECRET, { expiresInSec: 60, now: NOW - 3_600_000 })}`, 'expired'],
    ['a token signed with another secret', async () => `Bearer ${await signAppJwt({ aud: 'inscope-sidebar' }, 'wrong', { expiresInSec: 60, now: NOW })}`, 'signature'],
    [
      'an unsigned token (alg none)',
      async () => {
        const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `Bearer ${part({ alg: 'none' })}.${part({ aud: 'inscope-sidebar', exp: NOW / 1000 + 60 })}.`;
      },
      'algorithm',
    ],
  ])('refuses %s with 401 and a JSON reason', async (_name, makeHeader, code) => {
    const url = await start();
    const response = await get(url, await makeHeader());
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ error: { code } });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.stringify(response.json)).not.toContain(SECRET);
  });

  it('answers 503 while the app secret is not configured', async () => {
    const url = await start('');
    const response = await get(url, 'Bearer whatever');
    expect(response).toMatchObject({ status: 503, json: { error: { code: 'not_configured' } } });
  });
});
