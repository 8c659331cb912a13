// Quoted versus actual from a real SQLite store on a known ledger (seed-budget-store.ts ACTUALS):
// the ratio actual ÷ quoted per organization, request kind and month, with the counts it rests on.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsBefore, monthsBetween } from '../../connectors/reports/build-actuals-report.js';
import { actualsSinceProblem, defaultActualsFrom, loadActualsReport } from '../../connectors/reports/load-actuals-report.js';
import type { Store } from '../../connectors/store/store.js';
import { ACTUALS, seedBudgetStore } from './seed-budget-store.js';

let store: Store;
let dir: string;

beforeAll(async () => {
  ({ store, dir } = await seedBudgetStore(ACTUALS));
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const figures = (g: { accepted: number; measured: number; over: number; quoted: number; loggedSeconds: number; ratio: number | null }) =>
  [g.accepted, g.measured, g.over, g.quoted, g.loggedSeconds, g.ratio];

describe('quoted versus actual', () => {
  it('gives actual ÷ quoted per organization over the accepted proposals with logged time', async () => {
    const report = await loadActualsReport(store, { from: '2026-10', to: '2026-11' });
    expect(report.byOrganization.map((g) => [g.key, g.label, ...figures(g)])).toEqual([
      // 6 h quoted, 7.5 h logged.
      ['9001', 'Bakkerij Jansen B.V.', 1, 1, 1, 600, 27_000, 1.25],
      // 10 h → 8 h and 4 h → 5 h: 13 h for 14 h quoted; the 8 h never logged is counted, not summed.
      ['9002', 'Northwind <Traders> & "Co"', 3, 2, 1, 1_400, 46_800, 0.93],
    ]);
  });

  it('gives it per request kind and per month accepted, and in total', async () => {
    const report = await loadActualsReport(store, { from: '2026-10', to: '2026-11' });
    expect(report.byKind.map((g) => [g.key, ...figures(g)])).toEqual([
      ['how-to', 3, 2, 2, 1_000, 45_000, 1.25],
      ['own-implementation', 1, 1, 0, 1_000, 28_800, 0.8],
    ]);
    expect(report.byMonth.map((g) => [g.key, ...figures(g)])).toEqual([
      ['2026-10', 2, 1, 1, 400, 18_000, 1.25],
      ['2026-11', 2, 2, 1, 1_600, 55_800, 0.97],
    ]);
    // 20.5 h for 20 h: 1.025, rounded half up from integers to 1.03 (a float product would give 1.02).
    expect(figures(report.total)).toEqual([4, 3, 2, 2_000, 73_800, 1.03]);
  });

  it('counts only accepted proposals, in the span, of the organization or contract asked for', async () => {
    const november = await loadActualsReport(store, { from: '2026-11', to: '2026-11' });
    expect(figures(november.total)).toEqual([2, 2, 1, 1_600, 55_800, 0.97]);
    const northwind = await loadActualsReport(store, { from: '2026-10', to: '2026-11', organization: 'C-2025-014' });
    expect(northwind.byOrganization.map((g) => g.key)).toEqual(['9002']);
    expect((await loadActualsReport(store, { from: '2026-10', to: '2026-11', organization: '9001' })).byKind.map((g) => g.key)).toEqual(['how-to']);
    const empty = await loadActualsReport(store, { from: '2025-01', to: '2025-12' });
    expect(empty.total).toMatchObject({ accepted: 0, measured: 0, ratio: null });
    expect(empty.byOrganization).toEqual([]);
  });

  it('shows a proposal made before kinds were kept as of kind unknown, and no ratio without logged time', async () => {
    const seeded = await seedBudgetStore([{ ticketId: '1', organization: { id: '9001', name: 'Bakkerij Jansen B.V.' }, contractId: 'C-2026-001', hours: 2, rate: 12_500, status: 'accepted' }]);
    try {
      const report = await loadActualsReport(seeded.store, { from: '2026-11', to: '2026-11' });
      expect(report.byKind.map((g) => [g.key, g.accepted, g.measured, g.ratio])).toEqual([['unknown', 1, 0, null]]);
    } finally {
      await seeded.store.close();
      fs.rmSync(seeded.dir, { recursive: true, force: true });
    }
  });
});

describe('the span of months', () => {
  it.each([
    ['2026-11', 11, '2025-12'],
    ['2026-01', 1, '2025-12'],
    ['2026-03', 0, '2026-03'],
  ])('counts back from %s by %i months to %s', (month, count, expected) => {
    expect(monthsBefore(month, count)).toBe(expected);
  });

  it('lists the months across a year end, and none when the span runs backwards', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(defaultActualsFrom('2026-11')).toBe('2025-12');
  });

  it.each([['2026-12'], ['2016-10'], ['2026-13'], ['november']])('refuses --since %s for --month 2026-11', (since) => {
    expect(actualsSinceProblem(since, '2026-11')).toMatch(/expected a month YYYY-MM/);
  });

  it('takes a --since up to 120 months back', () => {
    expect(actualsSinceProblem('2016-12', '2026-11')).toBeNull();
    expect(actualsSinceProblem('2026-11', '2026-11')).toBeNull();
  });
});
