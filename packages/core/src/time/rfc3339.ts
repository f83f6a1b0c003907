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

/** Reads `count` ASCII digits at `at` as a number, or -1 when any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Parses an RFC 3339 date-time (§5.6): YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM), "T" and "Z" in
 * either case. Returns undefined for anything else, including dates that do not exist, offsets
 * without a colon, missing seconds or offset, and leap seconds not at 23:59:60 UTC.
 */
export function parseRfc3339(text: string): Instant | undefined {
  if (text.length < 20) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (text[4] !== '-' || text[7] !== '-' || (text[10] !== 'T' && text[10] !== 't') || text[13] !== ':' || text[16] !== ':') return undefined;
  if (year < 0 || !isValidCivilDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return undefined;
  }
  let at = 19;
  let fraction = '';
  if (text[at] === '.') {
    const start = ++at;
    while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
    if (at === start) return undefined;
    fraction = text.slice(start, at).replace(/0+$/, '');
  }
  let offsetMinutes: number;
  const sign = text[at];
  if ((sign === 'Z' || sign === 'z') && at + 1 === text.length) offsetMinutes = 0;
  else if ((sign === '+' || sign === '-') && at + 6 === text.length && text[at + 3] === ':') {
    const offHour = digits(text, at + 1, 2);
    const offMinute = digits(text, at + 4, 2);
    if (offHour < 0 || offHour > 23 || offMinute < 0 || offMinute > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offHour * 60 + offMinute);
  } else return undefined;

  const localSeconds = daysFromCivil({ year, month, day }) * 86400 + hour * 3600 + minute * 60 + Math.min(second, 59);
  const epochSeconds = localSeconds - offsetMinutes * 60;
  const leapSecond = second === 60;
  // A leap second exists only at the end of a UTC day.
  if (leapSecond && ((epochSeconds % 86400) + 86400) % 86400 !== 86399) return undefined;
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
