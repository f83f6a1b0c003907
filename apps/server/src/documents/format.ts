import { formatPercent, tryParseArea } from '@gongzhi/core';

/** Small formatters for printed documents: China time (UTC+8) and exact percentages. */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`无效的时间 / invalid timestamp: ${JSON.stringify(iso)}`);
  return ms;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026年12月8日" for the China date of a UTC day-shifted millisecond count. */
function dateOf(shifted: number): string {
  const d = new Date(shifted);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The China date of an instant: "2026年12月8日". */
export function chinaDate(iso: string): string {
  return dateOf(instant(iso) + CHINA_OFFSET_MS);
}

/**
 * An instant in China time: "2026年12月8日 09:30" (seconds only when not zero). As the end of a
 * period (`end`), midnight is written as 24:00 of the day before: "2026年12月20日 24:00".
 */
export function chinaDateTime(iso: string, end = false): string {
  const shifted = instant(iso) + CHINA_OFFSET_MS;
  const ofDay = ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
  if (end && ofDay === 0) return `${dateOf(shifted - DAY_MS)} 24:00`;
  const d = new Date(shifted);
  const seconds = d.getUTCSeconds() !== 0 ? `:${pad(d.getUTCSeconds())}` : '';
  return `${dateOf(shifted)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds}`;
}

/** A voting window: "2026年12月8日 00:00 至 2026年12月20日 24:00". */
export function chinaWindow(opensAt: string, closesAt: string): string {
  return `${chinaDateTime(opensAt)} 至 ${chinaDateTime(closesAt, true)}`;
}

/** A China calendar day "2026-12-20" as "2026年12月20日". */
export function civilDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`无效的日期 / invalid date: ${JSON.stringify(day)}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** An area decimal string ("89.37", "0.00") in hundredths of m², exactly. */
export function areaHundredths(area: string): bigint {
  const parsed = tryParseArea(area);
  if (parsed.ok) return parsed.area;
  if (parsed.reason === 'not_positive') return 0n;
  throw new Error(`无效的面积 / invalid area: ${JSON.stringify(area)}`);
}

/**
 * part / whole as "68.42%" (two decimals, rounded half up, integer arithmetic only); "—" when
 * the whole is zero. Parts and wholes are area strings or head counts, never mixed.
 */
export function percentOf(part: string, whole: string): string;
export function percentOf(part: number, whole: number): string;
export function percentOf(part: string | number, whole: string | number): string {
  const p = typeof part === 'string' ? areaHundredths(part) : BigInt(part);
  const w = typeof whole === 'string' ? areaHundredths(whole) : BigInt(whole);
  const text = formatPercent(p, w);
  return w === 0n ? text : `${text}%`;
}
