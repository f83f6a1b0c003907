import { CoreError } from '../errors';
import type { JsonValue } from '../json/types';

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
  const parts: string[] = [];
  write(value, parts, '$');
  return parts.join('');
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'string':
      out.push(serializeString(value, path));
      return;
    case 'object':
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((item: unknown, i) => {
          if (i > 0) out.push(',');
          write(item, out, `${path}[${i}]`);
        });
        out.push(']');
        return;
      }
      writeObject(value as Record<string, unknown>, out, path);
      return;
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new CoreError(
        'JCS_NOT_JSON',
        `${path} 不是 JSON 数据（${typeof value}）`,
        `${path} is not JSON data (${typeof value})`,
      );
  }
}

function writeObject(object: Record<string, unknown>, out: string[], path: string): void {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new CoreError('JCS_NOT_JSON', `${path} 不是普通对象`, `${path} is not a plain object`);
  }
  // Default sort compares strings by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const keys = Object.keys(object).sort();
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) out.push(',');
    out.push(serializeString(key, path));
    out.push(':');
    write(object[key], out, `${path}.${key}`);
  });
  out.push('}');
}

/** ECMAScript Number.prototype.toString (what JSON.stringify writes), finite numbers only. */
export function serializeNumber(value: number, path = '$'): string {
  if (!Number.isFinite(value)) {
    throw new CoreError(
      'JCS_NON_FINITE',
      `${path} 不是有限数（${String(value)}），JSON 无法表示`,
      `${path} is not a finite number (${String(value)}); JSON cannot represent it`,
    );
  }
  return Object.is(value, -0) ? '0' : String(value);
}

// Characters that need escaping, and lone surrogates (matched only when unpaired in u-mode).
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A JSON string literal per ECMAScript JSON.stringify's QuoteJSONString. */
export function serializeString(value: string, path = '$'): string {
  if (LONE_SURROGATE.test(value)) {
    throw new CoreError(
      'JCS_LONE_SURROGATE',
      `${path} 含有孤立的 UTF-16 代理项，不是有效的 Unicode`,
      `${path} contains a lone UTF-16 surrogate, which is not valid Unicode`,
    );
  }
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let result = '"';
  for (const ch of value) {
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) result += short;
    else if (ch < ' ') result += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else result += ch;
  }
  return `${result}"`;
}
