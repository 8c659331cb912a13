// The proposal part of the store, on SQLite and PostgreSQL: numbering under concurrency, one
// proposal per decision, revisions, conditional transitions and the filters the ledger uses.
import { describe, expect, it } from 'vitest';
import { formatProposalNumber } from '../../../connectors/proposals/format-proposal-number.js';
import { SAMPLE_PROPOSAL } from '../../../connectors/proposals/sample-proposal.js';
import type { NewProposalInput, ProposalContent } from '../../../connectors/store/proposal-store.js';
import { describeStores } from '../../store/store-backends.js';

const VENDOR = 'Veldhuis Software B.V.';

function input(ticketId: string, overrides: Partial<NewProposalInput> = {}): NewProposalInput {
  return { helpdesk: 'zendesk', accountId: 'acme', ticketId, vendor: VENDOR, year: 2026, decisionKey: `d-${ticketId}`, budgetMonth: '2026-11', createdAt: 1_000, ...overrides };
}

const build = (n: { year: number; sequence: number; version: number }): ProposalContent => ({
  document: { ...SAMPLE_PROPOSAL, status: 'draft', number: formatProposalNumber(n.year, n.sequence), version: n.version },
  tokenHash: `hash-${n.sequence}-${n.version}`,
});

describeStores('proposals in the store', (stores) => {
  it('hands out distinct numbers to parallel inserts, also from two store instances', async () => {
    const a = await stores.open();
    const b = await stores.open();
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).createProposal(input(`t${i}`), build)));
    const numbers = made.map((m) => m.proposal.number).sort();
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[0]).toBe('P-2026-0001');
    expect(numbers.at(-1)).toBe('P-2026-0012');
  });

  it('counts per vendor and per year', async () => {
    const store = await stores.open();
    await store.createProposal(input('1'), build);
    expect((await store.createProposal(input('2', { year: 2027 }), build)).proposal.number).toBe('P-2027-0001');
    expect((await store.createProposal(input('3', { vendor: 'Other B.V.' }), build)).proposal.number).toBe('P-2026-0001');
    expect((await store.createProposal(input('4'), build)).proposal.number).toBe('P-2026-0002');
  });

  it('returns the stored proposal for a decision it already has, without a new number', async () => {
    const store = await stores.open();
    const first = await store.createProposal(input('48203'), build);
    const again = await store.createProposal(input('48203'), build);
    expect(again).toMatchObject({ created: false, proposal: { id: first.proposal.id, number: 'P-2026-0001' } });
    expect((await store.createProposal(input('48204'), build)).proposal.number).toBe('P-2026-0002');
  });

  it('revises into version 2 under the same number and supersedes version 1 in one step', async () => {
    const store = await stores.open();
    const { proposal: v1 } = await store.createProposal(input('48203'), build);
    const v2 = await store.createProposal(input('48203', { decisionKey: null, revises: v1.id, createdAt: 2_000 }), build);
    expect(v2.proposal).toMatchObject({ number: v1.number, version: 2, status: 'draft' });
    expect(v2.superseded).toMatchObject({ id: v1.id, status: 'superseded' });
    await expect(store.createProposal(input('48203', { decisionKey: null, revises: v1.id }), build)).rejects.toThrow(/not open/);
    expect((await store.listProposals({ ticketId: '48203', limit: 5 })).map((p) => [p.version, p.status])).toEqual([[2, 'draft'], [1, 'superseded']]);
  });

  it('records one of two racing acceptances', async () => {
    const store = await stores.open();
    const { proposal } = await store.createProposal(input('1'), build);
    await store.transitionProposal(proposal.id, { from: ['draft'], to: 'sent', at: 2_000 });
    const results = await Promise.all([
      store.transitionProposal(proposal.id, { from: ['sent'], to: 'accepted', at: 3_000, ip: '127.0.0.1', actor: 'link' }),
      store.transitionProposal(proposal.id, { from: ['sent'], to: 'accepted', at: 3_001, actor: 'reply' }),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const stored = await store.getProposal(proposal.id);
    expect(stored).toMatchObject({ status: 'accepted', sentAt: 2_000 });
    expect(stored!.decidedAt).toBeGreaterThanOrEqual(3_000);
  });

  it('keeps the document, the money and the hours as integers', async () => {
    const store = await stores.open();
    const { proposal } = await store.createProposal(input('1'), build);
    expect(proposal).toMatchObject({ subtotal: 43750, total: 52938, hundredthHours: 350, currency: 'EUR', contractId: 'C-2026-001', organizationId: '9001', validUntil: '2026-12-26' });
    expect(proposal.document.lines).toEqual(SAMPLE_PROPOSAL.lines);
    expect(await store.findProposal(VENDOR, proposal.number, 1)).toMatchObject({ id: proposal.id });
  });

  it('lists by contract, month and status', async () => {
    const store = await stores.open();
    const a = await store.createProposal(input('1'), build);
    await store.createProposal(input('2', { budgetMonth: '2026-12' }), build);
    await store.transitionProposal(a.proposal.id, { from: ['draft'], to: 'sent', at: 5 });
    const sent = await store.listProposals({ contractId: 'C-2026-001', budgetMonth: '2026-11', statuses: ['sent', 'accepted'], limit: 10 });
    expect(sent.map((p) => p.ticketId)).toEqual(['1']);
    expect(await store.listProposals({ statuses: [], limit: 10 })).toEqual([]);
  });

  it('lists by decision time, whatever the proposal\'s age', async () => {
    const store = await stores.open();
    const old = await store.createProposal(input('1'), build);
    const recent = await store.createProposal(input('2'), build);
    for (const p of [old, recent]) await store.transitionProposal(p.proposal.id, { from: ['draft'], to: 'sent', at: 10 });
    await store.transitionProposal(recent.proposal.id, { from: ['sent'], to: 'accepted', at: 1_000, actor: 'link' });
    await store.transitionProposal(old.proposal.id, { from: ['sent'], to: 'expired', at: 5_000, actor: 'expiry sweep' });
    const since = await store.listProposals({ statuses: ['accepted', 'declined', 'expired'], decidedSince: 2_000, limit: 1 });
    expect(since.map((p) => [p.ticketId, p.status])).toEqual([['1', 'expired']]);
  });

  it('books the growth of a ticket\'s time spent in the month it was seen, never a correction downwards', async () => {
    const store = await stores.open();
    const seen = (ticketId: string, budgetMonth: string, totalSeconds: number) =>
      store.recordLoggedTime({ helpdesk: 'zendesk', accountId: 'acme', ticketId, contractId: 'C-2026-001', budgetMonth, totalSeconds, at: 1 });
    await seen('1', '2026-11', 3_600);
    await seen('1', '2026-11', 5_400);
    await seen('1', '2026-11', 5_400);
    await seen('2', '2026-11', 1_800);
    await seen('1', '2026-11', 3_600); // corrected down: books nothing, becomes the baseline
    await seen('1', '2026-12', 7_200);
    expect(await store.loggedSeconds('C-2026-001', '2026-11')).toBe(7_200);
    expect(await store.loggedSeconds('C-2026-001', '2026-12')).toBe(3_600);
    expect(await store.loggedSeconds('C-2025-014', '2026-11')).toBe(0);
  });
});

describe('proposal numbers', () => {
  it('spell the sequence the store hands out', () => {
    expect(formatProposalNumber(2026, 42)).toBe('P-2026-0042');
  });
});
