// Security headers for every response, from helmet 8, tuned for what the connector serves: JSON,
// plus two server-rendered HTML pages (the status page and the proposal acceptance page) that use
// an inline <style> and same-origin forms, and no scripts, frames or remote assets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export type SecurityHeadersMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function securityHeaders(): SecurityHeadersMiddleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        // The pages carry their CSS inline; nothing else on them runs or loads.
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
