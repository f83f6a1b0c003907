import { isoToChinaLocal } from './meeting';

/**
 * Areas travel as decimal strings with two decimals ("89.37"). Sums are done on integer
 * hundredths of a square metre, never on floats.
 */
export function areaToHundredths(area: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) return 0;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + frac;
}

export function hundredthsToArea(h: number): string {
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(Math.round(h));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12345.60" → "12,345.60" (grouping only; the two decimals are kept). */
export function formatArea(area: string): string {
  const [whole = '0', frac = '00'] = area.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Share of part in total, in percent with one decimal, from integer hundredths. */
export function percentOf(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((part * 1000) / total) / 10;
}

/*
 * Dates and times are shown in China time (UTC+8), as the law counts them and as every notice
 * prints them, whatever the device's zone or language, in the form of the meeting times
 * (helpers/meeting.ts isoToChinaLocal): "2026-09-02 02:00". `_locale` is kept for the callers.
 */

/** An instant as "2026-09-02 02:00" in China time. */
export function formatDateTime(iso: string | null | undefined, _locale?: string): string {
  if (!iso) return '—';
  return isoToChinaLocal(iso).replace('T', ' ') || iso;
}

/** An instant's day as "2026-09-02" in China time. */
export function formatDate(iso: string | null | undefined, _locale?: string): string {
  if (!iso) return '—';
  return isoToChinaLocal(iso).slice(0, 10) || iso;
}

/** Pretty JSON for audit before/after values. */
export function prettyJson(v: unknown): string {
  if (v === null || v === undefined) return '—';
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}
