// localDate caches offsets per quarter hour and dates in a direct-mapped table per zone. Whatever
// the order of the calls, it must give the date Intl gives, also around DST transitions, in zones
// with half- and quarter-hour offsets, and for instants that share a slot of the table.
import { describe, expect, it } from 'vitest';
import { localDate } from '../../rules/local-date.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const reference = (ms: number, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Every 7 minutes and 13 seconds over the three UTC days around `day`, visited in a shuffled order. */
function instantsAround(day: string, seed: number): number[] {
  const start = Date.parse(`${day}T00:00:00Z`) - DAY;
  const list: number[] = [];
  for (let ms = start; ms < start + 3 * DAY; ms += 433_000) list.push(ms);
  return shuffled(list, seed);
}

describe('localDate', () => {
  // 2026 transitions: EU last Sundays of March and October at 01:00 UTC; US second Sunday of
  // March and first of November at 02:00 local; Lord Howe shifts by half an hour.
  it.each([
    ['Europe/Amsterdam', '2026-03-29'],
    ['Europe/Amsterdam', '2026-10-25'],
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Australia/Lord_Howe', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-10-04'],
    ['Asia/Kathmandu', '2026-06-30'],
  ])('gives the date Intl gives in %s around %s, in any order and on revisits', (zone, day) => {
    const instants = instantsAround(day, day.length * 7919 + zone.length);
    const wrong: string[] = [];
    for (const pass of [instants, shuffled(instants, 42)]) {
      for (const ms of pass) {
        const got = localDate(ms, zone);
        const want = reference(ms, zone);
        if (got !== want) wrong.push(`${new Date(ms).toISOString()}: ${got}, Intl ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps instants apart that share a slot of the date table', () => {
    // 8192 quarter hours apart: the same slot, and on either side of the spring-forward night.
    const zone = 'America/New_York';
    const spring = Date.parse('2026-03-08T04:50:00Z');
    const instants = [spring, spring - 8192 * 900_000, spring + 8192 * 900_000, spring + 3 * 8192 * 900_000];
    for (let round = 0; round < 3; round++) {
      for (const ms of instants) expect(localDate(ms, zone), new Date(ms).toISOString()).toBe(reference(ms, zone));
      instants.reverse();
    }
  });

  it('names the date on both sides of local midnight in Amsterdam summer and winter time', () => {
    expect(localDate(Date.parse('2026-06-30T21:59:59.999Z'), 'Europe/Amsterdam')).toBe('2026-06-30');
    expect(localDate(Date.parse('2026-06-30T22:00:00Z'), 'Europe/Amsterdam')).toBe('2026-07-01');
    expect(localDate(Date.parse('2026-12-31T22:59:59.999Z'), 'Europe/Amsterdam')).toBe('2026-12-31');
    expect(localDate(Date.parse('2026-12-31T23:00:00Z'), 'Europe/Amsterdam')).toBe('2027-01-01');
  });
});
