import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BALLOT_CODE_ALPHABET,
  CoreError,
  ballotQrPayload,
  formatBallotCode,
  normalizeBallotCode,
  parseBallotQr,
} from '../../src/index';

const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const randomBytes = fc.uint8Array({ minLength: 8, maxLength: 32 });

/** the code's 12 symbols without dashes */
const symbolsOf = (code: string): string => code.replaceAll('-', '');
const withSymbols = (symbols: string): string => `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;

describe('formatBallotCode', () => {
  it('makes 12 alphabet characters in groups of four', () => {
    const code = formatBallotCode(new Uint8Array([0x9a, 0x3c, 0x55, 0x01, 0xfe, 0x77, 0x10, 0x42, 0x08, 0x99]));
    expect(code).toMatch(CODE_SHAPE);
  });

  it('encodes the first 55 bits, most significant first', () => {
    expect(symbolsOf(formatBallotCode(new Uint8Array(8))).slice(0, 11)).toBe('00000000000');
    expect(symbolsOf(formatBallotCode(new Uint8Array(8).fill(0xff))).slice(0, 11)).toBe('ZZZZZZZZZZZ');
    // 0b00001 00010 00011 … : bytes 0x08 0x86 0x42 …
    const bytes = new Uint8Array([0b00001000, 0b10000110, 0b01000010, 0b10011000, 0b11101000, 0b01001010, 0b10010110, 0]);
    expect(symbolsOf(formatBallotCode(bytes)).slice(0, 11)).toBe('123456789AB');
  });

  it('appends the GF(32) check character (golden values, computed independently)', () => {
    const bytes = new Uint8Array([0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0]);
    expect(formatBallotCode(bytes)).toBe('1234-5678-9ABV');
    expect(formatBallotCode(new Uint8Array(8))).toBe('0000-0000-0000');
    expect(formatBallotCode(new Uint8Array(8).fill(0xff))).toBe('ZZZZ-ZZZZ-ZZZK');
  });

  it('ignores bytes after the 55th bit', () => {
    const a = formatBallotCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const b = formatBallotCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 200, 201, 202]));
    expect(a).toBe(b);
  });

  it('refuses fewer than 8 bytes', () => {
    expect(() => formatBallotCode(new Uint8Array(7))).toThrow(CoreError);
    expect(() => formatBallotCode(new Uint8Array(7))).toThrow(/BAD_RANDOM_BYTES/);
  });

  it('always uses the alphabet without I L O U', () => {
    fc.assert(fc.property(randomBytes, (bytes) => {
      const code = formatBallotCode(bytes);
      expect(code).toMatch(CODE_SHAPE);
      expect(symbolsOf(code)).not.toMatch(/[ILOU]/);
    }));
  });
});

describe('normalizeBallotCode', () => {
  const code = formatBallotCode(new Uint8Array([0x9a, 0x3c, 0x55, 0x01, 0xfe, 0x77, 0x10, 0x42]));

  it('accepts the code as printed', () => {
    expect(normalizeBallotCode(code)).toBe(code);
  });

  it('accepts lower case, spaces, missing or extra dashes and full-width characters', () => {
    const symbols = symbolsOf(code);
    expect(normalizeBallotCode(symbols.toLowerCase())).toBe(code);
    expect(normalizeBallotCode(`  ${symbols.slice(0, 4)} ${symbols.slice(4, 8)}  ${symbols.slice(8)}\n`)).toBe(code);
    expect(normalizeBallotCode(symbols.split('').join('-'))).toBe(code);
    const fullWidth = [...code].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');
    expect(normalizeBallotCode(fullWidth)).toBe(code);
  });

  it('reads O as 0 and I, L as 1', () => {
    const zeroOne = formatBallotCode(new Uint8Array([0, 0x44, 0x22, 0x11, 0x08, 0x84, 0x42, 0x21]));
    expect(symbolsOf(zeroOne)).toMatch(/0/);
    expect(symbolsOf(zeroOne)).toMatch(/1/);
    expect(normalizeBallotCode(zeroOne.replaceAll('0', 'O').replaceAll('1', 'I'))).toBe(zeroOne);
    expect(normalizeBallotCode(zeroOne.replaceAll('0', 'o').replaceAll('1', 'l'))).toBe(zeroOne);
  });

  it('rejects a wrong length, a foreign character or U', () => {
    expect(normalizeBallotCode('')).toBeNull();
    expect(normalizeBallotCode(code.slice(0, -1))).toBeNull();
    expect(normalizeBallotCode(`${code}0`)).toBeNull();
    expect(normalizeBallotCode(`${code.slice(0, -1)}U`)).toBeNull();
    expect(normalizeBallotCode(`${code.slice(0, -1)}*`)).toBeNull();
    expect(normalizeBallotCode(`${code.slice(0, -1)}中`)).toBeNull();
  });

  it('takes the code out of a scanned QR text', () => {
    const qr = ballotQrPayload({ estateId: 12, meetingId: 3, code, motionIds: ['m1', 'm2'] });
    expect(normalizeBallotCode(qr)).toBe(code);
    expect(normalizeBallotCode(`${qr}\r\n`)).toBe(code);
    expect(normalizeBallotCode(qr.replace('GZB1', 'XYZ1'))).toBeNull();
  });

  it('normalizes every generated code to itself, also as typed sloppily', () => {
    fc.assert(fc.property(randomBytes, (bytes) => {
      const generated = formatBallotCode(bytes);
      expect(normalizeBallotCode(generated)).toBe(generated);
      expect(normalizeBallotCode(` ${symbolsOf(generated).toLowerCase()} `)).toBe(generated);
    }));
  });

  it('detects every single changed character, the check character included', () => {
    fc.assert(fc.property(
      randomBytes,
      fc.integer({ min: 0, max: 11 }),
      fc.integer({ min: 1, max: 31 }),
      (bytes, position, shift) => {
        const symbols = symbolsOf(formatBallotCode(bytes));
        const value = BALLOT_CODE_ALPHABET.indexOf(symbols[position]!);
        const changed = symbols.slice(0, position) + BALLOT_CODE_ALPHABET[(value + shift) % 32]! + symbols.slice(position + 1);
        expect(normalizeBallotCode(withSymbols(changed))).toBeNull();
      },
    ));
  });

  it('detects every swap of two different characters', () => {
    fc.assert(fc.property(
      randomBytes,
      fc.integer({ min: 0, max: 11 }),
      fc.integer({ min: 0, max: 11 }),
      (bytes, i, j) => {
        const symbols = [...symbolsOf(formatBallotCode(bytes))];
        fc.pre(symbols[i] !== symbols[j]);
        [symbols[i], symbols[j]] = [symbols[j]!, symbols[i]!];
        expect(normalizeBallotCode(withSymbols(symbols.join('')))).toBeNull();
      },
    ));
  });
});

describe('ballot QR text', () => {
  const code = formatBallotCode(new Uint8Array([7, 7, 7, 7, 7, 7, 7, 7]));
  const qr = { estateId: 12, meetingId: 3, code, motionIds: ['m1', 'm2', 'm12'] };

  it('has the GZB1 format', () => {
    expect(ballotQrPayload(qr)).toBe(`GZB1|12|3|${code}|m1,m2,m12`);
  });

  it('parses back what it wrote', () => {
    expect(parseBallotQr(ballotQrPayload(qr))).toEqual(qr);
  });

  it('writes the code in its canonical form', () => {
    expect(ballotQrPayload({ ...qr, code: symbolsOf(code).toLowerCase() })).toBe(`GZB1|12|3|${code}|m1,m2,m12`);
  });

  it('tolerates a scanner typing with Caps Lock on and a trailing newline', () => {
    const flipped = [...ballotQrPayload(qr)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    expect(parseBallotQr(`${flipped}\n`)).toEqual(qr);
  });

  it('refuses to write bad content', () => {
    expect(() => ballotQrPayload({ ...qr, estateId: 0 })).toThrow(/BAD_BALLOT_QR/);
    expect(() => ballotQrPayload({ ...qr, meetingId: 1.5 })).toThrow(/BAD_BALLOT_QR/);
    expect(() => ballotQrPayload({ ...qr, code: 'K7QD-2M9X-PA4' })).toThrow(/BAD_BALLOT_QR/);
    expect(() => ballotQrPayload({ ...qr, motionIds: [] })).toThrow(/BAD_BALLOT_QR/);
    expect(() => ballotQrPayload({ ...qr, motionIds: ['m1', 'm1'] })).toThrow(/BAD_BALLOT_QR/);
    expect(() => ballotQrPayload({ ...qr, motionIds: ['m1|x'] })).toThrow(/BAD_BALLOT_QR/);
  });

  it('returns null for anything else', () => {
    const good = ballotQrPayload(qr);
    for (const bad of [
      '',
      code,
      good.replace('GZB1', 'GZB2'),
      `${good}|extra`,
      good.replace('|12|', '|012|'),
      good.replace('|12|', '|x|'),
      good.replace('|3|', '||'),
      good.replace(code, `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`),
      good.replace('m1,m2,m12', ''),
      good.replace('m1,m2,m12', 'm1,,m2'),
      good.replace('m1,m2,m12', 'm1,m1'),
      good.replace('m1,m2,m12', 'x1'),
      `GZB1|99999999999999999999|3|${code}|m1`,
    ]) {
      expect(parseBallotQr(bad), bad).toBeNull();
    }
  });

  it('round-trips any valid content', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: 1, max: 1_000_000 }),
      randomBytes,
      fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 30 }),
      (estateId, meetingId, bytes, motions) => {
        const content = { estateId, meetingId, code: formatBallotCode(bytes), motionIds: motions.map((m) => `m${m}`) };
        expect(parseBallotQr(ballotQrPayload(content))).toEqual(content);
      },
    ));
  });
});
