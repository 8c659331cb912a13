import { describe, expect, it } from 'vitest';
import { createPacerRegistry, createTokenBucketPacer } from '../../connectors/shared/pacer.js';

function manualClock() {
  const clock = { now: 0, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
}

describe('token bucket pacer', () => {
  it('lets a burst through at once, then spaces requests at the per-minute rate', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 120, burst: 3, now, sleep });
    for (let i = 0; i < 5; i += 1) await pacer.acquire();
    // 120/min = one token per 500 ms once the three burst tokens are spent.
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('refills while idle, up to the burst size only', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 60, burst: 2, now, sleep });
    await pacer.acquire();
    await pacer.acquire();
    clock.now += 60_000;
    await pacer.acquire();
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.sleeps).toEqual([1000]);
  });

  it('queues concurrent callers one interval apart', async () => {
    const clock = { now: 0 };
    const waits: number[] = [];
    const pacer = createTokenBucketPacer({
      ratePerMinute: 60,
      burst: 1,
      now: () => clock.now,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('defaults the burst to a twentieth of the rate: 20 back to back at 400/min', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 400, now, sleep });
    for (let i = 0; i < 20; i += 1) await pacer.acquire();
    expect(clock.sleeps).toEqual([]);
    await pacer.acquire();
    expect(clock.sleeps).toEqual([150]);
  });

  it('drops the burst and halves the rate when the account reports few requests left', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 120, burst: 5, now, sleep });
    pacer.observe(new Headers({ 'x-rate-limit': '400', 'x-rate-limit-remaining': '12' }));
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('returns to the full rate once the remaining count recovers', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 120, burst: 1, now, sleep });
    pacer.observe(new Headers({ 'ratelimit-limit': '400', 'ratelimit-remaining': '5' }));
    await pacer.acquire();
    pacer.observe(new Headers({ 'ratelimit-limit': '400', 'ratelimit-remaining': '300' }));
    await pacer.acquire();
    expect(clock.sleeps).toEqual([1000, 500]);
  });

  it('sends nothing before ratelimit-reset once the account has no requests left', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 120, burst: 5, now, sleep });
    pacer.observe(new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '20' }));
    await pacer.acquire();
    expect(clock.sleeps).toEqual([20_000 + 1000]);
  });

  it('ignores responses without rate-limit headers', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 120, burst: 2, now, sleep });
    pacer.observe(new Headers({ 'content-type': 'application/json' }));
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('scales its sleeps with delayScale and keeps the same spacing when the clock moves by the scaled sleeps', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 10, burst: 1, now, sleep, delayScale: 0.001 });
    for (let i = 0; i < 4; i += 1) await pacer.acquire();
    expect(clock.sleeps.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([6, 6, 6]);
  });

  it('never waits with delayScale 0', async () => {
    const { clock, now, sleep } = manualClock();
    const pacer = createTokenBucketPacer({ ratePerMinute: 10, burst: 1, now, sleep, delayScale: 0 });
    for (let i = 0; i < 3; i += 1) await pacer.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createTokenBucketPacer({ ratePerMinute: 0 })).toThrow(RangeError);
  });
});

describe('pacer registry', () => {
  it('hands out one pacer per account, case-insensitively', () => {
    const made: string[] = [];
    const registry = createPacerRegistry((account) => {
      made.push(account);
      return createTokenBucketPacer({ ratePerMinute: 320 });
    });
    expect(registry.get('Veldhuis')).toBe(registry.get('veldhuis'));
    expect(registry.get('other')).not.toBe(registry.get('veldhuis'));
    expect(made).toEqual(['veldhuis', 'other']);
  });
});
