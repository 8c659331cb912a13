// The calendar date (`YYYY-MM-DD`) an instant falls on in an IANA time zone, via Intl. Contracts
// run from their first to their last day in their own time zone, so this decides expiry.
import { civilFromDays, daysFromCivil } from './parse-instant.js';

const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 50_000;

interface ZoneOffsets {
  readonly format: Intl.DateTimeFormat;
  /** UTC offset in ms per quarter-hour bucket since the epoch. */
  readonly byQuarterHour: Map<number, number>;
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    zone = { format, byQuarterHour: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Throws a RangeError for a time zone that Intl does not know; compile time calls this early. */
export function assertTimeZone(timeZone: string): void {
  zoneOffsets(timeZone);
}

function offsetAt(zone: ZoneOffsets, ms: number): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  const cached = zone.byQuarterHour.get(bucket);
  if (cached !== undefined) return cached;
  let year = 0, month = 0, day = 0, hour = 0, minute = 0;
  for (const part of zone.format.formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  const wall = daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000;
  // Every zone offset in use is a whole number of quarter hours, and so are the instants at which
  // offsets change, so one lookup serves the whole bucket.
  const offset = wall - Math.floor(ms / 60_000) * 60_000;
  if (zone.byQuarterHour.size >= MAX_CACHED_OFFSETS) zone.byQuarterHour.clear();
  zone.byQuarterHour.set(bucket, offset);
  return offset;
}

const dayNames = new Map<number, string>();

/** Local calendar date of the instant `ms` (epoch milliseconds) in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  const day = Math.floor((ms + offsetAt(zoneOffsets(timeZone), ms)) / 86_400_000);
  let name = dayNames.get(day);
  if (name === undefined) {
    if (dayNames.size >= MAX_CACHED_OFFSETS) dayNames.clear();
    dayNames.set(day, (name = civilFromDays(day)));
  }
  return name;
}
