// When to repeat a failed Jira request: Atlassian's recommended policy for Jira Cloud
// ("Rate limiting", https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): honour
// `Retry-After` first; otherwise exponential backoff starting at 5 s, capped at 30 s, multiplied by
// a jitter of 0.7–1.3, and at most 4 retries. Writes follow the house rule of
// connectors/shared/retry-policy.ts: a 429 is rejected before any work and may be repeated, but a
// write whose answer was lost (reset connection, 502/503/504, time-out) is never repeated blindly.
import { createRetryPolicy, realSleep, type RetryPolicy } from '../../shared/retry-policy.js';

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

export function createJiraRetryPolicy(options: JiraRetryOptions = {}): RetryPolicy {
  const initialDelayMs = options.initialDelayMs ?? 5_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  return createRetryPolicy({
    maxAttempts: 1 + Math.max(0, options.maxRetries ?? 4),
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    delayScale: options.delayScale ?? 1,
    sleep: options.sleep ?? realSleep,
    backoff: (attempt) => Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * (0.7 + random() * 0.6),
  });
}
