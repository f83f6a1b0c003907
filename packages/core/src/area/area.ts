import { CoreError } from '../errors';

/**
 * An exclusive-part area in hundredths of a square metre (0.01 m²), as an exact integer.
 * "89.37" m² is 8937n. Bigint keeps sums and cross-multiplications exact at any size.
 */
export type AreaHundredths = bigint;

/** At most two decimals, no sign, no exponent, no leading zeros, no surrounding spaces. */
const AREA_PATTERN = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;

export type AreaParseFailure = 'not_a_string' | 'syntax' | 'too_many_decimals' | 'not_positive';

/** Parses an area string exactly; returns the reason instead of throwing. */
export function tryParseArea(text: unknown): { ok: true; area: AreaHundredths } | { ok: false; reason: AreaParseFailure } {
  if (typeof text !== 'string') return { ok: false, reason: 'not_a_string' };
  // Fast path for the usual short areas: digits read into a safe integer, no regex.
  if (text.length <= 12) {
    const area = parseShortArea(text);
    if (area > 0) return { ok: true, area: BigInt(area) };
  }
  const match = AREA_PATTERN.exec(text);
  if (!match) {
    return { ok: false, reason: /^(0|[1-9][0-9]*)\.[0-9]{3,}$/.test(text) ? 'too_many_decimals' : 'syntax' };
  }
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const area = BigInt(whole) * 100n + BigInt(fraction);
  if (area <= 0n) return { ok: false, reason: 'not_positive' };
  return { ok: true, area };
}

/** Hundredths of a short area string of AREA_PATTERN, or -1 when it is not one (then the slow path decides). */
function parseShortArea(text: string): number {
  let whole = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    if (i === 1 && whole === 0) return -1; // leading zero
    whole = whole * 10 + d;
  }
  if (i === 0) return -1;
  if (i === text.length) return whole * 100;
  if (text[i] !== '.' || text.length - i - 1 < 1 || text.length - i - 1 > 2) return -1;
  let cents = 0;
  for (let j = i + 1; j < text.length; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return -1;
    cents = cents * 10 + d;
  }
  return whole * 100 + (text.length - i - 1 === 1 ? cents * 10 : cents);
}

/** Parses an area string ("120", "89.37", "0.5") exactly; throws BAD_AREA otherwise. */
export function parseArea(text: string): AreaHundredths {
  const parsed = tryParseArea(text);
  if (parsed.ok) return parsed.area;
  throw new CoreError(
    'BAD_AREA',
    `面积必须是不超过两位小数的正数，例如 "89.37"；收到 ${JSON.stringify(text)}`,
    `an area must be a positive decimal with at most two decimals, e.g. "89.37"; got ${JSON.stringify(text)}`,
  );
}

/** Formats hundredths as a decimal string with exactly two decimals: 8937n → "89.37". */
export function formatArea(area: AreaHundredths): string {
  const negative = area < 0n;
  const abs = negative ? -area : area;
  const whole = abs / 100n;
  const cents = abs % 100n;
  return `${negative ? '-' : ''}${whole.toString()}.${cents.toString().padStart(2, '0')}`;
}

/** Sums areas exactly. */
export function sumAreas(areas: Iterable<AreaHundredths>): AreaHundredths {
  let total = 0n;
  for (const a of areas) total += a;
  return total;
}
