// Property tests for verifyAppJwt: arbitrary tokens never throw (they are refused with a reason),
// and only HS256 tokens signed with the app secret, unexpired and not too long-lived, pass.
import fc from 'fast-check';
import { SignJWT, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAppJwt } from '../../connectors/http/sign-app-jwt.js';
import { verifyAppJwt } from '../../connectors/http/verify-app-jwt.js';
import { flipChar, runs } from './property-runs.js';

const SECRET = 'app-secret-for-hostile-tests';
const NOW = Date.parse('2026-11-27T10:00:00Z');
const options = { secret: SECRET, now: NOW, maxLifetimeSec: 3600 };
const REASONS = ['missing_token', 'malformed', 'algorithm', 'signature', 'expired', 'claims'];

const segment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }).map((a) => base64url.encode(a)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => base64url.encode(JSON.stringify(v) ?? 'null')),
  fc.constantFrom('eyJhbGciOiJub25lIn0', 'eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJSUzI1NiJ9', ''),
);
const tokenish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
);

const claims = fc.record(
  { sub: fc.string({ maxLength: 20 }), email: fc.emailAddress(), iss: fc.string({ maxLength: 20 }), aud: fc.string({ maxLength: 20 }) },
  { requiredKeys: [] },
);

describe('verifyAppJwt under arbitrary tokens', () => {
  it('refuses arbitrary token-like strings with a reason and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(tokenish, async (token) => {
        const result = await verifyAppJwt(token, options);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(REASONS).toContain(result.reason);
      }),
      runs(600),
    );
  });

  it('accepts a token exactly when it is HS256 over the app secret, unexpired and within the lifetime cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        claims,
        fc.constantFrom('HS256', 'HS384', 'HS512'),
        fc.oneof(fc.constant(SECRET), fc.string({ minLength: 1, maxLength: 40 })),
        fc.integer({ min: -7200, max: 7200 }),
        async (payload, alg, key, expiresInSec) => {
          const iat = Math.floor(NOW / 1000);
          const token = await new SignJWT({ ...payload })
            .setProtectedHeader({ alg, typ: 'JWT' })
            .setIssuedAt(iat)
            .setExpirationTime(iat + expiresInSec)
            .sign(new TextEncoder().encode(key));
          const result = await verifyAppJwt(token, options);
          // 30 s of clock tolerance either side, as the verifier allows.
          const shouldPass = alg === 'HS256' && key === SECRET && expiresInSec >= -30 && expiresInSec <= 3600 + 30;
          expect(result.ok).toBe(shouldPass);
        },
      ),
      runs(300),
    );
  });

  it('refuses a valid token once any single character of it changes', async () => {
    await fc.assert(
      fc.asyncProperty(claims, fc.nat(), fc.integer({ min: 1, max: 127 }), async (payload, index, mask) => {
        const token = await signAppJwt(payload, SECRET, { expiresInSec: 600, now: NOW });
        expect((await verifyAppJwt(token, options)).ok).toBe(true);
        const changed = flipChar(token, index, mask);
        expect((await verifyAppJwt(changed, options)).ok).toBe(false);
      }),
      runs(800),
    );
  });

  it('refuses an unsecured (alg none) token carrying valid claims', async () => {
    const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
    const exp = Math.floor(NOW / 1000) + 60;
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${encode({ alg, typ: 'JWT' })}.${encode({ sub: 'agent', exp })}.`;
      expect(await verifyAppJwt(token, options)).toEqual({ ok: false, reason: expect.stringMatching(/algorithm|malformed/) });
    }
  });
});
