import { describe, expect, it } from 'vitest';
import { createSharedPacer, type BudgetRule, type RateBudget } from '../../connectors/shared/create-shared-pacer.js';

/** An in-memory RateBudget that records what the pacer asks of it; `down` makes it throw like an unreachable database. */
function fakeBudget(waits: number[] = []) {
  const log: string[] = [];
  const state = { down: false, rules: [] as BudgetRule[] };
  const budget: RateBudget = {
    async take(account, rule) {
      if (state.down) throw new Error('connection refused');
      state.rules.push(rule);
      log.push(`take ${account}`);
      return waits.shift() ?? 0;
    },
    async pause(account, ms) {
      log.push(`pause ${account} ${ms}`);
    },
    async drain(account) {
      log.push(`drain ${account}`);
    },
    async close() {},
  };
  return { budget, log, state };
}

function manualClock() {
  const clock = { now: 0, sleeps: [] as number[] };
  return { clock, now: () => clock.now, sleep: async (ms: number) => { clock.sleeps.push(ms); clock.now += ms; } };
}

describe('shared pacer', () => {
  it('sleeps exactly the wait the shared budget hands out', async () => {
    const { budget } = fakeBudget([0, 250, 500]);
    const { clock, now, sleep } = manualClock();
    const pacer = createSharedPacer({ budget, account: 'acme', ratePerMinute: 240, now, sleep });
    for (let i = 0; i < 3; i++) await pacer.acquire();
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it.each([
    { scale: 1, rate: 600 },
    { scale: 0.1, rate: 6000 },
  ])('asks the budget for the rate divided by the delay scale ($scale → $rate/min), burst unchanged', async ({ scale, rate }) => {
    const { budget, state } = fakeBudget();
    const { now, sleep } = manualClock();
    await createSharedPacer({ budget, account: 'acme', ratePerMinute: 600, delayScale: scale, now, sleep }).acquire();
    expect(state.rules).toEqual([{ ratePerMinute: rate, burst: 30 }]);
  });

  it.each([
    { headers: { 'retry-after': '7' }, expected: 'pause acme 700' },
    { headers: { 'x-rate-limit': '400', 'x-rate-limit-remaining': '12' }, expected: 'drain acme' },
    { headers: { 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }, expected: 'pause acme 300' },
  ])('tells every instance what the account said: $headers → $expected', async ({ headers, expected }) => {
    const { budget, log } = fakeBudget();
    const pacer = createSharedPacer({ budget, account: 'acme', ratePerMinute: 600, delayScale: 0.1 });
    pacer.observe(new Headers(headers));
    await Promise.resolve();
    expect(log).toEqual([expected]);
  });

  it('leaves the budget alone while the account has plenty left', () => {
    const { budget, log } = fakeBudget();
    createSharedPacer({ budget, account: 'acme', ratePerMinute: 600 }).observe(new Headers({ 'x-rate-limit': '400', 'x-rate-limit-remaining': '300' }));
    expect(log).toEqual([]);
  });

  it('waits for an unreachable budget, then paces in-process instead of failing the request', async () => {
    const { budget, state } = fakeBudget();
    state.down = true;
    const errors: unknown[] = [];
    const { clock, now, sleep } = manualClock();
    const pacer = createSharedPacer({ budget, account: 'acme', ratePerMinute: 600, burst: 1, fallbackAfterMs: 1_000, now, sleep, onError: (e) => errors.push(e) });
    await pacer.acquire();
    expect(clock.now).toBeGreaterThanOrEqual(1_000);
    expect(errors.length).toBeGreaterThan(1);
    state.down = false;
    const before = errors.length;
    await pacer.acquire();
    expect(errors).toHaveLength(before);
  });

  it('does not touch the budget when delays are scaled to nothing', async () => {
    const { budget, log } = fakeBudget();
    const pacer = createSharedPacer({ budget, account: 'acme', ratePerMinute: 600, delayScale: 0 });
    await pacer.acquire();
    pacer.observe(new Headers({ 'retry-after': '5' }));
    expect(log).toEqual([]);
  });
});
