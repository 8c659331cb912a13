// Express router for `POST /webhooks/zendesk`. Order of checks: content type, required headers,
// size, signature (then timestamp), JSON, schema; only then is the delivery handed to `accept`,
// which must store it durably before we answer 2xx. Zendesk gives a webhook about 10-12 s, so
// `accept` should only enqueue; the work happens elsewhere.
import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { readRawBody } from '../../http/read-raw-body.js';
import { sendJsonError } from '../../http/send-json-error.js';
import { headerValue, parseZendeskDelivery } from './parse-zendesk-delivery.js';
import { DEFAULT_SIGNATURE_TOLERANCE_MS, verifyZendeskSignature } from './verify-zendesk-signature.js';
import type { ZendeskDelivery } from './zendesk-delivery.js';
import { withTimeout } from '../../http/with-timeout.js';

export const ZENDESK_WEBHOOK_PATH = '/webhooks/zendesk';
export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const SIGNATURE_TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';
export const REQUIRED_HEADERS = [SIGNATURE_HEADER, SIGNATURE_TIMESTAMP_HEADER, 'x-zendesk-webhook-invocation-id'] as const;

/** `ignored`: verified but not queued (e.g. InScope's own update coming back); acknowledged with 200. */
export type AcceptOutcome = { readonly status: 'accepted' | 'duplicate' | 'ignored' };

export type WebhookRejectReason =
  | 'content_type'
  | 'missing_headers'
  | 'too_large'
  | 'aborted'
  | 'signature'
  | 'stale'
  | 'json'
  | 'invalid'
  | 'not_configured'
  | 'unavailable'
  | 'internal';

export interface WebhookRejection {
  readonly status: number;
  readonly deliveryId?: string;
  readonly message: string;
}

