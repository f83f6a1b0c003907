/**
 * Masking of personal data (PIPL): what leaves the server unless the viewer needs the full value.
 * The formats are our design choice (rules.md §8): 张*, 欧阳**, 138****1234, 110***********123X.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  // Latin names: keep the first letter of each word.
  if (/^[\x20-\x7e]+$/.test(name)) return name.trim().split(/\s+/).map((w) => `${w[0]}${'*'.repeat(Math.max(1, w.length - 1))}`).join(' ');
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** A list of co-owner names ("张三、李四") masked name by name. */
export function maskNames(names: string): string {
  return names.split('、').map(maskName).join('、');
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/** Organization and builder names are public; they are not personal data. */
export function maskHolderName(kind: string, name: string): string {
  return kind === 'organization' || kind === 'builder' ? name : maskNames(name);
}
