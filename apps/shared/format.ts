// Number, money and date formatting for the panel, in the agent's locale.
import type { PanelLocale } from './labels.js';

const LOCALE_TAG: Record<PanelLocale, string> = { en: 'en-GB', nl: 'nl-NL' };

export function formatMoney(amount: number, currency: string, locale: PanelLocale): string {
  try {
    return new Intl.NumberFormat(LOCALE_TAG[locale], { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown currency code: show the figure with the code rather than fail the panel.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatNumber(value: number, locale: PanelLocale): string {
  return new Intl.NumberFormat(LOCALE_TAG[locale], { maximumFractionDigits: 2 }).format(value);
}

/**
 * `2026-12-31` or an ISO instant → "31 Dec 2026" / "31 dec 2026": a date as written; an instant on
 * its day in `timeZone` (default UTC), e.g. the contract's, which decides whether it applied.
 */
export function formatDate(isoDate: string, locale: PanelLocale, timeZone = 'UTC'): string {
  const dateOnly = isoDate.length === 10;
  const date = new Date(dateOnly ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  const options = { day: 'numeric', month: 'short', year: 'numeric' } as const;
  try {
    return new Intl.DateTimeFormat(LOCALE_TAG[locale], { ...options, timeZone: dateOnly ? 'UTC' : timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(LOCALE_TAG[locale], { ...options, timeZone: 'UTC' }).format(date);
  }
}
