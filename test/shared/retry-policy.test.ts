import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { createRetryPolicy, retryAfterMsFrom } from '../../connectors/shared/retry-policy.js';

const GET = { method: 'GET', idempotent: true };
const POST = { method: 'POST', idempotent: false };
const PUT_WITH_COMMENT = { method: 'PUT', idempotent: false };

const policy = createRetryPolicy({ random: () => 1, baseDelayMs: 1000, maxDelayMs: 30_000 });

describe('retry policy', () => {
  it.each([
    ['GET after a 503', new HelpdeskError('server', 'x', { status: 503 }), GET, true],
    ['GET after a 502', new HelpdeskError('server', 'x', { status: 502 }), GET, true],
    ['GET after a 504', new HelpdeskError('server', 'x', { status: 504 }), GET, true],
    ['GET after a 500', new HelpdeskError('server', 'x', { status: 500 }), GET, false],
    ['GET after a connection reset', new HelpdeskError('network', 'x', { code: 'ECONNRESET' }), GET, true],
    ['GET after a 404', new HelpdeskError('notFound', 'x', { status: 404 }), GET, false],
    ['GET after a 409', new HelpdeskError('conflict', 'x', { status: 409 }), GET, false],
    ['POST after a 503', new HelpdeskError('server', 'x', { status: 503 }), POST, false],
    ['POST after a connection reset', new HelpdeskError('network', 'x', { code: 'ECONNRESET' }), POST, false],
    ['POST after a timeout', new HelpdeskError('network', 'x', { code: 'ETIMEDOUT' }), POST, false],
    ['POST after connection refused', new HelpdeskError('network', 'x', { code: 'ECONNREFUSED' }), POST, true],
    ['POST after a DNS failure', new HelpdeskError('network', 'x', { code: 'ENOTFOUND' }), POST, true],
    ['POST after a 429', new HelpdeskError('rateLimit', 'x', { status: 429, retryAfterMs: 1000 }), POST, true],
    ['PUT with a comment after a 500', new HelpdeskError('server', 'x', { status: 500 }), PUT_WITH_COMMENT, false],
    ['PUT with a comment after a 504', new HelpdeskError('server', 'x', { status: 504 }), PUT_WITH_COMMENT, false],
  ])('%s → retried: %s', (_label, error, request, retried) => {
    expect(policy.nextDelayMs(error, 1, request) !== undefined).toBe(retried);
  });

  it('doubles the backoff ceiling per attempt up to the cap (full jitter at random() = 1)', () => {
    const e = new HelpdeskError('server', 'x', { status: 503 });
    const p = createRetryPolicy({ random: () => 1, baseDelayMs: 1000, maxDelayMs: 5000, maxAttempts: 10 });
    expect([1, 2, 3, 4, 5].map((attempt) => p.nextDelayMs(e, attempt, GET))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('draws each backoff uniformly below its ceiling', () => {
    const e = new HelpdeskError('network', 'x', { code: 'ECONNRESET' });
    const p = createRetryPolicy({ random: () => 0.25, baseDelayMs: 1000 });
    expect(p.nextDelayMs(e, 3, GET)).toBe(1000);
  });

  it('honours Retry-After exactly and scales it with delayScale', () => {
    const e = new HelpdeskError('rateLimit', 'x', { status: 429, retryAfterMs: 42_000 });
    expect(createRetryPolicy().nextDelayMs(e, 1, GET)).toBe(42_000);
    expect(createRetryPolicy({ delayScale: 0.001 }).nextDelayMs(e, 1, GET)).toBe(42);
  });

  it('gives up on a Retry-After longer than maxRetryAfterMs so the caller can requeue', () => {
    const e = new HelpdeskError('rateLimit', 'x', { status: 429, retryAfterMs: 120_000 });
    expect(createRetryPolicy({ maxRetryAfterMs: 60_000 }).nextDelayMs(e, 1, GET)).toBeUndefined();
  });

  it('backs off on a 429 without Retry-After', () => {
    const e = new HelpdeskError('rateLimit', 'x', { status: 429 });
    expect(policy.nextDelayMs(e, 2, GET)).toBe(2000);
  });

  it('stops once maxAttempts attempts were made', () => {
    const e = new HelpdeskError('server', 'x', { status: 503 });
    const p = createRetryPolicy({ maxAttempts: 3, random: () => 1 });
    expect(p.nextDelayMs(e, 2, GET)).toBe(2000);
    expect(p.nextDelayMs(e, 3, GET)).toBeUndefined();
  });

  it('scales backoff delays too', () => {
    const e = new HelpdeskError('server', 'x', { status: 503 });
    expect(createRetryPolicy({ random: () => 1, delayScale: 0.01 }).nextDelayMs(e, 1, GET)).toBe(10);
  });
});

describe('retryAfterMsFrom', () => {
  const now = Date.parse('2026-10-05T09:00:00Z');
  it.each<[string, Record<string, string>, number | undefined]>([
    ['Retry-After in seconds', { 'retry-after': '30' }, 30_000],
    ['Retry-After as an HTTP date', { 'retry-after': 'Mon, 05 Oct 2026 09:00:12 GMT' }, 12_000],
    ['ratelimit-reset when Retry-After is missing', { 'ratelimit-reset': '9' }, 9000],
    ['Retry-After over ratelimit-reset', { 'retry-after': '3', 'ratelimit-reset': '9' }, 3000],
    ['nothing usable', { 'retry-after': 'soon' }, undefined],
    ['no headers', {}, undefined],
  ])('reads %s', (_label, headers, expected) => {
    expect(retryAfterMsFrom(new Headers(headers), now)).toBe(expected);
  });
});
