import { describe, expect, it } from 'vitest';
import { formatHours, formatLongDate, formatMoney, formatPercent } from '../../connectors/proposals/format-money.js';
import { currencyDigits, toDecimalString, toMinorUnits } from '../../connectors/proposals/minor-units.js';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('formatMoney', () => {
  it.each([
    [123450, 'EUR', 'nl', '€ 1.234,50'],
    [123450, 'EUR', 'en', '€1,234.50'],
    [123450, 'GBP', 'nl', '£ 1.234,50'],
    [123450, 'GBP', 'en', '£1,234.50'],
    [123450, 'USD', 'en', 'US$1,234.50'],
    [5, 'EUR', 'nl', '€ 0,05'],
    [100_000_000_01, 'EUR', 'en', '€100,000,000.01'],
    [1235, 'JPY', 'en', 'JP¥1,235'],
  ] as const)('%d minor units of %s in %s read %s', (minor, currency, locale, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it('keeps euro sign and amount together with a no-break space in Dutch', () => {
    expect(formatMoney(100, 'EUR', 'nl')).toBe('€\u00a01,00');
  });
});

describe('minor units', () => {
  it.each([
    [135.33, 'EUR', 13533], [135, 'EUR', 13500], [0.1, 'EUR', 10], [150, 'GBP', 15000], [1235, 'JPY', 1235],
  ] as const)('%d %s is %d minor units', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
    expect(Number(toDecimalString(minor, currency))).toBe(amount);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => toMinorUnits(135.333, 'EUR', 'hourly rate')).toThrow('the hourly rate 135.333 EUR has more decimals than EUR allows');
  });

  it('knows the minor digits of each currency', () => {
    expect([currencyDigits('EUR'), currencyDigits('USD'), currencyDigits('JPY')]).toEqual([2, 2, 0]);
  });
});

describe('hours, percentages and dates', () => {
  it('spells them per language', () => {
    expect([formatHours(2.5, 'nl'), formatHours(2.5, 'en'), formatPercent(5.5, 'nl'), formatPercent(21, 'en')]).toEqual(['2,5', '2.5', '5,5%', '21%']);
    expect([formatLongDate('2026-12-26', 'nl'), formatLongDate('2026-12-26', 'en')]).toEqual(['26 december 2026', '26 December 2026']);
  });

  it('takes the local date of an instant in the given time zone', () => {
    expect(formatLongDate('2026-11-30T23:30:00Z', 'nl', 'Europe/Amsterdam')).toBe('1 december 2026');
    expect(formatLongDate('2026-11-30T23:30:00Z', 'en', 'Europe/London')).toBe('30 November 2026');
  });
});
