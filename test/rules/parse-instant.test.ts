// parseInstant reads the common helpdesk shapes by hand and everything else with a regex. The hand
// path must agree with the regex path to the millisecond on every text, valid or not, and with
// Date.parse wherever the text is a date-time string in the ECMAScript format.
import { describe, expect, it } from 'vitest';
import { parseInstant, parseInstantWithRegex } from '../../rules/parse-instant.js';
import { seededRandom } from '../helpers/seeded-random.js';

const random = seededRandom(20260630);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const daysIn = (y: number, m: number): number => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;

interface Generated {
  readonly text: string;
  /** True when the text is a valid ECMAScript date-time string, so Date.parse must agree. */
  readonly ecma: boolean;
}

function generate(): Generated {
  const year = pick([0, 1, 1600, 1969, 1970, 2000, 2024, 2026, 2100, 9999, int(1000, 2999)]);
  const month = random() < 0.9 ? int(1, 12) : pick([0, 13, 99]);
  const validMonth = month >= 1 && month <= 12;
  const day = random() < 0.9 && validMonth ? int(1, daysIn(year, month)) : pick([0, 29, 30, 31, 32]);
  const hour = random() < 0.9 ? int(0, 23) : pick([24, 25]);
  const minute = random() < 0.95 ? int(0, 59) : 60;
  const second = random() < 0.95 ? int(0, 59) : pick([60, 61]);
  const sep = random() < 0.9 ? 'T' : pick(['t', ' ', '_']);
  const fracDigits = random() < 0.5 ? 0 : pick([1, 2, 3, 3, 3, 4, 6, 9, 10]);
  const frac = fracDigits === 0 ? (random() < 0.05 ? '.' : '') : `${random() < 0.9 ? '.' : ','}${Array.from({ length: fracDigits }, () => int(0, 9)).join('')}`;
  const offsetHours = pad(int(0, 14), 2);
  const offsetMinutes = pick(['00', '30', '45', pad(int(0, 99), 2)]);
  const zone = pick([
    'Z', 'Z', 'Z', 'z', '', 'X', ' Z',
    `+${offsetHours}:${offsetMinutes}`, `-${offsetHours}:${offsetMinutes}`,
    `+${offsetHours}${offsetMinutes}`, `-${offsetHours}${offsetMinutes}`, `+${offsetHours}`, `-${offsetHours}:`, `+${offsetHours}:${offsetMinutes}0`,
  ]);
  let text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${sep}${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${frac}${zone}`;
  // Now and then one character is damaged, or whitespace surrounds the text.
  if (random() < 0.15) {
    const at = int(0, text.length - 1);
    text = text.slice(0, at) + pick(['', 'x', '-', ':', '1', ' ', '+', 'Z', '١']) + text.slice(at + 1);
  }
  if (random() < 0.05) text = ` ${text}\n`;
  const ecma = text === `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${frac}${zone}`
    && validMonth && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59
    && (fracDigits === 0 ? frac === '' : fracDigits === 3 && frac.startsWith('.'))
    && (zone === 'Z' || /^[+-](?:0\d|1[0-4]):(?:00|30|45)$/.test(zone));
  return { text, ecma };
}

const inputs = Array.from({ length: 20_000 }, generate);

describe('parseInstant', () => {
  it('generates both valid and invalid texts, many of them in the ECMAScript format', () => {
    expect(inputs.filter((i) => i.ecma).length).toBeGreaterThan(1500);
    expect(inputs.filter((i) => Number.isNaN(parseInstantWithRegex(i.text))).length).toBeGreaterThan(3000);
  });

  it('agrees with the regex reading on every generated text, valid or not', () => {
    const disagreements = inputs.filter((i) => !Object.is(parseInstant(i.text), parseInstantWithRegex(i.text))).map((i) => i.text);
    expect(disagreements).toEqual([]);
  });

  it('agrees with Date.parse on every generated text in the ECMAScript date-time format', () => {
    const disagreements = inputs.filter((i) => i.ecma && parseInstant(i.text) !== Date.parse(i.text)).map((i) => i.text);
    expect(disagreements).toEqual([]);
  });

  it('reads every fraction of one to four digits as the regex reading does', () => {
    for (let digits = 1; digits <= 4; digits++) {
      for (let f = 0; f < 10 ** digits; f++) {
        const text = `2026-10-05T12:34:56.${pad(f, digits)}+02:00`;
        expect(parseInstant(text), text).toBe(parseInstantWithRegex(text));
      }
    }
  });

  it.each([
    ['2026-10-05T12:34:56Z', Date.UTC(2026, 9, 5, 12, 34, 56)],
    ['2026-10-05T12:34:56.789Z', Date.UTC(2026, 9, 5, 12, 34, 56, 789)],
    ['2026-10-05T12:34:56.7891Z', Date.UTC(2026, 9, 5, 12, 34, 56, 789)],
    ['2026-10-05T12:34:56.123+0200', Date.UTC(2026, 9, 5, 10, 34, 56, 123)],
    ['2026-10-05T12:34:56-04', Date.UTC(2026, 9, 5, 16, 34, 56)],
    ['2026-10-05T12:34:56,5-03:30', Date.UTC(2026, 9, 5, 16, 4, 56, 500)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });
});
