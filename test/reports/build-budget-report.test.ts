// The statement's figures from a real SQLite store: counts, committed and pending per organization
// against its cap, remaining and use, the organization filter, and the month boundary.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { CoverageConfig } from '../../connectors/config/config-schema.js';
import { loadBudgetReport } from '../../connectors/reports/load-budget-report.js';
import type { Store } from '../../connectors/store/store.js';
import { seedBudgetStore } from './seed-budget-store.js';

const root = path.resolve(import.meta.dirname, '../..');
let store: Store;
let dir: string;
let config: CoverageConfig;

beforeAll(async () => {
  ({ store, dir } = await seedBudgetStore());
  config = (await loadConfig(path.join(root, 'examples/coverage.yaml'))).config;
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('buildBudgetReport', () => {
  it('sums committed and pending hours and amounts per organization for the month', async () => {
    const rows = await loadBudgetReport(store, config, '2026-11');
    const jansen = rows.find((r) => r.contractId === 'C-2026-001');
    expect(jansen).toMatchObject({
      organizationIds: ['9001'], name: 'Bakkerij Jansen B.V.', currency: 'EUR', sent: 3, accepted: 1, declined: 1,
      hours: { committed: 600, pending: 400 }, amount: { committed: 75_000, pending: 50_000 },
      cap: { hours: 2_000 }, unit: 'hours', remaining: 1_000, usedPercent: 50,
    });
  });

  it('measures an amount cap in minor units and leaves other months out', async () => {
    const rows = await loadBudgetReport(store, config, '2026-11');
    expect(rows.find((r) => r.contractId === 'C-2025-014')).toMatchObject({
      organizationIds: ['9002'], sent: 2, accepted: 1, declined: 0,
      amount: { committed: 150_000, pending: 50_000 }, cap: { amount: 400_000 }, unit: 'amount', remaining: 200_000, usedPercent: 50,
    });
    const october = await loadBudgetReport(store, config, '2026-10');
    expect(october.find((r) => r.contractId === 'C-2025-014')).toMatchObject({ accepted: 1, amount: { committed: 100_000, pending: 0 }, usedPercent: 25 });
  });

  it('lists capped contracts without proposals at zero and skips uncapped ones without proposals', async () => {
    const rows = await loadBudgetReport(store, config, '2026-11');
    expect(rows.find((r) => r.contractId === 'C-2026-022')).toMatchObject({ sent: 0, remaining: 1_000, usedPercent: 0, currency: 'GBP' });
    expect(rows.find((r) => r.contractId === 'C-2024-007')).toBeUndefined();
  });

  it.each([['9001', ['C-2026-001']], ['C-2025-014', ['C-2025-014']], ['nobody', []]])('filters on organization or contract %s', async (org, contracts) => {
    expect((await loadBudgetReport(store, config, '2026-11', org)).map((r) => r.contractId)).toEqual(contracts);
  });
});
