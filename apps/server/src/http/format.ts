/** 0.01 m² integer → "89.37" */
export function formatArea(cents: number | bigint | string): string {
  const v = BigInt(cents);
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** A user's text inside LIKE '%…%', with % _ and \ taken literally. */
export const likeContains = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
