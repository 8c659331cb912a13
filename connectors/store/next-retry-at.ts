// When a failed job may run again: capped exponential backoff with full jitter, unless the helpdesk
// asked for a longer wait with Retry-After. Pure; the caller brings the clock and the randomness.
// Full jitter (delay = random × min(cap, base × 2^(attempt−1))) spreads retries of many workers:
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

export interface NextRetryAtInput {
  /** Attempts made so far, the failed one included (1 after the first failure). */
  readonly attempts: number;
  readonly now: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** From a 429/503 Retry-After header; wins when it is longer than the jittered delay. */
  readonly retryAfterMs?: number;
  /** Returns a number in [0, 1), like Math.random. */
  readonly random: () => number;
}

export function nextRetryAt({ attempts, now, baseMs, capMs, retryAfterMs, random }: NextRetryAtInput): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 52);
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  const delay = retryAfterMs !== undefined && retryAfterMs > jittered ? retryAfterMs : jittered;
  return now + delay;
}
