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

/** `2026-12-31` or an ISO instant → "31 Dec 2026" / "31 dec 2026"; the calendar date as written, in UTC. */
export function formatDate(isoDate: string, locale: PanelLocale): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALE_TAG[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
