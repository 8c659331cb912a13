// When to repeat a failed helpdesk request, and how long to wait first. Separate from pacing
// (pacer.ts): the pacer keeps us under the budget, this decides what to do once a call failed.
//
// - 429: wait what `Retry-After` (or `ratelimit-reset`) says. Zendesk and Jira reject a throttled
//   request before doing any work, so repeating it is safe even for a non-idempotent write.
// - network errors and 502/503/504: capped, full-jitter exponential backoff
//   (delay = random() × min(cap, base × 2^(attempt-1)), the AWS "full jitter" variant).
// - Non-idempotent writes (POST, a PUT that adds a comment) are never blindly repeated: after a
//   reset connection, a 502/503/504 or a timeout we cannot know whether the helpdesk applied the
//   write, and repeating it would post a second comment or upload. They are retried only when the
//   request provably never reached the server (connection refused, DNS failure, connect timeout)
//   or the answer was 429. Everything else goes back to the caller as a typed error; the caller
//   re-reads the ticket and decides again (the webhook queue redelivers).
// - 500 and every other 4xx are not retried: they fail the same way again.
// `delayScale` multiplies every delay, so tests run the real policy in milliseconds.
import type { HelpdeskError } from './helpdesk-error.js';

export interface RetryOptions {
  /** Attempts in total, the first one included. Default 4. */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms, doubled per attempt. Default 1000. */
  readonly baseDelayMs?: number;
  /** Upper bound of one backoff in ms. Default 30 000. */
  readonly maxDelayMs?: number;
  /** A longer `Retry-After` is not slept through: the rateLimit error goes to the caller. Default 60 000. */
  readonly maxRetryAfterMs?: number;
  /** Multiplies every delay; 0.001 makes a 30 s wait last 30 ms. Default 1. */
  readonly delayScale?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Returns [0, 1), like Math.random. */
  readonly random?: () => number;
  /**
   * The unscaled wait before attempt `attempt + 1` when no `Retry-After` decides it. Default: full
   * jitter, `random() × min(maxDelayMs, baseDelayMs × 2^(attempt−1))`. A helpdesk with its own
   * published schedule (Atlassian's) passes that instead; the rules of when to retry stay the same.
   */
  readonly backoff?: (attempt: number) => number;
}

export interface RequestTraits {
  readonly method: string;
  /** True when repeating the request cannot change the outcome (GET, a PUT without a comment). */
  readonly idempotent: boolean;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Milliseconds to wait before the next attempt, or undefined to give up. `attempt` is 1-based. */
  nextDelayMs(error: HelpdeskError, attempt: number, request: RequestTraits): number | undefined;
  sleep(ms: number): Promise<void>;
}

/** Error codes that mean the request never left this machine or never got a connection. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export function createRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const scale = options.delayScale ?? 1;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;

  const unscaled = options.backoff ?? ((attempt: number) => random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
  const backoff = (attempt: number): number => unscaled(attempt) * scale;

  return {
    maxAttempts,
    sleep,
    nextDelayMs(error, attempt, request) {
      if (attempt >= maxAttempts) return undefined;
      if (error.kind === 'rateLimit') {
        if (error.retryAfterMs === undefined) return backoff(attempt);
        return error.retryAfterMs > maxRetryAfterMs ? undefined : error.retryAfterMs * scale;
      }
      if (error.kind === 'network') {
        if (request.idempotent) return backoff(attempt);
        return error.code !== undefined && NOT_SENT_CODES.has(error.code) ? backoff(attempt) : undefined;
      }
      if (error.kind === 'server' && request.idempotent && RETRYABLE_STATUSES.has(error.status ?? 0)) {
        return backoff(attempt);
      }
      return undefined;
    },
  };
}

/** Reads `Retry-After` (seconds or an HTTP date), else `ratelimit-reset` (seconds), as milliseconds. */
export function retryAfterMsFrom(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Math.round(Number(reset) * 1000);
  return undefined;
}
