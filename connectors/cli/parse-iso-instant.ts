// Date options on the command line (`--since`): strict ISO 8601, a calendar date or a time with its
// zone, and nothing else. Date.parse would read `01-10-2026` as 10 January and `2026` as a year, and
// a bare number as Unix seconds is one typo away from 1970; the messages follow the config's style.
import { describeValue } from '../config/describe-value.js';
import { isRealDate } from '../config/scalar-schemas.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export const ISO_INSTANT_HINT = 'a date YYYY-MM-DD (midnight UTC) or a time with its zone such as 2026-10-01T08:00:00Z or 2026-10-01T10:00:00+02:00';

/** Milliseconds since the epoch, or the reason the text is not a strict ISO date or time. */
export function parseIsoInstant(raw: string): { ok: true; ms: number } | { ok: false; message: string } {
  const text = raw.trim();
  if (isRealDate(text)) return { ok: true, ms: Date.parse(`${text}T00:00:00Z`) };
  const m = INSTANT.exec(text);
  if (m !== null && isRealDate(m[1]!)) return { ok: true, ms: Date.parse(text) };
  return { ok: false, message: `expected ${ISO_INSTANT_HINT}, got ${describeValue(raw)}` };
}
