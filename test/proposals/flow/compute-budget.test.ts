import { describe, expect, it } from 'vitest';
import { computeBudget, type ComputeBudgetInput } from '../../../connectors/proposals/compute-budget.js';
import { budgetMonthOf } from '../../../connectors/proposals/proposal-expiry.js';

const base: ComputeBudgetInput = { month: '2026-11', cap: { hours: 20 }, currency: 'EUR', entries: [], policy: 'warn', thresholds: [80, 100] };
const entry = (status: string, hours: number, subtotal: number) => ({ status, hundredthHours: Math.round(hours * 100), subtotal });

describe('the budget ledger', () => {
  it('sums committed (accepted) and pending (sent) and ignores drafts, declined, expired and superseded versions', () => {
    const budget = computeBudget({ ...base, entries: [entry('accepted', 3, 37500), entry('sent', 2.5, 31250), entry('draft', 9, 1), entry('declined', 9, 1), entry('expired', 9, 1), entry('superseded', 9, 1)] });
    expect(budget).toMatchObject({ unit: 'hours', committed: 3, pending: 2.5, hours: { committed: 3, pending: 2.5, logged: null }, amount: { committed: 375, pending: 312.5 }, usedPercent: 27.5, afterThisProposal: null, overCap: false });
  });

  it('measures in money when the cap has an amount, before VAT', () => {
    const budget = computeBudget({ ...base, cap: { amount: 4000 }, entries: [entry('accepted', 3, 40500)], proposal: { hundredthHours: 300, subtotal: 40500 } });
    expect(budget).toMatchObject({ unit: 'amount', committed: 405, pending: 0, afterThisProposal: 810, usedPercent: 10.1, afterPercent: 20.3, overCap: false });
  });

  it.each([
    ['stays under the cap and passes 80 %', 14, 3, false, [80]],
    ['reaches the cap exactly (not over)', 15, 5, false, [80, 100]],
    ['goes over by a quarter hour', 15, 5.25, true, [80, 100]],
    ['was already past 80 %', 16.5, 1, false, []],
  ])('%s', (_name, used, hours, overCap, crossed) => {
    const budget = computeBudget({ ...base, entries: [entry('accepted', used, 0)], proposal: { hundredthHours: Math.round(hours * 100), subtotal: 0 } });
    expect(budget.overCap).toBe(overCap);
    expect(budget.crossed).toEqual(crossed);
  });

  it('is over when either cap is exceeded', () => {
    const budget = computeBudget({ ...base, cap: { hours: 100, amount: 1000 }, proposal: { hundredthHours: 100, subtotal: 100_001 } });
    expect(budget).toMatchObject({ overCap: true, unit: 'amount', afterThisProposal: 1000.01 });
  });
});

describe('the budget month of an instant', () => {
  it.each([
    ['late on 30 November in UTC is December in Amsterdam', '2026-11-30T23:30:00Z', 'Europe/Amsterdam', '2026-12'],
    ['the same instant is still November in London', '2026-11-30T23:30:00Z', 'Europe/London', '2026-11'],
    ['early on 1 December in UTC is still November in New York', '2026-12-01T03:00:00Z', 'America/New_York', '2026-11'],
    ['new year in Amsterdam', '2026-12-31T23:00:00Z', 'Europe/Amsterdam', '2027-01'],
    ['the last hour of October across the clock change', '2026-10-31T22:59:59Z', 'Europe/Amsterdam', '2026-10'],
  ])('%s', (_name, instant, timeZone, month) => {
    expect(budgetMonthOf(instant, timeZone)).toBe(month);
  });
});
