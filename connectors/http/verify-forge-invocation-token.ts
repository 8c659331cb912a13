// Verifies the Forge Invocation Token (FIT) that Forge puts on every Forge Remote request as
// `Authorization: Bearer <FIT>`: an RS256 JWT signed by Atlassian, checked against Atlassian's JWKS,
// issuer `forge/invocation-token`, audience the app's ARI.
// Sources: developer.atlassian.com/platform/forge/remote/essentials/ ("Request headers": the FIT
// is the bearer token; "Verifying remote requests": JWKS URL, issuer, audience = app id);
// developer.atlassian.com/platform/forge/remote/calling-product-apis/ (`app.apiBaseUrl` claim);
// developer.atlassian.com/platform/forge/rest/v2/api-group-forge-context/ (the invocation context:
// `app.id`, `app.installationId` as `ari:cloud:ecosystem::installation/<uuid>`, `app.environment`,
// `app.module`, `context.cloudId`). `principal` (the acting user's accountId) is read when present.
// The signed `context` also carries the module's extension context, for jira:issueContext the issue
// the user has open (`context.extension.issue.key`, `context.extension.project.key`, the shape
// `view.getContext()` shows the page); Atlassian calls this the "trusted context" it has
// permission-checked and signed (RFC-138, community.developer.atlassian.com/t/rfc-138-…/101344).
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export const FORGE_JWKS_URL = 'https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json';
export const FORGE_FIT_ISSUER = 'forge/invocation-token';
/** Only Atlassian's signature algorithm: `none`, HMAC and anything else a token names are refused. */
export const FORGE_FIT_ALGORITHMS = ['RS256'];
/**
 * A FIT lives for minutes (the exact lifetime is not published: *unconfirmed*); a token claiming a
 * longer life than this is refused even with a good signature, so a leaked one cannot be replayed for long.
 */
export const DEFAULT_FIT_MAX_LIFETIME_SEC = 900;
const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

export interface ForgeInvocation {
  /** The app's ARI, equal to the audience. */
  readonly appId: string;
  /** Key stored data by this: one installation is one app on one site. */
  readonly installationId: string;
  readonly environmentType: string | null;
  readonly moduleKey: string | null;
  /** The Atlassian accountId of the user behind the invocation; null for app-initiated calls. */
  readonly principal: string | null;
  readonly cloudId: string | null;
  /** The issue the panel is open on (`context.extension.issue.key`); null outside the issue view. */
  readonly issueKey: string | null;
  readonly projectKey: string | null;
  readonly apiBaseUrl: string | null;
  readonly claims: JWTPayload;
}

export type ForgeTokenFailure = 'missing_token' | 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims' | 'not_configured' | 'keys_unavailable';

export type VerifyForgeInvocationTokenResult =
  | { readonly ok: true; readonly invocation: ForgeInvocation }
  | { readonly ok: false; readonly reason: ForgeTokenFailure };

export interface VerifyForgeInvocationTokenOptions {
  /** `ari:cloud:ecosystem::app/<uuid>`, from `app.id` in manifest.yml (FORGE_APP_ID). */
  readonly appId: string;
  /** Atlassian's key set; `createForgeKeySet(FORGE_JWKS_URL)` in production. */
  readonly keys: JWTVerifyGetKey;
  /** Epoch milliseconds; defaults to the real clock. */
  readonly now?: number;
  readonly clockToleranceSec?: number;
  readonly maxLifetimeSec?: number;
}

/** A cached remote key set: fetched on first use and again when a token names an unknown `kid`. */
export function createForgeKeySet(url: string = FORGE_JWKS_URL, options: { timeoutDurationMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { timeoutDuration: options.timeoutDurationMs ?? 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
}

type Claims = JWTPayload & { app?: unknown; context?: unknown; principal?: unknown };

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function toInvocation(claims: Claims, appId: string): ForgeInvocation | null {
  const app = record(claims.app);
  const installationId = text(app['installationId']);
  if (!installationId) return null;
  // The audience already names the app; an `app.id` that disagrees means a token built for something else.
  if (app['id'] !== undefined && app['id'] !== appId) return null;
  const context = record(claims.context);
  const extension = record(context['extension']);
  return {
    appId,
    installationId,
    environmentType: text(record(app['environment'])['type']),
    moduleKey: text(record(app['module'])['key']),
    principal: text(claims.principal),
    cloudId: text(context['cloudId']),
    issueKey: text(record(extension['issue'])['key']),
    projectKey: text(record(extension['project'])['key']),
    apiBaseUrl: text(app['apiBaseUrl']),
    claims,
  };
}

function toFailure(error: unknown): ForgeTokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'signature';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys_unavailable';
  if (error instanceof errors.JOSEError) return 'malformed';
  // Anything else comes from fetching the key set (DNS, refused connection, non-2xx).
  return 'keys_unavailable';
}

export async function verifyForgeInvocationToken(token: string, options: VerifyForgeInvocationTokenOptions): Promise<VerifyForgeInvocationTokenResult> {
  if (options.appId === '') return { ok: false, reason: 'not_configured' };
  if (token === '') return { ok: false, reason: 'missing_token' };
  if (token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
  const tolerance = options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  try {
    const { payload } = await jwtVerify(token, options.keys, {
      algorithms: FORGE_FIT_ALGORITHMS,
      issuer: FORGE_FIT_ISSUER,
      audience: options.appId,
      requiredClaims: ['exp'],
      clockTolerance: tolerance,
      ...(options.now === undefined ? {} : { currentDate: new Date(options.now) }),
    });
    const nowSec = (options.now ?? Date.now()) / 1000;
    if ((payload.exp ?? 0) - nowSec > (options.maxLifetimeSec ?? DEFAULT_FIT_MAX_LIFETIME_SEC) + tolerance) return { ok: false, reason: 'claims' };
    const invocation = toInvocation(payload as Claims, options.appId);
    return invocation ? { ok: true, invocation } : { ok: false, reason: 'claims' };
  } catch (error) {
    return { ok: false, reason: toFailure(error) };
  }
}
