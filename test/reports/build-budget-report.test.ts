// The statement's figures from a real SQLite store: counts, committed and pending per organization
// against its cap, remaining and use, the organization filter, and the month boundary.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { CoverageConfig } from '../../connectors/config/config-schema.js';
import { loadBudgetReport } from '../../connectors/reports/load-budget-report.js';
import { toHtml, toTable } from '../../connectors/reports/render-budget-report.js';
import type { Store } from '../../connectors/store/store.js';
import { JANSEN, seedBudgetStore } from './seed-budget-store.js';

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

describe('buildBudgetReport in shadow mode and across contract periods', () => {
  let shadowStore: Store;
  let shadowDir: string;
  beforeAll(async () => {
    ({ store: shadowStore, dir: shadowDir } = await seedBudgetStore([
      { ticketId: '1', organization: JANSEN, contractId: 'C-2026-001', hours: 6, rate: 12_500, status: 'accepted' },
      { ticketId: '2', organization: JANSEN, contractId: 'C-2026-001', hours: 4, rate: 12_500, status: 'draft' },
      { ticketId: '3', organization: JANSEN, contractId: 'C-2026-001', hours: 2, rate: 12_500, status: 'draft' },
      { ticketId: '4', organization: { id: '9060', name: 'Atlas Retail Group' }, contractId: 'C-2025-060', hours: 1, rate: 12_500, status: 'accepted' },
    ]));
    // Shadow mode wrote the PDF of ticket 2's proposal; ticket 3's was held by the budget policy (no PDF).
    const [made] = await shadowStore.listProposals({ ticketId: '2', limit: 1 });
    await shadowStore.transitionProposal(made!.id, { from: ['draft'], to: 'draft', at: 2_000, pdfPath: path.join(shadowDir, 'P-2026-0002-v1.pdf') });
  });
  afterAll(async () => {
    await shadowStore.close();
    fs.rmSync(shadowDir, { recursive: true, force: true });
  });

  it('counts the proposals shadow mode made as committed, and only in shadow mode', async () => {
    const live = await loadBudgetReport(shadowStore, config, '2026-11', '9001');
    expect(live[0]).toMatchObject({ accepted: 1, hours: { committed: 600, pending: 0 }, remaining: 1_400, shadow: 0 });
    const shadow = await loadBudgetReport(shadowStore, config, '2026-11', '9001', { shadow: true });
    expect(shadow[0]).toMatchObject({ accepted: 2, sent: 1, hours: { committed: 1_000, pending: 0 }, remaining: 1_000, usedPercent: 50, shadow: 1 });
    const table = toTable(shadow, '2026-11', { shadow: true });
    expect(table).toMatch(/^Budget 2026-11 \(shadow mode: the proposals shadow mode made count as committed/);
    expect(table.split('\n')[1]).toMatch(/\s+used\s+shadow$/);
    expect(table.split('\n')[2]).toMatch(/10 h\s+50%\s+1$/);
    expect(toHtml(shadow, '2026-11', { shadow: true })).toContain('data-testid="shadow"');
    expect(toTable(live, '2026-11', { shadow: true })).toMatch(/^Budget 2026-11\n/);
  });

  it('leaves out a contract that ended before the month, and shows one with proposals as not active, with nothing remaining', async () => {
    const rows = await loadBudgetReport(store, config, '2026-11');
    expect(rows.find((r) => r.contractId === 'C-2025-060')).toBeUndefined();
    expect((await loadBudgetReport(store, config, '2026-09')).find((r) => r.contractId === 'C-2025-060')).toMatchObject({ active: true, remaining: 600_000 });
    const ended = (await loadBudgetReport(shadowStore, config, '2026-11')).find((r) => r.contractId === 'C-2025-060');
    expect(ended).toMatchObject({ active: false, cap: {}, remaining: null, usedPercent: null, amount: { committed: 12_500, pending: 0 } });
    expect(toTable([ended!], '2026-11').split('\n')[2]).toMatch(/not active\s+-\s+-$/);
  });
});
