// Express router for `POST /webhooks/jira` (admin webhooks registered with a secret). Order of
// checks as for Zendesk: content type, required headers, size, signature, JSON, schema, then the
// signed timestamp against the replay window (check-jira-timestamp.ts); deliveries
// caused by InScope's own bot account are acknowledged and dropped (its writes fire
// `jira:issue_updated` too); everything else is handed to `accept`, which must store it durably
// before we answer 2xx. Jira retries on 408/409/425/429/5xx and time-outs (PLATFORM.md), so a
// store failure answers 503 and the delivery comes again.
import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { readRawBody } from '../../http/read-raw-body.js';
import { sendJsonError } from '../../http/send-json-error.js';
import type { JiraDelivery } from './jira-delivery.js';
import { headerValue, IDENTIFIER_HEADER, parseJiraDelivery } from './parse-jira-delivery.js';
import { verifyJiraSignature } from './verify-jira-signature.js';
import { checkJiraTimestamp, DEFAULT_JIRA_MAX_AGE_MS, DEFAULT_JIRA_MAX_SKEW_MS, type JiraReplayWindow } from './check-jira-timestamp.js';
import { withTimeout } from '../../http/with-timeout.js';

export const JIRA_WEBHOOK_PATH = '/webhooks/jira';
export const JIRA_SIGNATURE_HEADER = 'x-hub-signature';
export const JIRA_REQUIRED_HEADERS = [JIRA_SIGNATURE_HEADER, IDENTIFIER_HEADER] as const;

export type JiraAcceptOutcome = { readonly status: 'accepted' | 'duplicate' };

export type JiraWebhookRejectReason = 'content_type' | 'missing_headers' | 'too_large' | 'aborted' | 'signature' | 'json' | 'invalid' | 'stale' | 'not_configured' | 'unavailable' | 'internal';

export interface JiraWebhookRouterOptions {
  /** Signing secrets, current first; read per request so a rotation needs no restart. */
  readonly secrets: () => readonly string[];
  /**
   * Reads the secrets again from where they are kept (the store, after `inscope jira setup`), when
   * none is known or a signature fails; throttled by the caller. Absent: `secrets` is all there is.
   */
  readonly reloadSecrets?: () => Promise<readonly string[]>;
  /** InScope's own accountId; its deliveries are acknowledged and not queued. */
  readonly botAccountId: () => string | null;
  readonly maxBodyBytes?: number;
  readonly accept: (delivery: JiraDelivery, raw: Buffer) => Promise<JiraAcceptOutcome>;
  readonly onRejected?: (reason: JiraWebhookRejectReason, status: number) => void;
  readonly onIgnored?: (why: 'own_change' | 'unsupported') => void;
  readonly acceptTimeoutMs?: number;
  readonly retryAfterSec?: number;
  /** The clock the signed timestamp is judged by. */
  readonly now?: () => number;
  readonly replayWindow?: Partial<JiraReplayWindow>;
}

