import { daysFromCivil, isValidCivilDate } from './civil-date';

/**
 * An exact instant parsed from an RFC 3339 timestamp. Fractional seconds keep every digit
 * (as a string without trailing zeros), so comparisons are exact whatever the precision.
 * A leap second (23:59:60 UTC) sorts after 23:59:59.999… and before the next midnight.
 */
export interface Instant {
  /** whole UTC seconds since 1970-01-01T00:00:00Z (for a leap second: those of 23:59:59) */
  readonly epochSeconds: number;
  readonly leapSecond: boolean;
  /** decimal digits after the point, trailing zeros removed ("" for none) */
  readonly fraction: string;
}

// RFC 3339 §5.6: date-time = full-date "T" full-time; "T" and "Z" may be lower case.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp with its offset; undefined when it is not one. */
export function parseRfc3339(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (!isValidCivilDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offHour = Number(m[10]);
    const offMinute = Number(m[11]);
    if (offHour > 23 || offMinute > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offHour * 60 + offMinute);
  }
  const localSeconds = daysFromCivil({ year, month, day }) * 86400 + hour * 3600 + minute * 60 + Math.min(second, 59);
  const epochSeconds = localSeconds - offsetMinutes * 60;
  const leapSecond = second === 60;
  // A leap second exists only at the end of a UTC day.
  if (leapSecond && ((epochSeconds % 86400) + 86400) % 86400 !== 86399) return undefined;
  const fraction = (m[7] ?? '').replace(/0+$/, '');
  return { epochSeconds, leapSecond, fraction };
}

/** Negative when a is earlier, 0 when equal, positive when later. Exact. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds < b.epochSeconds ? -1 : 1;
  if (a.leapSecond !== b.leapSecond) return a.leapSecond ? 1 : -1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * The instant as a JavaScript Date, with millisecond precision (further digits are dropped;
 * a leap second becomes the last millisecond of 23:59:59).
 */
export function instantToDate(instant: Instant): Date {
  if (instant.leapSecond) return new Date(instant.epochSeconds * 1000 + 999);
  const millis = Number((instant.fraction + '000').slice(0, 3));
  return new Date(instant.epochSeconds * 1000 + millis);
}
