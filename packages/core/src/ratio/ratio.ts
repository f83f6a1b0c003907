/** A non-negative fraction num/den with integer parts, e.g. {num: 2, den: 3}. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/**
 * A lower bound on a share: the share must be ≥ ratio when `inclusive` (以上), or > ratio when not
 * (超过 / 过半数). Civil Code art. 1259 reads 以上 as inclusive.
 */
export interface Bound {
  readonly ratio: Ratio;
  readonly inclusive: boolean;
}

export function ratio(num: number, den: number): Ratio {
  return { num, den };
}

export function atLeast(num: number, den: number): Bound {
  return { ratio: { num, den }, inclusive: true };
}

export function moreThan(num: number, den: number): Bound {
  return { ratio: { num, den }, inclusive: false };
}

/**
 * Whether part/whole meets the bound, by cross-multiplication in bigint (never floating point):
 * part·den ≥ num·whole (inclusive) or part·den > num·whole (exclusive).
 * An empty whole (0) never meets a bound: nobody took part, so nobody agreed.
 */
export function meetsBound(part: bigint | number, whole: bigint | number, bound: Bound): boolean {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w <= 0n) return false;
  const left = p * BigInt(bound.ratio.den);
  const right = BigInt(bound.ratio.num) * w;
  return bound.inclusive ? left >= right : left > right;
}

/** "≥ 2/3", "> 1/2". */
export function formatBound(bound: Bound): string {
  return `${bound.inclusive ? '≥' : '>'} ${bound.ratio.num}/${bound.ratio.den}`;
}

/**
 * part/whole as a percentage with two decimals, rounded half up, computed in integers:
 * (2, 3) → "66.67". For display only; decisions use meetsBound.
 */
export function formatPercent(part: bigint | number, whole: bigint | number): string {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return '—';
  const basisPoints = (p * 20000n + w) / (2n * w); // round half up of p·10000/w
  const whole100 = basisPoints / 100n;
  const frac = basisPoints % 100n;
  return `${whole100.toString()}.${frac.toString().padStart(2, '0')}`;
}
