// A Pacer whose token bucket lives in the database (a RateBudget), so that several connector
// instances together stay under one helpdesk account's per-minute budget. It also spreads what one
// instance learns from the account to all of them: a `Retry-After` (429/503) or an exhausted
// `ratelimit-remaining` pauses the whole account, a low remaining count drops the burst.
// When the budget cannot be reached (a database restart), a request waits for it a little and then
// falls back to a per-process bucket at the same rate, so a long outage slows the helpdesk calls
// down to one instance's share per instance instead of stopping them.
import { createTokenBucketPacer, type Pacer } from './pacer.js';
import { realSleep, retryAfterMsFrom } from './retry-policy.js';

export interface BudgetRule {
  /** Requests per minute the account allows all instances together. */
  readonly ratePerMinute: number;
  /** Requests that may go out back to back from a full bucket. */
  readonly burst: number;
}

export interface RateBudget {
  /** Reserves one request for the account; resolves with the milliseconds to wait before sending it. */
  take(account: string, rule: BudgetRule): Promise<number>;
  /** Nobody sends for the account during the next `ms` (a Retry-After, an exhausted limit); the burst is dropped. */
  pause(account: string, ms: number): Promise<void>;
  /** The account reports few requests left: drop the burst, so the next requests wait for the refill. */
  drain(account: string): Promise<void>;
  close(): Promise<void>;
}

export interface SharedPacerOptions {
  readonly budget: RateBudget;
  /** The helpdesk account the bucket belongs to (Zendesk subdomain, Jira site). */
  readonly account: string;
  /** Sustained requests per minute for all instances together. */
  readonly ratePerMinute: number;
  /** Default ratePerMinute / 20, at least 1 (as the in-process pacer). */
  readonly burst?: number;
  /** Multiplies every wait; the bucket refills 1/delayScale times faster, so a scaled run stays consistent. */
  readonly delayScale?: number;
  /** How long a request waits for an unreachable budget before the per-process fallback. Default 5 s (scaled). */
  readonly fallbackAfterMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name)?.trim();
  return raw && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
}

export function createSharedPacer(options: SharedPacerOptions): Pacer {
  if (!(options.ratePerMinute > 0)) throw new RangeError('ratePerMinute must be positive');
  const scale = options.delayScale ?? 1;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => {});
  const burst = options.burst ?? Math.max(1, Math.floor(options.ratePerMinute / 20));
  const rule: BudgetRule = { ratePerMinute: options.ratePerMinute / (scale > 0 ? scale : 1), burst };
  const fallbackAfterMs = (options.fallbackAfterMs ?? 5_000) * scale;
  const fallback = createTokenBucketPacer({ ratePerMinute: options.ratePerMinute, burst, delayScale: scale, sleep, now: () => performance.now() });
  const { budget, account } = options;
  const report = (promise: Promise<void>): void => {
    promise.catch(onError);
  };

  return {
    async acquire() {
      if (scale === 0) return;
      const giveUpAt = now() + fallbackAfterMs;
      for (let attempt = 0; ; attempt += 1) {
        try {
          const waitMs = await budget.take(account, rule);
          if (waitMs > 0) await sleep(waitMs);
          return;
        } catch (error) {
          onError(error);
          if (now() >= giveUpAt) return fallback.acquire();
          await sleep(Math.min(Math.max(1, fallbackAfterMs / 10), 50 * 2 ** attempt));
        }
      }
    },
    observe(headers) {
      if (scale === 0) return;
      const retryAfterMs = retryAfterMsFrom(headers, Date.now());
      const remaining = headerNumber(headers, 'x-rate-limit-remaining') ?? headerNumber(headers, 'ratelimit-remaining');
      if (headers.has('retry-after') && retryAfterMs !== undefined) return report(budget.pause(account, retryAfterMs * scale));
      if (remaining === undefined) return;
      const limit = headerNumber(headers, 'x-rate-limit') ?? headerNumber(headers, 'ratelimit-limit');
      const low = limit === undefined ? 10 : Math.ceil(limit * 0.1);
      if (remaining <= 0 && retryAfterMs !== undefined) return report(budget.pause(account, retryAfterMs * scale));
      if (remaining <= low) report(budget.drain(account));
    },
  };
}
