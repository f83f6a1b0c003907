import { describe, expect, it } from 'vitest';
import { canonicalize, type JsonValue, serializeNumber } from '../src/index';

/** A double from its IEEE 754 bits, big-endian hex (as in RFC 8785 Appendix B). */
function fromHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 JSON Canonicalization Scheme', () => {
  it('canonicalizes the example of §3.2.2 (literals, numbers, string escapes)', () => {
    // The RFC's input, written with the same escapes: numbers [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as JsonValue;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (§3.2.3 example)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as JsonValue;
    const out = canonicalize(input);
    // (Object.keys would list "1" first: JavaScript orders integer-like keys; read the text instead.)
    const keys = [...out.matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('encodes the §3.2.3 example as the RFC\'s UTF-8 bytes (§3.2.4)', () => {
    const input = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    const hex = Buffer.from(canonicalize(input), 'utf8').toString('hex');
    expect(hex.startsWith('7b225c72223a2243617272696167652052657475726e222c2231223a224f6e65222c22c280223a22436f6e74726f6c222c22c3b6223a')).toBe(true);
    expect(hex).toContain('22e282ac223a'); // "€":
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the Appendix B number %s as %s', (hex, expected) => {
    expect(serializeNumber(fromHex(hex))).toBe(expected);
    expect(canonicalize([fromHex(hex)])).toBe(`[${expected}]`);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('rejects the non-finite Appendix B value %s (%s)', (hex) => {
    expect(() => canonicalize({ n: fromHex(hex) })).toThrow(/JCS_NON_FINITE/);
  });

  it('canonicalizes the reference "weird" sample (control, </script>, astral keys)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "1": "One", "\\u0080": "Control\\u007f", "\\ud83d\\ude02": "Smiley", "\\u00f6": "Latin Small Letter O With Diaeresis", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}',
    ) as JsonValue;
    expect(canonicalize(input)).toBe(
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('escapes exactly as JSON.stringify does, for every BMP character outside the surrogates', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCharCode(c);
    expect(canonicalize(all)).toBe(JSON.stringify(all));
    expect(canonicalize('\u2028\u2029\u007f')).toBe('"\u2028\u2029\u007f"');
    expect(canonicalize('\u0000\u001f\b\f\n\r\t"\\')).toBe('"\\u0000\\u001f\\b\\f\\n\\r\\t\\"\\\\"');
  });

  it('nests objects and arrays without whitespace and keeps array order', () => {
    expect(canonicalize({ b: [3, { z: 1, a: [] }], a: {} })).toBe('{"a":{},"b":[3,{"a":[],"z":1}]}');
    expect(canonicalize({ '': 'empty', aa: 1, a: 2, B: 3 })).toBe('{"":"empty","B":3,"a":2,"aa":1}');
  });

  it('rejects lone surrogates and data that is not JSON, naming the path', () => {
    expect(() => canonicalize({ a: ['\ud800'] })).toThrow(/\$\.a\[0\].*lone UTF-16 surrogate/);
    expect(() => canonicalize('\udc00x')).toThrow(/JCS_LONE_SURROGATE/);
    expect(() => canonicalize({ a: undefined } as unknown as JsonValue)).toThrow(/JCS_NOT_JSON/);
    expect(() => canonicalize({ a: 1n } as unknown as JsonValue)).toThrow(/JCS_NOT_JSON/);
    expect(() => canonicalize(new Date(0) as unknown as JsonValue)).toThrow(/JCS_NOT_JSON/);
  });
});
