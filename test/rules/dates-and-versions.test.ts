// The calendar helpers (no Date global in rules/) and the version ranges of contracts.
import { describe, expect, it } from 'vitest';
import { localDate } from '../../rules/local-date.js';
import { civilFromDays, daysFromCivil, parseInstant } from '../../rules/parse-instant.js';
import { compileVersionRanges } from '../../rules/version-range.js';

describe('parseInstant', () => {
  it.each([
    '2026-06-30T23:30:00Z',
    '2026-07-01T01:30:00+02:00',
    '2026-07-01T01:30:00.250-0430',
    '2024-02-29T12:00:00.123Z',
    '2026-10-05',
    '1969-12-31T23:59:59Z',
  ])('reads %s as Date.parse does', (iso) => {
    expect(parseInstant(iso)).toBe(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  });

  it.each(['', 'yesterday', '2026-13-01T00:00:00Z', '2026-10-05T25:00:00Z', '2026-10-05T10:00:00X'])('rejects %j with NaN', (iso) => {
    expect(parseInstant(iso)).toBeNaN();
  });

  it('round-trips day numbers', () => {
    for (const day of ['1970-01-01', '2000-02-29', '2026-12-31', '2400-03-01']) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      expect(civilFromDays(daysFromCivil(y, m, d))).toBe(day);
    }
  });
});

describe('localDate', () => {
  it.each([
    ['2026-06-30T23:30:00Z', 'Europe/Amsterdam', '2026-07-01'],
    ['2026-06-30T21:59:59Z', 'Europe/Amsterdam', '2026-06-30'],
    ['2026-03-29T00:59:00Z', 'Europe/Amsterdam', '2026-03-29'],
    ['2026-07-01T03:59:59Z', 'America/New_York', '2026-06-30'],
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12-31'],
    ['2026-06-30T23:00:00Z', 'Europe/London', '2026-07-01'],
    ['2026-12-31T23:59:59Z', 'Europe/London', '2026-12-31'],
    ['2026-06-30T18:14:59Z', 'Asia/Kathmandu', '2026-06-30'],
    ['2026-06-30T18:15:00Z', 'Asia/Kathmandu', '2026-07-01'],
  ])('puts %s in %s on %s', (iso, zone, expected) => {
    expect(localDate(parseInstant(iso), zone)).toBe(expected);
  });
});

describe('version ranges', () => {
  it.each<[string[], string, boolean | undefined]>([
    [['9.2'], '9.2', true],
    [['9.2'], '9.2.7', true],
    [['9.2'], '9.20', false],
    [['9.x'], '9.6.1', true],
    [['9.*'], '10.0', false],
    [['>=8.0 <10'], '9.9.9', true],
    [['>=8.0 <10'], '10.0', false],
    [['>=8.0 <10'], '7.99', false],
    [['>9', '<=2'], '1.5', true],
    [['>=10.2'], '10.10', true],
    [['>=10.2'], 'versie 10.1', false],
    [['>=10.2'], 'nieuwste', undefined],
    // On the bound itself; a shorter version against a longer bound is any of its releases ("10" may
    // be 10.0 or 10.4), so it is unknown where they decide differently and known where they do not.
    [['>=10.2'], '10.2', true],
    [['>=10.2'], '10', undefined],
    [['>=10.2'], '9', false],
    [['>=10.2'], '11', true],
    [['>=10'], '10', true],
    [['>=10.2 <11'], '11', false],
    [['<=2'], '2.0', true],
    [['<=2'], '2.0.1', false],
    [['>9'], '9', false],
    [['>9'], '9.0.1', true],
    [['<10'], '10.0.0', false],
    [['=9.2'], '9.2.3', true],
    [[' 9.x '], '9.1', true],
    // A product numbered by years: a build with the year in two digits is that year's.
    [['>=2024.1'], '25.2.118', true],
    [['>=2025.2'], '25.1.40', false],
    [['>=2024.1'], '2023.2', false],
    // Not when the ranges are no years (year.month releases such as 24.10 compare as they are).
    [['>=24.10'], '25.04.6', true],
    [['>=8.0 <10'], '25.2', false],
  ])('%j with %s gives %s', (ranges, version, expected) => {
    expect(compileVersionRanges(ranges)(version)).toBe(expected);
  });

  it('rejects a range it does not understand', () => {
    expect(() => compileVersionRanges(['~9.2'])).toThrow(/unsupported version range "~9.2"/);
  });
});
