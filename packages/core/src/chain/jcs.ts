import { CoreError } from '../errors';
import type { JsonObject, JsonValue } from '../json/types';

/**
 * JSON Canonicalization Scheme, RFC 8785:
 * - object members sorted by their names as arrays of UTF-16 code units;
 * - strings escaped as ECMAScript JSON.stringify does (", \, and control characters; the rest
 *   literal), lone surrogates rejected (RFC 8785 §3.2.2.2);
 * - numbers in ECMAScript Number.prototype.toString form (§3.2.2.3), -0 as 0, NaN/±Infinity
 *   rejected;
 * - no whitespace.
 * Input must be plain JSON data: null, booleans, finite numbers, strings, arrays and plain
 * objects. `undefined`, functions, bigints and symbols are errors, not silently dropped.
 */
export function canonicalize(value: JsonValue): string {
  try {
    return write(value);
  } catch (error) {
    throw located(value, error);
  }
}

/**
 * JCS of an object without one of its members — what a hash chain hashes when a record stores
 * its own hash (`canonicalizeWithout(ballot, 'hash')`), without copying the record.
 */
export function canonicalizeWithout(record: JsonObject, excluded: string): string {
  try {
    return writeObject(record as Record<string, unknown>, excluded);
  } catch (error) {
    throw located(record, error);
  }
}

/** Thrown deep inside; the path of the offending value is found afterwards, so the fast path tracks none. */
class NotCanonicalizable extends Error {
  constructor(
    readonly kind: 'JCS_NOT_JSON' | 'JCS_NON_FINITE' | 'JCS_LONE_SURROGATE',
    readonly offending: unknown,
  ) {
    super(kind);
  }
}

/** Turns a NotCanonicalizable thrown deep inside into a CoreError naming the path from `root`. */
function located(root: unknown, error: unknown): unknown {
  if (!(error instanceof NotCanonicalizable)) return error;
  const where = pathText(locate(root, error.offending) ?? []);
  switch (error.kind) {
    case 'JCS_NOT_JSON':
      return new CoreError(error.kind, `${where} 不是 JSON 数据（${typeof error.offending}）`, `${where} is not JSON data (${typeof error.offending})`);
    case 'JCS_NON_FINITE':
      return new CoreError(
        error.kind,
        `${where} 不是有限数（${String(error.offending)}），JSON 无法表示`,
        `${where} is not a finite number (${String(error.offending)}); JSON cannot represent it`,
      );
    case 'JCS_LONE_SURROGATE':
      return new CoreError(
        error.kind,
        `${where} 含有孤立的 UTF-16 代理项，不是有效的 Unicode`,
        `${where} contains a lone UTF-16 surrogate, which is not valid Unicode`,
      );
  }
}

/** The path to the first member or element (or member name) identical to `target`. */
function locate(value: unknown, target: unknown): (string | number)[] | undefined {
  if (Object.is(value, target)) return [];
  if (typeof value !== 'object' || value === null) return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v: unknown, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, member] of entries) {
    if (key === target) return [key];
    const below = locate(member, target);
    if (below) return [key, ...below];
  }
  return undefined;
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), '$');
}

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return writeNumber(value);
    case 'string':
      return writeString(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default: // undefined, bigint, function, symbol
      throw new NotCanonicalizable('JCS_NOT_JSON', value);
  }
}

function writeArray(array: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    out += write(array[i]);
  }
  return `${out}]`;
}

function writeObject(object: Record<string, unknown>, excluded?: string): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) throw new NotCanonicalizable('JCS_NOT_JSON', object);
  const keys = sortedKeys(object);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === excluded) continue;
    if (out.length > 1) out += ',';
    out += `${writeString(key)}:${write(object[key])}`;
  }
  return `${out}}`;
}

// Records of a chain share one shape: the last key order is kept and reused when the next
// object has the same keys in the same order (cheap to check: JSON.parse interns key strings).
let lastKeys: readonly string[] = [];
let lastSorted: readonly string[] = [];

function sortedKeys(object: Record<string, unknown>): readonly string[] {
  const keys = Object.keys(object);
  if (keys.length === lastKeys.length && keys.every((key, i) => key === lastKeys[i])) return lastSorted;
  // The default sort compares strings by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const sorted = [...keys].sort();
  lastKeys = keys;
  lastSorted = sorted;
  return sorted;
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new NotCanonicalizable('JCS_NON_FINITE', value);
  return Object.is(value, -0) ? '0' : String(value);
}

/** ECMAScript Number.prototype.toString (what JSON.stringify writes), finite numbers only. */
export function serializeNumber(value: number): string {
  return canonicalize(value);
}

/**
 * A JSON string literal per ECMAScript JSON.stringify's QuoteJSONString: `"` and `\` and the
 * control characters U+0000–U+001F escaped (short forms where they exist, else \u00xx in lower
 * case), everything else literal. Lone surrogates are rejected (RFC 8785 §3.2.2.2).
 */
export function serializeString(value: string): string {
  return canonicalize(value);
}

const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
};

function writeString(value: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c && (code < 0xd800 || code > 0xdfff)) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) throw new NotCanonicalizable('JCS_LONE_SURROGATE', value);
    out += value.slice(from, i) + (SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return `${out}${value.slice(from)}"`;
}
