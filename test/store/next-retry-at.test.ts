import { describe, expect, it } from 'vitest';
import { nextRetryAt } from '../../connectors/store/next-retry-at.js';

const base = { now: 10_000, baseMs: 1_000, capMs: 60_000 };

describe('nextRetryAt', () => {
  it.each([
    // attempts, random, retryAfterMs, expected delay
    [1, 0.999, undefined, 999],
    [2, 0.5, undefined, 1_000],
    [3, 0.5, undefined, 2_000],
    [7, 0.5, undefined, 30_000],
    [8, 0.5, undefined, 30_000],
    [40, 0.999, undefined, 59_940],
    [1, 0, undefined, 0],
    [3, 0.5, 5_000, 5_000],
    [3, 0.5, 1_500, 2_000],
    [1, 0.5, 120_000, 120_000],
  ] as const)('after %i attempts with random %d and Retry-After %s waits %i ms', (attempts, random, retryAfterMs, delay) => {
    const input = retryAfterMs === undefined ? { ...base, attempts, random: () => random } : { ...base, attempts, retryAfterMs, random: () => random };
    expect(nextRetryAt(input)).toBe(10_000 + delay);
  });
});
