import { CoreError } from '../errors';

/**
 * One-time paper ballot codes (表决票编码) and the text of the ballot's QR code.
 *
 * A code is 12 characters of Crockford's base32 alphabet (0-9 A-Z without I L O U), printed in
 * three groups of four: "K7QD-2M9X-PA4C". The first 11 characters carry 55 random bits; the
 * 12th is a check character.
 *
 * Check character: the 12 symbol values d₀…d₁₁ (0…31) are read as elements of GF(32) = GF(2)[x]
 * / (x⁵ + x² + 1), and the check d₁₁ is chosen so that Σ αⁱ·d₁₁₋ᵢ = 0 with α = x (computed by
 * Horner's rule; addition in GF(32) is XOR). Because αⁱ ≠ 0 and αⁱ ≠ αʲ for i ≠ j < 31, this
 * detects every single changed character (the check character included) and every swap of two
 * characters — typing slips a weighted sum modulo 32 would miss. Crockford's own mod-37 check
 * needs the extra symbols * ~ $ = U, which a code limited to the 32-letter alphabet cannot use.
 */

/** Crockford's base32 alphabet: value i is ALPHABET[i]. */
export const BALLOT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** characters of a code, check character included */
export const BALLOT_CODE_LENGTH = 12;

/** random bytes formatBallotCode needs at least (it uses 55 bits of them) */
export const BALLOT_CODE_MIN_BYTES = 8;

/** the first field of a ballot's QR text, naming its format */
export const BALLOT_QR_PREFIX = 'GZB1';

const DATA_LENGTH = BALLOT_CODE_LENGTH - 1;
const GROUP = 4;

/** symbol value of every accepted character, confusables included (O → 0, I and L → 1) */
const VALUES: ReadonlyMap<string, number> = new Map([
  ...[...BALLOT_CODE_ALPHABET].map((c, i) => [c, i] as const),
  ['O', 0],
  ['I', 1],
  ['L', 1],
]);

/** a × b in GF(32) with the reduction polynomial x⁵ + x² + 1 (0b100101) */
function gfMul(a: number, b: number): number {
  let product = 0;
  let x = a;
  for (let y = b; y > 0; y >>= 1) {
    if (y & 1) product ^= x;
    x <<= 1;
    if (x & 0b100000) x ^= 0b100101;
  }
  return product;
}

/** Horner's rule over GF(32) with α = x (= 2): Σ α^(n-1-i)·values[i]. */
function checksum(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum = gfMul(sum, 2) ^ v;
  return sum;
}

/** The check value that makes the checksum of data + check zero. */
function checkValue(data: readonly number[]): number {
  return gfMul(checksum(data), 2);
}

function grouped(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) groups.push(symbols.slice(i, i + GROUP));
  return groups.join('-');
}

/**
 * A ballot code from random bytes (the server passes `crypto.randomBytes`): the first 55 bits
 * of `bytes` as 11 base32 characters, then the check character, in groups of four.
 * Throws BAD_RANDOM_BYTES with fewer than 8 bytes.
 */
export function formatBallotCode(bytes: Uint8Array): string {
  if (bytes.length < BALLOT_CODE_MIN_BYTES) {
    throw new CoreError(
      'BAD_RANDOM_BYTES',
      `生成表决票编码至少需要 ${BALLOT_CODE_MIN_BYTES} 个随机字节，收到 ${bytes.length} 个`,
      `a ballot code needs at least ${BALLOT_CODE_MIN_BYTES} random bytes, got ${bytes.length}`,
    );
  }
  const data: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff; // at most 12 bits are ever pending
    bits += 8;
    while (bits >= 5 && data.length < DATA_LENGTH) {
      bits -= 5;
      data.push((buffer >> bits) & 31);
    }
    if (data.length === DATA_LENGTH) break;
  }
  data.push(checkValue(data));
  return grouped(data.map((v) => BALLOT_CODE_ALPHABET[v]).join(''));
}

