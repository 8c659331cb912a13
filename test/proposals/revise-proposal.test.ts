// A revised estimate is the next version of the same proposal; the one it replaces is superseded.
import { describe, expect, it } from 'vitest';
import { ProposalError } from '../../connectors/proposals/proposal-error.js';
import { canTransition } from '../../connectors/proposals/proposal-status.js';
import { reviseProposal } from '../../connectors/proposals/revise-proposal.js';
import { SAMPLE_PROPOSAL } from '../../connectors/proposals/sample-proposal.js';
import type { Proposal, ProposalStatus } from '../../connectors/proposals/proposal.js';

const config = { proposals: { vatPercent: 21, validityDays: 30 } };
const sent: Proposal = { ...SAMPLE_PROPOSAL, version: 1, status: 'sent' };

describe('reviseProposal', () => {
  it('makes version + 1 as a draft with the same number and supersedes the previous version', () => {
    const { next, previous } = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', hours: 5 });
    expect([next.number, next.version, next.status]).toEqual(['P-2026-0042', 2, 'draft']);
    expect([previous.number, previous.version, previous.status]).toEqual(['P-2026-0042', 1, 'superseded']);
    expect(previous).toEqual({ ...sent, status: 'superseded' });
  });

  it('prices the new hours at the previous rate, with a fresh validity date', () => {
    const { next } = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', hours: 5 });
    expect(next.lines).toEqual([{ description: sent.lines[0]?.description, hours: 5, rate: 12500, amount: 62500 }]);
    expect([next.subtotal, next.vat, next.total]).toEqual([62500, 13125, 75625]);
    expect(next.validUntil).toBe('2026-12-31');
    expect(next.createdAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('keeps the lines when only the scope changes, and drops the old acceptance links', () => {
    const { next } = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', scope: 'Alleen de kwartaalrapportage.' });
    expect(next.lines).toEqual(sent.lines);
    expect(next.scope).toBe('Alleen de kwartaalrapportage.');
    expect(next.acceptUrl).toBeUndefined();
    expect(next.declineUrl).toBeUndefined();
    const withLinks = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', acceptUrl: 'https://x.invalid/a', declineUrl: 'https://x.invalid/d' }).next;
    expect([withLinks.acceptUrl, withLinks.declineUrl]).toEqual(['https://x.invalid/a', 'https://x.invalid/d']);
  });

  it('replaces every line when given lines', () => {
    const { next } = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', lines: [{ description: 'Nieuw', hours: 1 }, { description: 'Extra', hours: 1, rate: 150 }] });
    expect(next.lines.map((l) => [l.description, l.amount])).toEqual([['Nieuw', 12500], ['Extra', 15000]]);
  });

  it('keeps the VAT of the version it revises, not the config\'s current percentage', () => {
    const nine: Proposal = { ...sent, vatPercent: 9 };
    // The config says 21 % now; the proposal was made at 9 %.
    const { next } = reviseProposal(nine, { config, createdAt: '2026-12-01T10:00:00Z', hours: 5 });
    expect([next.vatPercent, next.subtotal, next.vat, next.total]).toEqual([9, 62500, 5625, 68125]);
    expect(next).not.toHaveProperty('reverseCharge');
  });

  it('keeps a reverse charge: no VAT on the new version either', () => {
    const reverseCharged: Proposal = { ...sent, vatPercent: 0, vat: 0, total: sent.subtotal, reverseCharge: true };
    const { next } = reviseProposal(reverseCharged, { config, createdAt: '2026-12-01T10:00:00Z', hours: 5 });
    expect([next.vatPercent, next.reverseCharge, next.vat, next.total]).toEqual([0, true, 0, 62500]);
  });

  it('revises a revision: version 3 replaces version 2', () => {
    const second = reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', hours: 4 }).next;
    const { next, previous } = reviseProposal(second, { config, createdAt: '2026-12-02T10:00:00Z', hours: 3 });
    expect([previous.version, previous.status, next.version, next.status]).toEqual([2, 'superseded', 3, 'draft']);
  });

  it.each(['accepted', 'declined', 'expired', 'superseded'] as const)('refuses to revise a %s proposal', (status) => {
    expect(() => reviseProposal({ ...sent, status }, { config, createdAt: '2026-12-01T10:00:00Z', hours: 5 }))
      .toThrow(new ProposalError('version', `P-2026-0042 version 1 is ${status} and cannot be revised`));
  });

  it('refuses zero hours in a revision', () => {
    expect(() => reviseProposal(sent, { config, createdAt: '2026-12-01T10:00:00Z', hours: 0 })).toThrow(/above 0/);
  });
});

describe('canTransition', () => {
  const all: ProposalStatus[] = ['draft', 'sent', 'accepted', 'declined', 'expired', 'superseded'];
  const allowed = new Set(['draft→sent', 'draft→superseded', 'sent→accepted', 'sent→declined', 'sent→expired', 'sent→superseded']);
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s is allowed only on the documented paths', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
  });
});
