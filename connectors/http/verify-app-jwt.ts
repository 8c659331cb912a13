// Verifies the JWT that Zendesk's proxy signs on behalf of the sidebar app. The app calls
// `client.request({ jwt: { algorithm: 'HS256', secret_key: '{{setting.appSecret}}', claims } })`
// and Zendesk substitutes the secure setting server-side, so the browser never sees the secret
// (PLATFORM.md, "App → backend auth"). Only HS256 is accepted: `none` and asymmetric algorithms
// are refused outright, so a token cannot pick its own verification method.
import type { JWTPayload } from 'jose';
import { errors, jwtVerify } from 'jose';

export type AppClaims = JWTPayload;

export type AppJwtFailure = 'missing_token' | 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims' | 'not_configured';

export type VerifyAppJwtResult =
  | { readonly ok: true; readonly claims: AppClaims }
  | { readonly ok: false; readonly reason: AppJwtFailure };

export interface VerifyAppJwtOptions {
  readonly secret: string;
  /** Epoch milliseconds; defaults to the real clock. */
  readonly now?: number;
  readonly audience?: string;
  readonly issuer?: string;
  /** Allowed clock skew between Zendesk and us. */
  readonly clockToleranceSec?: number;
  /**
   * Longest lifetime a token may claim (its `exp` at most this far ahead): a token minted with a far
   * future expiry is refused even when its signature is right.
   */
  readonly maxLifetimeSec?: number;
}

export const APP_JWT_ALGORITHM = 'HS256';
const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

export async function verifyAppJwt(token: string, options: VerifyAppJwtOptions): Promise<VerifyAppJwtResult> {
  if (options.secret === '') return { ok: false, reason: 'not_configured' };
  if (token === '') return { ok: false, reason: 'missing_token' };
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(options.secret), {
      algorithms: [APP_JWT_ALGORITHM],
      requiredClaims: ['exp'],
      clockTolerance: options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC,
      ...(options.now === undefined ? {} : { currentDate: new Date(options.now) }),
      ...(options.audience === undefined ? {} : { audience: options.audience }),
      ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    });
    const nowSec = (options.now ?? Date.now()) / 1000;
    const tolerance = options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
    if (options.maxLifetimeSec !== undefined && (payload.exp ?? 0) - nowSec > options.maxLifetimeSec + tolerance) return { ok: false, reason: 'claims' };
    if (!hasCanonicalSignature(token)) return { ok: false, reason: 'signature' };
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: toFailure(error) };
  }
}

/**
 * base64url decoders ignore the unused low bits of the last character, so one HS256 MAC has several
 * spellings that all verify; only the canonical one is accepted, so a changed character always fails.
 */
function hasCanonicalSignature(token: string): boolean {
  const signature = token.split('.')[2] ?? '';
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

function toFailure(error: unknown): AppJwtFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  return 'malformed';
}
