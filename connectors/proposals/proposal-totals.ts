// Estimate lines, subtotal, VAT and total in integer minor units.
//
// The rounding rule, in the order it is applied:
// 1. hours have at most two decimals and rates are whole minor units, so hours × rate is an exact
//    number of hundredths of a minor unit; each line amount is rounded half up to a whole cent;
// 2. VAT is computed on each line amount and rounded half up per line (VAT percentages may have two
//    decimals, e.g. 5.5); the document's VAT is the sum of the rounded line VATs;
// 3. subtotal is the sum of line amounts and total = subtotal + VAT, both exact.
import { divideHalfUp } from './minor-units.js';
import { ProposalError } from './proposal-error.js';
import type { MinorUnits, ProposalLine } from './proposal.js';

export interface EstimateLine {
  readonly description: string;
  readonly hours: number;
  /** Hourly rate in minor units. */
  readonly rate: MinorUnits;
}

export interface ProposalTotals {
  readonly lines: readonly ProposalLine[];
  readonly subtotal: MinorUnits;
  readonly vat: MinorUnits;
  readonly total: MinorUnits;
}

/** Hundredths of an hour; refuses zero, negative, non-finite or over-precise hours. */
export function toHundredthsOfHour(hours: number): number {
  const hundredths = Math.round(hours * 100);
  if (!Number.isFinite(hours) || hours <= 0 || hundredths <= 0) {
    throw new ProposalError('hours', `expected a number of hours above 0, got ${String(hours)}`);
  }
  if (Math.abs(hundredths - hours * 100) > 1e-6) {
    throw new ProposalError('hours', `expected hours with at most two decimals, got ${hours}`);
  }
  return hundredths;
}

export function computeProposalTotals(lines: readonly EstimateLine[], vatPercent: number): ProposalTotals {
  if (lines.length === 0) throw new ProposalError('hours', 'a proposal needs at least one estimate line');
  const vatHundredths = Math.round(vatPercent * 100);
  if (!Number.isFinite(vatPercent) || vatPercent < 0 || Math.abs(vatHundredths - vatPercent * 100) > 1e-6) {
    throw new ProposalError('vat', `expected a VAT percentage of 0 or more with at most two decimals, got ${String(vatPercent)}`);
  }
  let subtotal = 0;
  let vat = 0;
  const priced = lines.map((line): ProposalLine => {
    if (!Number.isSafeInteger(line.rate) || line.rate <= 0) {
      throw new ProposalError('rate', `expected an hourly rate above 0 for "${line.description}", got ${String(line.rate)}`);
    }
    const amount = divideHalfUp(toHundredthsOfHour(line.hours) * line.rate, 100);
    subtotal += amount;
    vat += divideHalfUp(amount * vatHundredths, 10_000);
    return { description: line.description, hours: line.hours, rate: line.rate, amount };
  });
  return { lines: priced, subtotal, vat, total: subtotal + vat };
}