export interface ZendeskWebhookRouterOptions {
  /** Signing secrets, current first; read per request so a rotation needs no restart. */
  readonly secrets: () => readonly string[];
  readonly toleranceMs?: number;
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
  /** Must store the delivery durably (or recognise it as already stored) before resolving. */
  readonly accept: (delivery: ZendeskDelivery, raw: Buffer) => Promise<AcceptOutcome>;
  readonly onRejected?: (reason: WebhookRejectReason, rejection: WebhookRejection) => void;
  /** Answer 503 rather than let Zendesk's own timeout (about 10 s) count the attempt as failed. */
  readonly acceptTimeoutMs?: number;
  /** Zendesk only honours `Retry-After` on a 503 when it is under 60 seconds (PLATFORM.md). */
  readonly retryAfterSec?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const DEFAULT_ACCEPT_TIMEOUT_MS = 8_000;
const DEFAULT_RETRY_AFTER_SEC = 30;
/** JSON must be UTF-8 (RFC 8259 §8.1): invalid bytes are refused, not queued as U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function createZendeskWebhookRouter(options: ZendeskWebhookRouterOptions): Router {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const toleranceMs = options.toleranceMs ?? DEFAULT_SIGNATURE_TOLERANCE_MS;
  const now = options.now ?? Date.now;
  const acceptTimeoutMs = options.acceptTimeoutMs ?? DEFAULT_ACCEPT_TIMEOUT_MS;
  const retryAfterSec = String(options.retryAfterSec ?? DEFAULT_RETRY_AFTER_SEC);

  const router = Router();
  router.post(ZENDESK_WEBHOOK_PATH, async (req: Request, res: Response) => {
    const deliveryId = headerValue(req.headers, 'x-zendesk-webhook-invocation-id');
    const reject = (status: number, reason: WebhookRejectReason, message: string, details?: unknown): void => {
      options.onRejected?.(reason, deliveryId === undefined ? { status, message } : { status, message, deliveryId });
      if (status === 503) res.set('Retry-After', retryAfterSec);
      sendJsonError(res, status, reason, message, details);
    };

    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume();
      return reject(415, 'content_type', 'Content-Type must be application/json');
    }
    const missing = REQUIRED_HEADERS.filter((name) => headerValue(req.headers, name) === undefined);
    if (missing.length > 0) {
      req.resume();
      return reject(400, 'missing_headers', `Missing required header(s): ${missing.join(', ')}`, { missing });
    }
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (declaredLength > maxBodyBytes) {
      res.set('Connection', 'close');
      req.resume();
      return reject(413, 'too_large', `Body exceeds ${maxBodyBytes} bytes`);
    }
    // A body parser mounted ahead of this router would have consumed the stream already.
    const preRead: unknown = req.body;
    const read = Buffer.isBuffer(preRead)
      ? preRead.length > maxBodyBytes
        ? ({ ok: false, reason: 'too_large' } as const)
        : ({ ok: true, body: preRead } as const)
      : await readRawBody(req, maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too_large') return reject(413, 'too_large', `Body exceeds ${maxBodyBytes} bytes`);
      return reject(400, 'aborted', 'Request body could not be read');
    }

    const secrets = options.secrets().filter((secret) => secret !== '');
    if (secrets.length === 0) return reject(503, 'not_configured', 'Webhook signing secret is not configured');
    const verified = verifyZendeskSignature({
      secrets,
      signature: headerValue(req.headers, 'x-zendesk-webhook-signature') ?? '',
      timestamp: headerValue(req.headers, 'x-zendesk-webhook-signature-timestamp') ?? '',
      rawBody: read.body,
      now: now(),
      toleranceMs,
    });
    if (!verified.ok) {
      // A wrong secret and a malformed signature look the same from outside on purpose.
      if (verified.reason === 'timestamp') return reject(401, 'stale', 'Signature timestamp is outside the accepted window');
      return reject(401, 'signature', 'Signature does not match');
    }

    let json: unknown;
    try {
      json = JSON.parse(UTF8.decode(read.body));
    } catch {
      return reject(400, 'json', 'Body is not valid JSON in UTF-8');
    }
    const parsed = parseZendeskDelivery(json, req.headers);
    if (!parsed.ok) {
      if (parsed.reason === 'unsupported') {
        // Acknowledged so that Zendesk neither retries it nor counts it towards its circuit breaker.
        res.status(200).json({ status: 'ignored', eventType: parsed.eventType });
        return;
      }
      const first = parsed.issues[0];
      const where = first === undefined ? '' : `: ${first.path}: ${first.message}`;
      return reject(422, 'invalid', `Delivery failed validation${where}`, { issues: parsed.issues });
    }

    let outcome: AcceptOutcome;
    try {
      outcome = await withTimeout(options.accept(parsed.delivery, read.body), acceptTimeoutMs);
    } catch {
      return reject(503, 'unavailable', 'Delivery could not be stored; retry later');
    }
    sendAck(res, outcome.status);
  });
  // Express's default handler would answer with HTML and, outside production, a stack trace.
  router.use(ZENDESK_WEBHOOK_PATH, (_error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(_error);
    options.onRejected?.('internal', { status: 500, message: 'Unexpected error' });
    sendJsonError(res, 500, 'internal', 'Unexpected error while handling the delivery');
  });
  return router;
}

// The three acknowledgements, serialised once: res.json would stringify the same few bytes and
// hash them into an ETag (sha1) on every delivery, for a POST response no cache ever revalidates.
const ACK_BODIES: Readonly<Record<AcceptOutcome['status'], Buffer>> = {
  accepted: Buffer.from(JSON.stringify({ status: 'accepted' })),
  duplicate: Buffer.from(JSON.stringify({ status: 'duplicate' })),
  ignored: Buffer.from(JSON.stringify({ status: 'ignored' })),
};

function sendAck(res: Response, outcome: AcceptOutcome['status']): void {
  const body = ACK_BODIES[outcome];
  res.statusCode = outcome === 'accepted' ? 202 : 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}
