import { CoreError } from '../errors';
import { type CivilDate, civilFromDays, daysFromCivil, parseCivilDate } from '../time/civil-date';
import { instantToDate, parseRfc3339 } from '../time/rfc3339';

/** China Standard Time, UTC+8 all year (no daylight saving since 1991). */
export const CHINA_UTC_OFFSET_MINUTES = 480;
const OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The China calendar date of an instant. */
export function chinaDateOf(instant: Date): CivilDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new CoreError('BAD_TIMESTAMP', '无效的时间', 'invalid Date');
  return civilFromDays(Math.floor((ms + OFFSET_MS) / DAY_MS));
}

/** 00:00 China time at the start of a date. */
export function chinaStartOfDay(date: CivilDate): Date {
  return new Date(daysFromCivil(date) * DAY_MS - OFFSET_MS);
}

/**
 * The day that triggers a period: a Date (its China date), an RFC 3339 timestamp (likewise), or a
 * plain "YYYY-MM-DD" taken as a China calendar date.
 */
export function triggerDay(trigger: Date | string): CivilDate {
  if (trigger instanceof Date) return chinaDateOf(trigger);
  const day = parseCivilDate(trigger);
  if (day) return day;
  const instant = parseRfc3339(trigger);
  if (instant) return chinaDateOf(instantToDate(instant));
  throw new CoreError(
    'BAD_TIMESTAMP',
    `${JSON.stringify(trigger)} 不是日期（YYYY-MM-DD）或 RFC 3339 时间`,
    `${JSON.stringify(trigger)} is neither a date (YYYY-MM-DD) nor an RFC 3339 timestamp`,
  );
}
