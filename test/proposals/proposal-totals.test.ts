// Totals in integer minor units: line amounts and per-line VAT rounded half up, exact sums.
import { describe, expect, it } from 'vitest';
import { ProposalError } from '../../connectors/proposals/proposal-error.js';
import { computeProposalTotals } from '../../connectors/proposals/proposal-totals.js';

const line = (hours: number, rate: number) => ({ description: 'work', hours, rate });

describe('computeProposalTotals', () => {
  it.each([
    // hours, rate (cents), VAT %, amount, VAT, total
    [2.5, 13533, 21, 33833, 7105, 40938], // 338.325 → 338.33 (half up), VAT 71.0493 → 71.05
    [2, 13500, 21, 27000, 5670, 32670],
    [3, 15000, 20, 45000, 9000, 54000], // GBP at 20 %
    [0.25, 12500, 21, 3125, 656, 3781], // 656.25 → 656
    [0.5, 12501, 21, 6251, 1313, 7564], // 62.505 → 62.51; 13.1271 → 13.13
    [1.5, 333, 21, 500, 105, 605], // 4.995 → 5.00; 1.05
    [0.01, 1, 21, 0, 0, 0], // a hundredth of a cent rounds down to nothing
    [0.5, 1, 21, 1, 0, 1], // half a cent rounds up
    [1, 5, 10, 5, 1, 6], // 0.5 cent VAT rounds up
    [1, 4, 10, 4, 0, 4], // 0.4 cent VAT rounds down
    [1, 1000, 5.5, 1000, 55, 1055], // two-decimal VAT percentages
    [1, 1001, 5.5, 1001, 55, 1056], // 55.055 → 55
    [7.75, 16000, 0, 124000, 0, 124000], // no VAT
    [0.1, 13533, 21, 1353, 284, 1637], // 1353.3 → 1353; 284.13 → 284
  ])('%d h × %d cents at %d %% VAT gives amount %d, VAT %d, total %d', (hours, rate, vatPercent, amount, vat, total) => {
    const totals = computeProposalTotals([line(hours, rate)], vatPercent);
    expect([totals.lines[0]?.amount, totals.vat, totals.total]).toEqual([amount, vat, total]);
    expect(totals.subtotal).toBe(amount);
  });

  it('rounds VAT per line, so two lines can carry a cent more than VAT on their sum', () => {
    // Each line: 62.50 × 21 % = 13.125 → 13.13; on the subtotal 125.00 × 21 % = 26.25.
    const totals = computeProposalTotals([line(0.5, 12500), line(0.5, 12500)], 21);
    expect(totals).toMatchObject({ subtotal: 12500, vat: 2626, total: 15126 });
  });

  it('keeps large estimates exact', () => {
    const totals = computeProposalTotals([line(9999.99, 99999)], 21);
    expect(totals.lines[0]?.amount).toBe(999_989_000); // 9999.99 × 999.99 = 9 999 890.0001 → 9 999 890.00
    expect(totals.total).toBe(999_989_000 + 209_997_690);
  });

  it.each([
    ['zero hours', [line(0, 13500)], 21, 'hours', /above 0/],
    ['negative hours', [line(-1, 13500)], 21, 'hours', /above 0/],
    ['NaN hours', [line(Number.NaN, 13500)], 21, 'hours', /above 0/],
    ['three-decimal hours', [line(1.333, 13500)], 21, 'hours', /two decimals/],
    ['no lines', [], 21, 'hours', /at least one/],
    ['a zero rate', [line(1, 0)], 21, 'rate', /hourly rate above 0/],
    ['a fractional rate in cents', [line(1, 12.5)], 21, 'rate', /hourly rate above 0/],
    ['a negative VAT percentage', [line(1, 100)], -1, 'vat', /VAT percentage/],
    ['a three-decimal VAT percentage', [line(1, 100)], 5.125, 'vat', /two decimals/],
  ] as const)('refuses %s with a clear reason', (_what, lines, vatPercent, code, message) => {
    const attempt = () => computeProposalTotals(lines, vatPercent);
    expect(attempt).toThrow(ProposalError);
    expect(attempt).toThrow(message);
    try { attempt(); } catch (error) { expect((error as ProposalError).code).toBe(code); }
  });
});