/** The canonical code of a typed code, or null (wrong length, unknown character, bad check). */
function canonicalCode(input: string): string | null {
  const symbols = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑‒–—―_]/g, '');
  if (symbols.length !== BALLOT_CODE_LENGTH) return null;
  const values: number[] = [];
  for (const c of symbols) {
    const v = VALUES.get(c);
    if (v === undefined) return null;
    values.push(v);
  }
  if (checksum(values) !== 0) return null;
  return grouped(values.map((v) => BALLOT_CODE_ALPHABET[v]).join(''));
}

/**
 * The canonical "XXXX-XXXX-XXXX" form of what a clerk typed or a scanner sent: accepts lower
 * case, spaces, dashes, full-width characters, the confusables O (→ 0) and I, L (→ 1), or a whole
 * QR text ("GZB1|…"). Returns null when the length is wrong, a character is not in the alphabet
 * or the check character does not match.
 */
export function normalizeBallotCode(input: string): string | null {
  const text = input.normalize('NFKC').trim();
  if (text.includes('|')) return parseBallotQr(text)?.code ?? null;
  return canonicalCode(text);
}

/** What a paper ballot's QR code says. */
export interface BallotQr {
  estateId: number;
  meetingId: number;
  /** canonical ballot code, "K7QD-2M9X-PA4C" */
  code: string;
  /** the motions printed on the ballot, e.g. ["m1", "m2"] */
  motionIds: string[];
}

const MOTION_ID = /^m[1-9][0-9]*$/;
const ID = /^[1-9][0-9]*$/;

function badQr(what: string, value: unknown): CoreError {
  return new CoreError(
    'BAD_BALLOT_QR',
    `表决票二维码内容无效：${what} ${JSON.stringify(value)}`,
    `invalid ballot QR content: ${what} ${JSON.stringify(value)}`,
  );
}

/**
 * The QR text of a paper ballot: `GZB1|<estateId>|<meetingId>|<code>|<motionId,motionId,…>`,
 * e.g. "GZB1|12|3|K7QD-2M9X-PA4C|m1,m2,m5". Throws BAD_BALLOT_QR on a non-positive id, an
 * invalid code, or motion ids that are not "m<number>", repeated or missing.
 */
export function ballotQrPayload(qr: BallotQr): string {
  if (!Number.isSafeInteger(qr.estateId) || qr.estateId < 1) throw badQr('estateId', qr.estateId);
  if (!Number.isSafeInteger(qr.meetingId) || qr.meetingId < 1) throw badQr('meetingId', qr.meetingId);
  const code = canonicalCode(qr.code);
  if (code === null) throw badQr('code', qr.code);
  if (qr.motionIds.length === 0 || new Set(qr.motionIds).size !== qr.motionIds.length || !qr.motionIds.every((m) => MOTION_ID.test(m))) {
    throw badQr('motionIds', qr.motionIds);
  }
  return [BALLOT_QR_PREFIX, qr.estateId, qr.meetingId, code, qr.motionIds.join(',')].join('|');
}

/**
 * Reads a ballot's QR text (as a USB scanner types it: surrounding whitespace and a flipped case
 * from Caps Lock are tolerated). Returns null unless it is a well-formed GZB1 text with a valid code.
 */
export function parseBallotQr(text: string): BallotQr | null {
  const fields = text.normalize('NFKC').trim().split('|');
  if (fields.length !== 5) return null;
  const [prefix, estate, meeting, rawCode, motions] = fields as [string, string, string, string, string];
  if (prefix.toUpperCase() !== BALLOT_QR_PREFIX) return null;
  if (!ID.test(estate) || !ID.test(meeting)) return null;
  const estateId = Number(estate);
  const meetingId = Number(meeting);
  if (!Number.isSafeInteger(estateId) || !Number.isSafeInteger(meetingId)) return null;
  const code = canonicalCode(rawCode);
  if (code === null) return null;
  const motionIds = motions.split(',').map((m) => m.toLowerCase());
  if (!motionIds.every((m) => MOTION_ID.test(m)) || new Set(motionIds).size !== motionIds.length) return null;
  return { estateId, meetingId, code, motionIds };
}
