// Express middleware guarding the Jira sidebar API: every Forge Remote request must carry a valid
// Forge Invocation Token. The verified invocation goes to `res.locals.forgeInvocation` (handlers key
// their data by its installation id), and the acting user to `res.locals.appClaims`, the slot the
// helpdesk-neutral sidebar router reads for the audit log.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { JWTVerifyGetKey } from 'jose';
import { sendJsonError } from './send-json-error.js';
import { verifyForgeInvocationToken, type ForgeInvocation, type ForgeTokenFailure } from './verify-forge-invocation-token.js';

export interface ForgeInvocationMiddlewareOptions {
  /** The app's ARI (FORGE_APP_ID); empty means not configured. */
  readonly appId: () => string;
  readonly keys: JWTVerifyGetKey;
  /** When non-empty, only these installations are served (the Forge app may be installed on other sites). */
  readonly installations?: () => readonly string[];
  readonly now?: () => number;
  readonly maxLifetimeSec?: number;
}

const MESSAGES: Record<ForgeTokenFailure | 'installation', string> = {
  missing_token: 'Authorization: Bearer <Forge Invocation Token> is required',
  malformed: 'Token is not a valid JWT',
  algorithm: 'Token algorithm is not allowed',
  signature: 'Token signature does not match a Forge key',
  expired: 'Token has expired',
  claims: 'Token claims are not acceptable',
  not_configured: 'The Forge app id (FORGE_APP_ID) is not configured',
  keys_unavailable: "Forge's signing keys could not be fetched",
  installation: 'This Forge installation is not served by this connector',
};

export function createForgeInvocationMiddleware(options: ForgeInvocationMiddlewareOptions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const result = await verifyForgeInvocationToken(token, {
      appId: options.appId(),
      keys: options.keys,
      ...(options.now === undefined ? {} : { now: options.now() }),
      ...(options.maxLifetimeSec === undefined ? {} : { maxLifetimeSec: options.maxLifetimeSec }),
    });
    if (!result.ok) {
      if (result.reason === 'not_configured' || result.reason === 'keys_unavailable') return sendJsonError(res, 503, result.reason, MESSAGES[result.reason]);
      res.set('WWW-Authenticate', 'Bearer');
      return sendJsonError(res, 401, result.reason, MESSAGES[result.reason]);
    }
    const { invocation } = result;
    const allowed = options.installations?.() ?? [];
    if (allowed.length > 0 && !allowed.includes(invocation.installationId)) return sendJsonError(res, 403, 'installation', MESSAGES.installation);
    res.locals['forgeInvocation'] = invocation;
    res.locals['appClaims'] = { sub: invocation.principal ?? `forge-app:${invocation.installationId}`, installationId: invocation.installationId };
    next();
  };
}

/** The verified invocation a handler behind the middleware may rely on. */
export function getForgeInvocation(res: Response): ForgeInvocation {
  const invocation: unknown = res.locals['forgeInvocation'];
  if (invocation === undefined || invocation === null || typeof invocation !== 'object') {
    throw new Error('getForgeInvocation called on a route that is not behind createForgeInvocationMiddleware');
  }
  return invocation as ForgeInvocation;
}
