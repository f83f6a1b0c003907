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
  return write(value, []);
}

/** `path` is the stack of member names and indexes above `value`, used only for error messages. */
function write(value: unknown, path: (string | number)[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value, path);
    case 'string':
      return serializeString(value, path);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value as Record<string, unknown>, path);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new CoreError('JCS_NOT_JSON', `${pathText(path)} 不是 JSON 数据（${typeof value}）`, `${pathText(path)} is not JSON data (${typeof value})`);
  }
}

function writeArray(array: readonly unknown[], path: (string | number)[]): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    path.push(i);
    out += write(array[i], path);
    path.pop();
  }
  return `${out}]`;
}

function writeObject(object: Record<string, unknown>, path: (string | number)[]): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new CoreError('JCS_NOT_JSON', `${pathText(path)} 不是普通对象`, `${pathText(path)} is not a plain object`);
  }
  // The default sort compares strings by UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    path.push(key);
    out += `${serializeString(key, path)}:${write(object[key], path)}`;
    path.pop();
  }
  return `${out}}`;
}

function pathText(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`), '$');
}

/** ECMAScript Number.prototype.toString (what JSON.stringify writes), finite numbers only. */
export function serializeNumber(value: number, path: readonly (string | number)[] = []): string {
  if (!Number.isFinite(value)) {
    throw new CoreError(
      'JCS_NON_FINITE',
      `${pathText(path)} 不是有限数（${String(value)}），JSON 无法表示`,
      `${pathText(path)} is not a finite number (${String(value)}); JSON cannot represent it`,
    );
  }
  return Object.is(value, -0) ? '0' : String(value);
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

/**
 * A JSON string literal per ECMAScript JSON.stringify's QuoteJSONString: `"` and `\` and the
 * control characters U+0000–U+001F escaped (short forms where they exist, else \u00xx in lower
 * case), everything else literal. Lone surrogates are rejected (RFC 8785 §3.2.2.2).
 */
export function serializeString(value: string, path: readonly (string | number)[] = []): string {
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
    if (code >= 0xd800 && code <= 0xdfff) {
      throw new CoreError(
        'JCS_LONE_SURROGATE',
        `${pathText(path)} 含有孤立的 UTF-16 代理项，不是有效的 Unicode`,
        `${pathText(path)} contains a lone UTF-16 surrogate, which is not valid Unicode`,
      );
    }
    out += value.slice(from, i) + (SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return `${out}${value.slice(from)}"`;
}
