import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { verifyAppJwt } from '../../connectors/http/verify-app-jwt.js';

const SECRET = 'app-secret-for-tests-only-0123456789';
const NOW = Date.parse('2026-11-02T09:00:00Z');
const claims = { iss: 'zendesk:d3v-veldhuis', aud: 'inscope-sidebar', sub: '38000011', ticketId: '48213' };

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyAppJwt', () => {
  it('accepts a token signed with the app secret and returns its claims', async () => {
    const token = await signAppJwt(claims, SECRET, { expiresInSec: 300, now: NOW });
    const result = await verifyAppJwt(token, { secret: SECRET, now: NOW, audience: 'inscope-sidebar', issuer: 'zendesk:d3v-veldhuis' });
    expect(result).toMatchObject({ ok: true, claims: { ...claims, exp: NOW / 1000 + 300 } });
  });

  it.each([
    ['an expired token', async () => signAppJwt(claims, SECRET, { expiresInSec: 60, now: NOW - 10 * 60_000 }), 'expired'],
    ['a token signed with another secret', async () => signAppJwt(claims, 'someone-elses-secret', { expiresInSec: 300, now: NOW }), 'signature'],
    ['an unsigned token (alg none)', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: NOW / 1000 + 300 })}.`, 'algorithm'],
    [
      'an RS256 token',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(NOW / 1000 + 300).sign(privateKey);
      },
      'algorithm',
    ],
    [
      'a token without exp',
      async () => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)),
      'claims',
    ],
    ['a token for another audience', async () => signAppJwt({ ...claims, aud: 'other-app' }, SECRET, { expiresInSec: 300, now: NOW }), 'claims'],
    ['a token from another issuer', async () => signAppJwt({ ...claims, iss: 'evil' }, SECRET, { expiresInSec: 300, now: NOW }), 'claims'],
    ['a string that is not a JWT', async () => 'not.a.jwt', 'malformed'],
    ['an empty token', async () => '', 'missing_token'],
  ])('refuses %s', async (_name, makeToken, reason) => {
    const result = await verifyAppJwt(await makeToken(), { secret: SECRET, now: NOW, audience: 'inscope-sidebar', issuer: 'zendesk:d3v-veldhuis' });
    expect(result).toEqual({ ok: false, reason });
  });

  it('tolerates a little clock skew but not much', async () => {
    const token = await signAppJwt(claims, SECRET, { expiresInSec: 60, now: NOW });
    expect((await verifyAppJwt(token, { secret: SECRET, now: NOW + 80_000 })).ok).toBe(true);
    expect(await verifyAppJwt(token, { secret: SECRET, now: NOW + 100_000 })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses everything while no secret is configured', async () => {
    const token = await signAppJwt(claims, SECRET, { expiresInSec: 300, now: NOW });
    expect(await verifyAppJwt(token, { secret: '', now: NOW })).toEqual({ ok: false, reason: 'not_configured' });
  });
});
