import { createHmac } from 'node:crypto';

/** Upper-case, no spaces; full-width digits and letters folded to ASCII. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** GB 11643 resident identity number: 18 characters, a valid birth date and check character. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i]!;
  return checkChars[sum % 11] === id[17];
}

/** GB 32100 unified social credit code of an organization (18 characters with check). */
export function isValidCreditCode(code: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(code[i]!) * w[i]!;
  const c = (31 - (sum % 31)) % 31;
  return alphabet[c] === code[17];
}

/** Computes a valid check character: for demo data and tests. */
export function residentIdWithCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return first17 + checkChars[sum % 11];
}

/**
 * The keyed hash under which an ID number is stored: it can be matched (the same number gives
 * the same hash) but not read back, and without the key not guessed by enumeration.
 */
export function hashIdNumber(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest('hex');
}