/** Issue payloads carry every field of the issue, descriptions in ADF included: more room than Zendesk's. */
export const DEFAULT_JIRA_MAX_BODY_BYTES = 1024 * 1024;
/** JSON must be UTF-8 (RFC 8259 §8.1): invalid bytes are refused, not queued as U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function createJiraWebhookRouter(options: JiraWebhookRouterOptions): Router {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_JIRA_MAX_BODY_BYTES;
  const acceptTimeoutMs = options.acceptTimeoutMs ?? 8_000;
  const retryAfterSec = String(options.retryAfterSec ?? 30);
  const now = options.now ?? Date.now;
  const replayWindow: JiraReplayWindow = {
    maxAgeMs: options.replayWindow?.maxAgeMs ?? DEFAULT_JIRA_MAX_AGE_MS,
    maxSkewMs: options.replayWindow?.maxSkewMs ?? DEFAULT_JIRA_MAX_SKEW_MS,
  };

  const router = Router();
  router.post(JIRA_WEBHOOK_PATH, async (req: Request, res: Response) => {
    const reject = (status: number, reason: JiraWebhookRejectReason, message: string, details?: unknown): void => {
      options.onRejected?.(reason, status);
      if (status === 503) res.set('Retry-After', retryAfterSec);
      sendJsonError(res, status, reason, message, details);
    };

    const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      req.resume();
      return reject(415, 'content_type', 'Content-Type must be application/json');
    }
    const missing = JIRA_REQUIRED_HEADERS.filter((name) => headerValue(req.headers, name) === undefined);
    if (missing.length > 0) {
      req.resume();
      return reject(400, 'missing_headers', `Missing required header(s): ${missing.join(', ')}`, { missing });
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      res.set('Connection', 'close');
      req.resume();
      return reject(413, 'too_large', `Body exceeds ${maxBodyBytes} bytes`);
    }
    const read = await readRawBody(req, maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too_large') return reject(413, 'too_large', `Body exceeds ${maxBodyBytes} bytes`);
      return reject(400, 'aborted', 'Request body could not be read');
    }

    const header = headerValue(req.headers, JIRA_SIGNATURE_HEADER) ?? '';
    let secrets = options.secrets().filter((secret) => secret !== '');
    let verified = secrets.length > 0 ? verifyJiraSignature({ secrets, header, rawBody: read.body }) : null;
    if ((verified === null || !verified.ok) && options.reloadSecrets) {
      try {
        secrets = (await options.reloadSecrets()).filter((secret) => secret !== '');
      } catch {
        return reject(503, 'unavailable', 'The webhook signing secret could not be read; retry later');
      }
      verified = secrets.length > 0 ? verifyJiraSignature({ secrets, header, rawBody: read.body }) : null;
    }
    if (verified === null) return reject(503, 'not_configured', 'Webhook signing secret is not configured');
    // A wrong secret, an unknown method and a malformed header look the same from outside on purpose.
    if (!verified.ok) return reject(401, 'signature', 'Signature does not match');

    let json: unknown;
    try {
      json = JSON.parse(UTF8.decode(read.body));
    } catch {
      return reject(400, 'json', 'Body is not valid JSON in UTF-8');
    }
    const parsed = parseJiraDelivery(json, req.headers, read.body);
    if (!parsed.ok) {
      if (parsed.reason === 'unsupported') {
        options.onIgnored?.('unsupported');
        res.status(200).json({ status: 'ignored', eventType: parsed.eventType });
        return;
      }
      const first = parsed.issues[0];
      return reject(422, 'invalid', `Delivery failed validation${first ? `: ${first.path}: ${first.message}` : ''}`, { issues: parsed.issues });
    }
    // 401 as for a stale Zendesk signature, and a 4xx Jira does not retry: the body is genuine but
    // no longer (or not yet) one Jira would send.
    const fresh = checkJiraTimestamp(parsed.delivery.occurredAt, now(), replayWindow);
    if (!fresh.ok) return reject(401, 'stale', fresh.message, { reason: fresh.reason });
    const bot = options.botAccountId();
    if (bot !== null && parsed.delivery.actorAccountId === bot) {
      options.onIgnored?.('own_change');
      res.status(200).json({ status: 'ignored', reason: 'own_change' });
      return;
    }

    let outcome: JiraAcceptOutcome;
    try {
      outcome = await withTimeout(options.accept(parsed.delivery, read.body), acceptTimeoutMs);
    } catch {
      return reject(503, 'unavailable', 'Delivery could not be stored; retry later');
    }
    res.status(outcome.status === 'accepted' ? 202 : 200).json({ status: outcome.status });
  });
  router.use(JIRA_WEBHOOK_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    options.onRejected?.('internal', 500);
    sendJsonError(res, 500, 'internal', 'Unexpected error while handling the delivery');
  });
  return router;
}
