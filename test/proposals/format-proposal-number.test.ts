import { describe, expect, it } from 'vitest';
import { formatProposalNumber, parseProposalNumber } from '../../connectors/proposals/format-proposal-number.js';

describe('formatProposalNumber', () => {
  it.each([
    [2026, 1, 'P-2026-0001'],
    [2026, 42, 'P-2026-0042'],
    [2026, 9999, 'P-2026-9999'],
    [2026, 10000, 'P-2026-10000'],
    [2027, 123456, 'P-2027-123456'],
  ])('spells year %d, sequence %d as %s', (year, sequence, expected) => {
    expect(formatProposalNumber(year, sequence)).toBe(expected);
    expect(parseProposalNumber(expected)).toEqual({ year, sequence });
  });

  it.each([[2026, 0], [2026, -3], [2026, 1.5], [26, 1], [20260, 1]])('refuses year %d with sequence %d', (year, sequence) => {
    expect(() => formatProposalNumber(year, sequence)).toThrow(RangeError);
  });

  it.each(['P-2026-042', 'P-2026-0000', 'Q-2026-0042', 'P-26-0042', 'P-2026-0042x', ''])('does not read %j as a proposal number', (text) => {
    expect(parseProposalNumber(text)).toBeNull();
  });
});
