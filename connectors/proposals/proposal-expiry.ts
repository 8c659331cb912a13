// When a proposal stops being acceptable: the instant its last valid day ends in its own time zone
// (midnight at the start of the next local day, daylight-saving changes included), and the budget
// month of an instant. Pure: instants are arguments.
import { addDays, localDateOf } from './proposal-dates.js';
import type { Proposal } from './proposal.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at the instant, in ms (Amsterdam in winter: +3 600 000). */
function offsetAt(epochMs: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant local midnight starts the `YYYY-MM-DD` date in the zone. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - offsetAt(wall, timeZone);
  // Once more with the offset at the first guess: right across a daylight-saving change.
  instant = wall - offsetAt(instant, timeZone);
  return instant;
}

/** Epoch ms at which the proposal has expired (the first instant after its last valid day). */
export function proposalExpiresAt(proposal: Pick<Proposal, 'validUntil' | 'timeZone'>): number {
  return startOfLocalDay(addDays(proposal.validUntil, 1), proposal.timeZone);
}

/** `YYYY-MM` of the instant in the zone: the budget month it counts in. */
export function budgetMonthOf(instant: number | string | Date, timeZone: string): string {
  return localDateOf(typeof instant === 'number' ? new Date(instant) : instant, timeZone).slice(0, 7);
}
