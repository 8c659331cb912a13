// Security headers for every response, from helmet 8, tuned for what the connector serves: JSON,
// plus two server-rendered HTML pages (the status page and the proposal acceptance page) that use
// an inline <style> and same-origin forms, and no scripts, frames or remote assets.
//
// None of these options depends on the request (no nonce or other function directive), so helmet
// is run once, at start, against a recorder, and each request gets the recorded headers: the same
// names and values, without helmet's chain of a dozen middlewares per request (bench/intake).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export type SecurityHeadersMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function securityHeaders(): SecurityHeadersMiddleware {
  const { set, removed } = recordHeaders(
    helmet({
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
    }),
  );
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/** What a request-independent middleware does to a response's headers, in order. */
function recordHeaders(middleware: SecurityHeadersMiddleware): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string) {
      set.push([name, String(value)]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error !== undefined) throw error;
    finished = true;
  });
  // A middleware that did anything else (answered, or went async) could not be replayed like this.
  if (!finished) throw new Error('securityHeaders: helmet did not finish synchronously');
  return { set, removed };
}
