// When to repeat a failed Jira request: Atlassian's recommended policy for Jira Cloud
// ("Rate limiting", https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): honour
// `Retry-After` first; otherwise exponential backoff starting at 5 s, capped at 30 s, multiplied by
// a jitter of 0.7–1.3, and at most 4 retries. Writes follow the house rule of
// connectors/shared/retry-policy.ts: a 429 is rejected before any work and may be repeated, but a
// write whose answer was lost (reset connection, 502/503/504, time-out) is never repeated blindly.
import type { HelpdeskError } from '../../shared/helpdesk-error.js';
import { realSleep, type RequestTraits, type RetryPolicy } from '../../shared/retry-policy.js';

export interface JiraRetryOptions {
  /** Retries after the first attempt. Atlassian: 4. */
  readonly maxRetries?: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A longer `Retry-After` is not slept through: the rateLimit error goes to the caller (the queue retries later). */
  readonly maxRetryAfterMs?: number;
  readonly delayScale?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** The request provably never reached Jira: safe to repeat even a write. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export function createJiraRetryPolicy(options: JiraRetryOptions = {}): RetryPolicy {
  const maxAttempts = 1 + Math.max(0, options.maxRetries ?? 4);
  const initialDelayMs = options.initialDelayMs ?? 5_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const scale = options.delayScale ?? 1;
  const random = options.random ?? Math.random;

  const backoff = (attempt: number): number => {
    const jitter = 0.7 + random() * 0.6;
    return Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * jitter * scale;
  };

  return {
    maxAttempts,
    sleep: options.sleep ?? realSleep,
    nextDelayMs(error: HelpdeskError, attempt: number, request: RequestTraits) {
      if (attempt >= maxAttempts) return undefined;
      if (error.kind === 'rateLimit') {
        if (error.retryAfterMs === undefined) return backoff(attempt);
        return error.retryAfterMs > maxRetryAfterMs ? undefined : error.retryAfterMs * scale;
      }
      if (error.kind === 'network') {
        if (request.idempotent) return backoff(attempt);
        return error.code !== undefined && NOT_SENT_CODES.has(error.code) ? backoff(attempt) : undefined;
      }
      if (error.kind === 'server' && request.idempotent && RETRYABLE_STATUSES.has(error.status ?? 0)) return backoff(attempt);
      return undefined;
    },
  };
}
