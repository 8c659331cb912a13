// Express middleware guarding the sidebar API: requires `Authorization: Bearer <jwt>` signed by
// Zendesk's proxy, and leaves the verified claims in `res.locals.appClaims` for the handlers.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendJsonError } from './send-json-error.js';
import type { AppClaims, AppJwtFailure } from './verify-app-jwt.js';
import { verifyAppJwt } from './verify-app-jwt.js';

export interface AppJwtMiddlewareOptions {
  /** Read per request so a rotated app secret takes effect without a restart. */
  readonly secret: () => string;
  readonly now?: () => number;
  readonly audience?: string;
  readonly issuer?: string;
  readonly clockToleranceSec?: number;
  readonly maxLifetimeSec?: number;
}

const MESSAGES: Record<AppJwtFailure, string> = {
  missing_token: 'Authorization: Bearer <token> is required',
  malformed: 'Token is not a valid JWT',
  algorithm: 'Token algorithm is not allowed',
  signature: 'Token signature does not match',
  expired: 'Token has expired',
  claims: 'Token claims are not acceptable',
  not_configured: 'App secret is not configured',
};

export function createAppJwtMiddleware(options: AppJwtMiddlewareOptions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    const result = await verifyAppJwt(token, {
      secret: options.secret(),
      ...(options.now === undefined ? {} : { now: options.now() }),
      ...(options.audience === undefined ? {} : { audience: options.audience }),
      ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
      ...(options.clockToleranceSec === undefined ? {} : { clockToleranceSec: options.clockToleranceSec }),
      ...(options.maxLifetimeSec === undefined ? {} : { maxLifetimeSec: options.maxLifetimeSec }),
    });
    if (!result.ok) {
      if (result.reason === 'not_configured') return sendJsonError(res, 503, result.reason, MESSAGES[result.reason]);
      res.set('WWW-Authenticate', 'Bearer');
      return sendJsonError(res, 401, result.reason, MESSAGES[result.reason]);
    }
    res.locals['appClaims'] = result.claims;
    next();
  };
}

/** The verified claims a handler behind the middleware may rely on. */
export function getAppClaims(res: Response): AppClaims {
  const claims: unknown = res.locals['appClaims'];
  if (claims === undefined || claims === null || typeof claims !== 'object') {
    throw new Error('getAppClaims called on a route that is not behind createAppJwtMiddleware');
  }
  return claims as AppClaims;
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? '';
}
