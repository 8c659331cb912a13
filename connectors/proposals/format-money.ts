// Money, hours and dates as a Dutch or English reader expects them: `€ 1.234,50` and `€1,234.50`,
// `2,5` and `2.5`, `26 december 2026` and `26 December 2026`. Intl does the spelling; amounts go
// in as exact decimal strings so no float ever shows up in a proposal.
import type { Locale } from '../../rules/index.js';
import { toDecimalString } from './minor-units.js';
import type { MinorUnits } from './proposal.js';

// en-GB: day-month-year dates and an unambiguous "US$" for dollars, for readers on both sides.
const INTL_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatMoney(minor: MinorUnits, currency: string, locale: Locale): string {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3, Node 20+).
  return format.format(toDecimalString(minor, currency) as unknown as number);
}

export function formatHours(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 }).format(hours);
}

export function formatPercent(percent: number, locale: Locale): string {
  return `${new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 }).format(percent)}%`;
}

/** A `YYYY-MM-DD` calendar date, or the local date of an ISO instant in `timeZone`. */
export function formatLongDate(value: string, locale: Locale, timeZone = 'UTC'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`expected a date, got ${value}`);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : timeZone }).format(date);
}
