// The calendar date (`YYYY-MM-DD`) an instant falls on in an IANA time zone, via Intl. Contracts
// run from their first to their last day in their own time zone, so this decides expiry.
import { civilFromDays, daysFromCivil } from './parse-instant.js';

const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 50_000;
/** Quarter hours of the direct-mapped date cache per zone: 85 days in a row fit without collisions. */
const DATE_SLOTS = 8192;

/** A time zone's offsets and dates, cached; obtain one with `zoneOffsets`. */
export interface ZoneOffsets {
  readonly format: Intl.DateTimeFormat;
  /** UTC offset in ms per quarter-hour bucket since the epoch. */
  readonly byQuarterHour: Map<number, number>;
  /**
   * The local date per quarter-hour bucket, direct-mapped (slot = bucket mod DATE_SLOTS, the
   * bucket kept as the key): one typed-array read instead of three map lookups on most calls.
   */
  readonly dateBuckets: Float64Array;
  readonly dates: string[];
}

const zones = new Map<string, ZoneOffsets>();

/** The cache of one IANA time zone; throws a RangeError for a zone that Intl does not know. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    zone = { format, byQuarterHour: new Map(), dateBuckets: new Float64Array(DATE_SLOTS).fill(Number.NaN), dates: new Array<string>(DATE_SLOTS).fill('') };
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
  return localDateIn(zoneOffsets(timeZone), ms);
}

/** `localDate` for a zone looked up beforehand (contracts keep theirs). */
export function localDateIn(zone: ZoneOffsets, ms: number): string {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  const slot = bucket & (DATE_SLOTS - 1);
  if (zone.dateBuckets[slot] === bucket) return zone.dates[slot] as string;
  const offset = offsetAt(zone, ms);
  const day = Math.floor((ms + offset) / 86_400_000);
  let name = dayNames.get(day);
  if (name === undefined) {
    if (dayNames.size >= MAX_CACHED_OFFSETS) dayNames.clear();
    dayNames.set(day, (name = civilFromDays(day)));
  }
  // With an offset of whole quarter hours, local midnight falls on a bucket boundary, so every
  // instant of the bucket has this date; other offsets (historic local mean time) are not cached.
  if (offset % QUARTER_HOUR_MS === 0) {
    zone.dateBuckets[slot] = bucket;
    zone.dates[slot] = name;
  }
  return name;
}
