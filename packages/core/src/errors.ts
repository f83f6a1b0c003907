/**
 * The one error type of the legal core. Every failure carries a stable code and a message in
 * both interface languages, so callers can map codes to HTTP statuses or CLI exit codes and
 * show the message as it is.
 */
export class CoreError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly message_zh: string;
  readonly message_en: string;

  constructor(code: Code, message_zh: string, message_en: string, options?: { cause?: unknown }) {
    super(`${code}: ${message_en}`, options);
    this.name = 'CoreError';
    this.code = code;
    this.message_zh = message_zh;
    this.message_en = message_en;
  }
}

/** Asserts at compile time that every case of a union was handled. */
export function assertNever(value: never, what: string): never {
  throw new CoreError('UNREACHABLE', `未处理的情形：${what}`, `unhandled case of ${what}: ${String(value)}`);
}
