// The per-minute request limit of a Zendesk account, for the Zendesk double when a test or a bench
// asks for one. Zendesk's API reference, "Rate limits" (developer.zendesk.com/api-reference/
// introduction/rate-limits/): a limit per account per minute by plan (Team 200, Growth and
// Professional 400, Enterprise 700, High Volume 2500); answers carry X-Rate-Limit and
// X-Rate-Limit-Remaining, and ratelimit-remaining / ratelimit-reset; a request over the limit gets
// 429 with Retry-After in seconds. The 429 body is the `Errors` shape Zendesk's OpenAPI gives its
// 429 answers (operation UpdateOrganization: `errors: [{code: TooManyRequests, title}]`).
// Zendesk does not document where a minute starts: here it starts with the first request after the
// previous minute ended, which is the strictest reading (a client that paces itself passes both).

export const TOO_MANY_REQUESTS = { errors: [{ code: 'TooManyRequests', title: 'Too many requests' }] } as const;

export interface RateLimitAnswer {
  /** False: answer 429 with TOO_MANY_REQUESTS. */
  readonly allowed: boolean;
  /** To send with the answer, allowed or not (Retry-After only on a refusal). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface FakeRateLimit {
  /** Counts one request, unless the minute's limit is used up. */
  take(): RateLimitAnswer;
}

export function createFakeRateLimit(perMinute: number, now: () => number): FakeRateLimit {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError(`expected a limit of 1 or more requests a minute, got ${perMinute}`);
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  return {
    take() {
      const at = now();
      if (at - windowStart >= 60_000) {
        windowStart = at;
        used = 0;
      }
      const allowed = used < perMinute;
      if (allowed) used += 1;
      const resetSec = String(Math.max(1, Math.ceil((windowStart + 60_000 - at) / 1000)));
      const remaining = String(perMinute - used);
      const headers: Record<string, string> = {
        'X-Rate-Limit': String(perMinute),
        'X-Rate-Limit-Remaining': remaining,
        'ratelimit-remaining': remaining,
        'ratelimit-reset': resetSec,
      };
      if (!allowed) headers['Retry-After'] = resetSec;
      return { allowed, headers };
    },
  };
}
