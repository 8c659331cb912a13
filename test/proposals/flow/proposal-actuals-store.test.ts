// Quoted versus actual in the store, on SQLite and PostgreSQL: the ticket's logged time lands on its
// accepted proposal once per change, never twice across two accepted proposals, and migration 4
// takes a database with proposals from version 3 without losing or inventing anything.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { formatProposalNumber } from '../../../connectors/proposals/format-proposal-number.js';
import { SAMPLE_PROPOSAL } from '../../../connectors/proposals/sample-proposal.js';
import type { NewProposalInput, ProposalContent } from '../../../connectors/store/proposal-store.js';
import type { Store } from '../../../connectors/store/store.js';
import { describeStores, type TempStores } from '../../store/store-backends.js';

const VENDOR = 'Veldhuis Software B.V.';

function input(ticketId: string, overrides: Partial<NewProposalInput> = {}): NewProposalInput {
  return { helpdesk: 'zendesk', accountId: 'acme', ticketId, vendor: VENDOR, year: 2026, decisionKey: `d-${ticketId}-${overrides.createdAt ?? 1_000}`, budgetMonth: '2026-11', createdAt: 1_000, requestKind: 'how-to', ...overrides };
}

const build = (n: { year: number; sequence: number; version: number }): ProposalContent => ({
  document: { ...SAMPLE_PROPOSAL, status: 'draft', number: formatProposalNumber(n.year, n.sequence), version: n.version },
  tokenHash: null,
});

async function accepted(store: Store, ticketId: string, overrides: Partial<NewProposalInput> = {}) {
  const { proposal } = await store.createProposal(input(ticketId, overrides), build);
  await store.transitionProposal(proposal.id, { from: ['draft'], to: 'sent', at: 2_000 });
  return (await store.transitionProposal(proposal.id, { from: ['sent'], to: 'accepted', at: 3_000 }))!;
}

const ticket = (ticketId: string, totalSeconds: number, at: number) => ({ helpdesk: 'zendesk' as const, accountId: 'acme', ticketId, totalSeconds, at });

