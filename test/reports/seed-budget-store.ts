// Seeds a real SQLite store with one month of proposals through the store's own methods, for the
// statement tests: Bakkerij Jansen (9001, 20 h cap) and Northwind (9002, € 4 000 cap).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatProposalNumber } from '../../connectors/proposals/format-proposal-number.js';
import type { ProposalStatus } from '../../connectors/proposals/proposal.js';
import { SAMPLE_PROPOSAL } from '../../connectors/proposals/sample-proposal.js';
import { openStore } from '../../connectors/store/open-store.js';
import type { Store } from '../../connectors/store/store.js';

export interface SeedProposal {
  readonly ticketId: string;
  readonly organization: { readonly id: string; readonly name: string };
  readonly contractId: string;
  readonly hours: number;
  /** Minor units per hour. */
  readonly rate: number;
  readonly status: Exclude<ProposalStatus, 'superseded'>;
  readonly budgetMonth?: string;
  /** The request kind the proposal was made for. */
  readonly requestKind?: string;
  /** Seconds logged on the ticket once the proposal is accepted (its actual). */
  readonly loggedSeconds?: number;
}

export const JANSEN = { id: '9001', name: 'Bakkerij Jansen B.V.' };
export const NORTHWIND = { id: '9002', name: 'Northwind <Traders> & "Co"' };

/** 9001: 6 h accepted, 4 h sent, 2 h declined. 9002: € 1 500 accepted, € 500 sent. One in October. */
export const NOVEMBER: readonly SeedProposal[] = [
  { ticketId: '1', organization: JANSEN, contractId: 'C-2026-001', hours: 6, rate: 12_500, status: 'accepted' },
  { ticketId: '2', organization: JANSEN, contractId: 'C-2026-001', hours: 4, rate: 12_500, status: 'sent' },
  { ticketId: '3', organization: JANSEN, contractId: 'C-2026-001', hours: 2, rate: 12_500, status: 'declined' },
  { ticketId: '4', organization: NORTHWIND, contractId: 'C-2025-014', hours: 10, rate: 15_000, status: 'accepted' },
  { ticketId: '5', organization: NORTHWIND, contractId: 'C-2025-014', hours: 4, rate: 12_500, status: 'sent' },
  { ticketId: '6', organization: NORTHWIND, contractId: 'C-2025-014', hours: 8, rate: 12_500, status: 'accepted', budgetMonth: '2026-10' },
];

/**
 * Quoted versus actual: November plus a second October acceptance, with kinds and logged time.
 * Jansen 6 h quoted, 7.5 h logged. Northwind 10 h → 8 h (November), 8 h never logged and 4 h → 5 h (October).
 */
export const ACTUALS: readonly SeedProposal[] = [
  ...NOVEMBER.map((p) => ({
    ...p,
    requestKind: p.ticketId === '4' ? 'own-implementation' : 'how-to',
    ...(p.ticketId === '1' && { loggedSeconds: 27_000 }),
    ...(p.ticketId === '4' && { loggedSeconds: 28_800 }),
  })),
  { ticketId: '7', organization: NORTHWIND, contractId: 'C-2025-014', hours: 4, rate: 12_500, status: 'accepted', budgetMonth: '2026-10', requestKind: 'how-to', loggedSeconds: 18_000 },
];

export async function seedBudgetStore(proposals: readonly SeedProposal[] = NOVEMBER): Promise<{ dir: string; databaseUrl: string; store: Store }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-budget-report-'));
  const databaseUrl = path.join(dir, 'inscope.db');
  const store = await openStore(databaseUrl);
  await store.migrate();
  for (const p of proposals) {
    const amount = Math.round(p.hours * p.rate);
    const { proposal } = await store.createProposal(
      { helpdesk: 'zendesk', accountId: 'acme', ticketId: p.ticketId, vendor: SAMPLE_PROPOSAL.vendor.name, year: 2026, decisionKey: `d-${p.ticketId}`, budgetMonth: p.budgetMonth ?? '2026-11', createdAt: 1_000, requestKind: p.requestKind ?? null },
      (n) => ({
        document: {
          ...SAMPLE_PROPOSAL, status: 'draft', number: formatProposalNumber(n.year, n.sequence), version: n.version,
          organization: p.organization, contractId: p.contractId,
          lines: [{ description: 'Work', hours: p.hours, rate: p.rate, amount }], subtotal: amount, vat: 0, vatPercent: 0, total: amount,
        },
        tokenHash: null,
      }),
    );
    if (p.status === 'draft') continue;
    await store.transitionProposal(proposal.id, { from: ['draft'], to: 'sent', at: 2_000 });
    if (p.status !== 'sent') await store.transitionProposal(proposal.id, { from: ['sent'], to: p.status, at: 3_000 });
    if (p.loggedSeconds !== undefined) await store.recordProposalActual({ helpdesk: 'zendesk', accountId: 'acme', ticketId: p.ticketId, totalSeconds: p.loggedSeconds, at: 4_000 });
  }
  return { dir, databaseUrl, store };
}
