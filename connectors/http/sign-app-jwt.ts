// Signs a token the way Zendesk's proxy does for the sidebar app (HS256 over the app secret).
// Production never signs; tests and the end-to-end harness stand in for Zendesk with this.
import type { JWTPayload } from 'jose';
import { SignJWT } from 'jose';
import { APP_JWT_ALGORITHM } from './verify-app-jwt.js';

export interface SignAppJwtOptions {
  readonly expiresInSec: number;
  /** Epoch milliseconds used for `iat`; defaults to the real clock. */
  readonly now?: number;
}

export function signAppJwt(claims: JWTPayload, secret: string, options: SignAppJwtOptions): Promise<string> {
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: APP_JWT_ALGORITHM, typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.expiresInSec)
    .sign(new TextEncoder().encode(secret));
}
