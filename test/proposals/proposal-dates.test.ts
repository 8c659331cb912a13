// Validity and numbering years count in calendar days of the right time zone.
import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, proposalValidUntil, proposalYear } from '../../connectors/proposals/proposal-dates.js';
import { isProposalExpired } from '../../connectors/proposals/proposal-status.js';

describe('proposalValidUntil', () => {
  it.each([
    // createdAt (UTC), time zone, days, valid until
    ['2026-11-26T09:30:00Z', 'Europe/Amsterdam', 30, '2026-12-26'],
    ['2026-11-30T23:30:00Z', 'Europe/Amsterdam', 30, '2026-12-31'], // already 1 December in Amsterdam
    ['2026-11-30T23:30:00Z', 'Europe/London', 30, '2026-12-30'], // still 30 November in London
    ['2026-12-01T03:00:00Z', 'America/New_York', 30, '2026-12-30'], // still 30 November in New York
    ['2026-12-15T12:00:00Z', 'Europe/Amsterdam', 30, '2027-01-14'], // across the year end
    ['2026-01-31T12:00:00Z', 'Europe/Amsterdam', 30, '2026-03-02'], // February has 28 days in 2026
    ['2028-01-31T12:00:00Z', 'Europe/Amsterdam', 30, '2028-03-01'], // and 29 in 2028
    ['2026-03-28T12:00:00Z', 'Europe/Amsterdam', 1, '2026-03-29'], // DST starts 29 March: still one calendar day
    ['2026-10-24T22:30:00Z', 'Europe/Amsterdam', 1, '2026-10-26'], // 00:30 on 25 October local, DST ends that day
    ['2026-10-31T23:59:59Z', 'UTC', 1, '2026-11-01'],
  ])('%s in %s + %d days is %s', (createdAt, timeZone, days, expected) => {
    expect(proposalValidUntil(createdAt, timeZone, days)).toBe(expected);
  });

  it('adds days across month ends', () => {
    expect([addDays('2026-01-31', 1), addDays('2026-12-31', 1), addDays('2028-02-28', 1), addDays('2026-03-01', -1)])
      .toEqual(['2026-02-01', '2027-01-01', '2028-02-29', '2026-02-28']);
  });

  it('refuses an instant that is not one', () => {
    expect(() => localDateOf('yesterday', 'UTC')).toThrow(RangeError);
  });
});

describe('proposalYear', () => {
  it('is the year of the creation date in the vendor time zone', () => {
    expect(proposalYear('2026-12-31T23:30:00Z', 'Europe/Amsterdam')).toBe(2027);
    expect(proposalYear('2026-12-31T23:30:00Z', 'Europe/London')).toBe(2026);
  });
});

describe('isProposalExpired', () => {
  const proposal = { validUntil: '2026-12-26', timeZone: 'Europe/Amsterdam' };
  it.each([
    ['2026-12-26T22:59:59Z', false], // 23:59:59 on the last day in Amsterdam
    ['2026-12-26T23:00:00Z', true], // midnight: the 27th has begun
    ['2026-12-01T00:00:00Z', false],
  ])('at %s expired is %s', (now, expired) => {
    expect(isProposalExpired(proposal, new Date(now))).toBe(expired);
  });
});