describeStores('the actual of an accepted proposal', (stores) => {
  it('keeps the request kind it was made for, and no actual until the ticket is read', async () => {
    const store = await stores.open();
    const proposal = await accepted(store, '48203');
    expect(proposal).toMatchObject({ requestKind: 'how-to', hundredthHours: 350, loggedSeconds: null, loggedAt: null });
    expect((await store.createProposal(input('48204', { requestKind: null }), build)).proposal.requestKind).toBeNull();
  });

  it('writes the ticket\'s total once per change: the same total again writes nothing', async () => {
    const store = await stores.open();
    const proposal = await accepted(store, '48203');
    expect(await store.recordProposalActual(ticket('48203', 13_500, 5_000))).toMatchObject({ id: proposal.id, loggedSeconds: 13_500, loggedAt: 5_000 });
    expect(await store.recordProposalActual(ticket('48203', 13_500, 6_000))).toBeNull();
    expect(await store.getProposal(proposal.id)).toMatchObject({ loggedSeconds: 13_500, loggedAt: 5_000 });
    expect(await store.recordProposalActual(ticket('48203', 16_200, 7_000))).toMatchObject({ loggedSeconds: 16_200, loggedAt: 7_000 });
  });

  it('follows a total corrected downwards, as the figure stands', async () => {
    const store = await stores.open();
    await accepted(store, '48203');
    await store.recordProposalActual(ticket('48203', 16_200, 5_000));
    expect(await store.recordProposalActual(ticket('48203', 12_600, 6_000))).toMatchObject({ loggedSeconds: 12_600 });
  });

  it('writes nothing on a ticket without an accepted proposal', async () => {
    const store = await stores.open();
    const { proposal } = await store.createProposal(input('48203'), build);
    await store.transitionProposal(proposal.id, { from: ['draft'], to: 'sent', at: 2_000 });
    expect(await store.recordProposalActual(ticket('48203', 3_600, 5_000))).toBeNull();
    expect(await store.recordProposalActual(ticket('nobody', 3_600, 5_000))).toBeNull();
    expect(await store.getProposal(proposal.id)).toMatchObject({ loggedSeconds: null });
  });

  it('gives a second accepted proposal on the ticket only the time beyond what the first holds', async () => {
    const store = await stores.open();
    const first = await accepted(store, '48203');
    await store.recordProposalActual(ticket('48203', 7_200, 5_000));
    const second = await accepted(store, '48203', { createdAt: 8_000 });
    expect(await store.recordProposalActual(ticket('48203', 18_000, 9_000))).toMatchObject({ id: second.id, loggedSeconds: 10_800 });
    expect(await store.getProposal(first.id)).toMatchObject({ loggedSeconds: 7_200, loggedAt: 5_000 });
    // Below what the first holds: the second's actual is 0, never negative.
    expect(await store.recordProposalActual(ticket('48203', 3_600, 10_000))).toMatchObject({ id: second.id, loggedSeconds: 0 });
  });

  it('lets two workers read one total at once and writes it once', async () => {
    const a = await stores.open();
    const b = await stores.open();
    await accepted(a, '48203');
    const results = await Promise.all([a.recordProposalActual(ticket('48203', 9_000, 5_000)), b.recordProposalActual(ticket('48203', 9_000, 5_001))]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('lists the accepted proposals of a span of months with their figures and the organization\'s name, without documents', async () => {
    const store = await stores.open();
    const proposal = await accepted(store, '48203');
    await store.recordProposalActual(ticket('48203', 13_500, 5_000));
    await accepted(store, '48204', { budgetMonth: '2026-12', requestKind: 'defect' });
    await store.createProposal(input('48205'), build);
    expect(await store.listProposalActuals({ from: '2026-11', to: '2026-11' })).toEqual([{
      organizationId: proposal.organizationId, contractId: proposal.contractId, organizationName: SAMPLE_PROPOSAL.organization.name,
      requestKind: 'how-to', budgetMonth: '2026-11', hundredthHours: 350, loggedSeconds: 13_500,
    }]);
    expect((await store.listProposalActuals({ from: '2026-10', to: '2027-01' })).map((r) => [r.budgetMonth, r.requestKind, r.loggedSeconds]).sort())
      .toEqual([['2026-11', 'how-to', 13_500], ['2026-12', 'defect', null]]);
  });

  it('migrates a version 3 database with proposals: the rows stay, kind and actual are empty, and the actual can be recorded', async () => {
    await atVersion3(stores);
    const store = await stores.open();
    expect((await stores.query('SELECT MAX(version) AS version FROM schema_migrations'))[0]!.version).toBe(4);
    const [old] = await store.listProposals({ ticketId: '777', limit: 5 });
    expect(old).toMatchObject({ number: 'P-2026-0001', status: 'accepted', hundredthHours: 250, requestKind: null, loggedSeconds: null, loggedAt: null });
    expect(await store.recordProposalActual(ticket('777', 10_800, 5_000))).toMatchObject({ id: old!.id, loggedSeconds: 10_800 });
    expect(await store.listProposalActuals({ from: '2026-11', to: '2026-11' })).toEqual([expect.objectContaining({ requestKind: null, loggedSeconds: 10_800, hundredthHours: 250 })]);
    // The sequence carried over: the next number follows the old one.
    expect((await store.createProposal(input('778'), build)).proposal.number).toBe('P-2026-0002');
  });
});

/** Builds the schema of migrations 1–3 by hand and puts one accepted proposal in it, as an older InScope left it. */
async function atVersion3(stores: TempStores): Promise<void> {
  const statements = [
    ...stores.migrations.filter((m) => m.version <= 3).map((m) => m.sql),
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    ...stores.migrations.filter((m) => m.version <= 3).map((m) => `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, '${m.name}', 0)`),
    `INSERT INTO proposal_sequences (vendor, year, last_sequence) VALUES ('${VENDOR}', 2026, 1)`,
    `INSERT INTO proposals (helpdesk, account_id, ticket_id, vendor, number, version, status, organization_id, contract_id, currency, hundredth_hours,
      subtotal, total, valid_until, time_zone, budget_month, token_hash, decision_key, document, created_at, sent_at, decided_at, updated_at)
      VALUES ('zendesk', 'acme', '777', '${VENDOR}', 'P-2026-0001', 1, 'accepted', '9001', 'C-2026-001', 'EUR', 250,
      31250, 37813, '2026-12-26', 'Europe/Amsterdam', '2026-11', NULL, 'd-777', '${JSON.stringify({ ...SAMPLE_PROPOSAL, number: 'P-2026-0001' }).replace(/'/g, "''")}', 1000, 2000, 3000, 3000)`,
  ];
  if (stores.backend === 'sqlite') {
    const file = stores.url();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.exec(statements.join(';\n'));
    } finally {
      db.close();
    }
    return;
  }
  const schema = new URL(stores.url()).searchParams.get('schema')!;
  await stores.query(`CREATE SCHEMA ${schema}`);
  for (const sql of statements) await stores.query(sql);
}
