import { createHash } from 'node:crypto';

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex characters. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;

/** 64 lowercase hexadecimal characters, the only hash spelling the formats accept. */
export function isHashHex(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}
