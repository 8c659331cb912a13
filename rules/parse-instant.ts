// ISO 8601 instants and calendar days as plain numbers, without the Date global: rules/ must not
// be able to read the clock, so the few calendar sums it needs are done here by hand.

const DAY_MS = 86_400_000;
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** `YYYY-MM-DD` of a day number from `daysFromCivil` (H. Hinnant's `civil_from_days`). */
export function civilFromDays(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const digitAt = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const number = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + digitAt(s, i);
  return n;
};

// Math.pow is not exact in every engine; these are.
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/**
 * The shapes helpdesk APIs send, `YYYY-MM-DDTHH:MM:SS`, then optionally `.fff` (1–9 digits), then
 * `Z`, `±HH`, `±HH:MM` or `±HHMM`, read without a regex (the regex took some 7% of a whole triage
 * in bench/engine, whose tickets carry milliseconds). Returns NaN for any other text, which
 * `parseInstant` then hands to `parseInstantWithRegex`; where both read a text they agree to the
 * millisecond (tested).
 */
function parseCommonInstant(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84
    || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const month = number(s, 5, 7);
  const day = number(s, 8, 10);
  const hour = number(s, 11, 13);
  const minute = number(s, 14, 16);
  const second = number(s, 17, 19);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return Number.NaN;
  let ms = daysFromCivil(number(s, 0, 4), month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
  let i = 19;
  const sep = s.charCodeAt(i);
  if (sep === 46 || sep === 44) {
    let end = i + 1;
    while (end < n && end - i <= 9 && digitAt(s, end) >= 0) end++;
    const digits = end - i - 1;
    if (digits === 0) return Number.NaN;
    // Number(`0.${frac}`) as the regex path computes it: both are the double nearest to the fraction.
    ms += Math.floor((number(s, i + 1, end) / (POW10[digits] as number)) * 1000);
    i = end;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90) return i + 1 === n ? ms : Number.NaN;
  if (zone !== 43 && zone !== 45) return Number.NaN;
  let minutes: number;
  if (n === i + 3) minutes = number(s, i + 1, i + 3) * 60;
  else if (n === i + 5) minutes = number(s, i + 1, i + 3) * 60 + number(s, i + 3, i + 5);
  else if (n === i + 6 && s.charCodeAt(i + 3) === 58) minutes = number(s, i + 1, i + 3) * 60 + number(s, i + 4, i + 6);
  else return Number.NaN;
  if (Number.isNaN(minutes)) return Number.NaN;
  return ms - (zone === 45 ? -1 : 1) * minutes * 60_000;
}

/**
 * Milliseconds since the epoch of an ISO 8601 instant such as `2026-06-30T23:30:00Z` or
 * `2026-07-01T01:30:00+02:00`. Without an offset the time is read as UTC; a bare date is its UTC
 * midnight. Returns NaN for anything else.
 */
export function parseInstant(iso: string): number {
  const fast = parseCommonInstant(iso);
  return Number.isNaN(fast) ? parseInstantWithRegex(iso) : fast;
}

/** The reference reading of every accepted shape; `parseInstant` skips it for the common ones. */
export function parseInstantWithRegex(iso: string): number {
  const m = ISO_INSTANT.exec(iso.trim());
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return Number.NaN;
  let ms = daysFromCivil(Number(y), month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
  if (frac !== undefined) ms += Math.floor(Number(`0.${frac}`) * 1000);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return ms;
}
