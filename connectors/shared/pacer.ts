// Paces requests to one helpdesk account so we stay under its per-minute budget instead of
// running into 429s. A token bucket that may go into debt: each acquire takes a token and, when
// the bucket is empty, waits exactly as long as the refill needs — one sleep, no polling, and
// concurrent callers queue up behind each other. The account's own answers steer it too: when
// `X-Rate-Limit-Remaining` / `ratelimit-remaining` runs low the burst is dropped and the rate
// halved; at 0 nothing is sent before `ratelimit-reset`.
// The `Pacer` interface is what clients take, so a budget shared between processes (SQLite,
// Redis) can replace this in-memory one later.
import { realSleep } from './retry-policy.js';

export interface Pacer {
  /** Resolves when the next request may go out. */
  acquire(): Promise<void>;
  /** Feeds back the rate-limit headers of a response (any status). */
  observe(headers: Headers): void;
}

export interface TokenBucketOptions {
  /** Sustained requests per minute this pacer allows. */
  readonly ratePerMinute: number;
  /** Requests that may go out back to back from a full bucket. Default ratePerMinute / 20, at least 1. */
  readonly burst?: number;
  /** Remaining count at or below which we slow down. Default 10% of the reported limit (10 if unknown). */
  readonly lowRemaining?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Multiplies the sleeps (tests). The bucket runs on the clock divided by it, so a scaled run stays consistent. */
  readonly delayScale?: number;
}

function headerNumber(headers: Headers, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = headers.get(name)?.trim();
    if (raw && /^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  }
  return undefined;
}

export function createTokenBucketPacer(options: TokenBucketOptions): Pacer {
  if (!(options.ratePerMinute > 0)) throw new RangeError('ratePerMinute must be positive');
  const clock = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const scale = options.delayScale ?? 1;
  const burst = options.burst ?? Math.max(1, Math.floor(options.ratePerMinute / 20));
  const fullRatePerMs = options.ratePerMinute / 60_000;
  // Bucket time: with delayScale 0.001 a minute of budget passes in 60 real milliseconds.
  const now = (): number => (scale > 0 ? clock() / scale : clock());

  let ratePerMs = fullRatePerMs;
  let tokens = burst;
  let refilledAt = now();
  let notBefore = 0;

  const refill = (t: number): void => {
    tokens = Math.min(burst, tokens + (t - refilledAt) * ratePerMs);
    refilledAt = t;
  };

  return {
    async acquire() {
      if (scale === 0) return;
      const t = now();
      refill(t);
      tokens -= 1;
      const waitMs = Math.max(0, notBefore - t) + (tokens < 0 ? -tokens / ratePerMs : 0);
      if (waitMs > 0) await sleep(waitMs * scale);
    },
    observe(headers) {
      const remaining = headerNumber(headers, 'x-rate-limit-remaining', 'ratelimit-remaining');
      if (remaining === undefined) return;
      const limit = headerNumber(headers, 'x-rate-limit', 'ratelimit-limit');
      const low = options.lowRemaining ?? (limit === undefined ? 10 : Math.ceil(limit * 0.1));
      const t = now();
      refill(t);
      if (remaining > low) {
        ratePerMs = fullRatePerMs;
        return;
      }
      ratePerMs = fullRatePerMs / 2;
      tokens = Math.min(tokens, 0);
      const resetSeconds = headerNumber(headers, 'ratelimit-reset');
      if (remaining <= 0 && resetSeconds !== undefined) {
        notBefore = Math.max(notBefore, t + resetSeconds * 1000);
      }
    },
  };
}

/** One pacer per helpdesk account (Zendesk subdomain, Jira site), shared by every client of it. */
export function createPacerRegistry(make: (account: string) => Pacer): { get(account: string): Pacer } {
  const pacers = new Map<string, Pacer>();
  return {
    get(account) {
      const key = account.toLowerCase();
      let pacer = pacers.get(key);
      if (!pacer) {
        pacer = make(key);
        pacers.set(key, pacer);
      }
      return pacer;
    },
  };
}
