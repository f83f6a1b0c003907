export const PHONE_RE = /^1[3-9]\d{9}$/;
export const OTP_RE = /^\d{6}$/;

export function isPhone(v: string): boolean {
  return PHONE_RE.test(v.trim());
}

export function isOtp(v: string): boolean {
  return OTP_RE.test(v.trim());
}

/**
 * The server accepts 6–30 characters (resident ID, passport, HK/Macao/Taiwan permits); the
 * registry decides whether it matches, so the form checks no more than that.
 */
export function isIdNumber(v: string): boolean {
  const s = v.trim();
  return s.length >= 6 && s.length <= 30 && /^[0-9A-Za-z()（）-]+$/.test(s);
}

export const PROOF_ACCEPT = 'image/*,application/pdf';
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
