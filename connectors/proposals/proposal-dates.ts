// Calendar arithmetic for proposals: the local date of an instant in a time zone, the numbering
// year, and the validity date. Pure: the clock is always an argument.
const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of the instant in the IANA time zone. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`expected an ISO 8601 instant, got ${String(instant)}`);
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The calendar date `days` after a `YYYY-MM-DD` date (months and leap years handled by UTC arithmetic). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Last day a proposal made at `createdAt` can be accepted: its local date plus `validityDays`. */
export function proposalValidUntil(createdAt: string, timeZone: string, validityDays: number): string {
  return addDays(localDateOf(createdAt, timeZone), validityDays);
}

/** The year a proposal number belongs to: the year of `createdAt` in the vendor's time zone. */
export function proposalYear(createdAt: string, timeZone: string): number {
  return Number(localDateOf(createdAt, timeZone).slice(0, 4));
}
