// Converting between amounts as people write them (135.33) and integer minor units (13533), so
// that no sum or product in a proposal is ever done in floating point.
import { ProposalError } from './proposal-error.js';
import type { MinorUnits } from './proposal.js';

/** Digits after the decimal point for a currency: 2 for EUR, GBP, USD; 0 for JPY. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in major units to minor units; refuses more precision than the currency has. */
export function toMinorUnits(amount: number, currency: string, what = 'amount'): MinorUnits {
  const scale = 10 ** currencyDigits(currency);
  const minor = Math.round(amount * scale);
  if (!Number.isFinite(amount) || Math.abs(minor - amount * scale) > 1e-6 * Math.max(1, Math.abs(minor))) {
    throw new ProposalError('rate', `the ${what} ${amount} ${currency} has more decimals than ${currency} allows`);
  }
  return minor;
}

/** Minor units as an exact decimal string (13533 → "135.33"), for Intl and for display. */
export function toDecimalString(minor: MinorUnits, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? sign + abs : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** Half up (away from zero) division of an integer by a positive integer, exact for safe integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  const q = Math.floor(Math.abs(numerator) / denominator);
  const r = Math.abs(numerator) - q * denominator;
  const rounded = 2 * r >= denominator ? q + 1 : q;
  return numerator < 0 ? -rounded : rounded;
}
