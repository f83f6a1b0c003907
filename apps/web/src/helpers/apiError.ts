import type { ErrorCode, FieldIssue } from '@gongzhi/contracts';

/** Codes the client makes up itself when the server's answer never arrives or is not ours. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNKNOWN_ERROR';
export type AnyErrorCode = ErrorCode | ClientErrorCode;

/**
 * An error answer of the API, `{ error: { code, messageZh, messageEn, field?, issues? } }`,
 * or a failure to reach it. Code is a string: a newer server may send codes this build does
 * not know; the UI then shows the server's text, or a generic message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    messageZh?: string;
    messageEn?: string;
    field?: string;
    issues?: FieldIssue[];
    requestId?: string;
  }) {
    super(init.messageEn || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageZh = init.messageZh ?? '';
    this.messageEn = init.messageEn ?? '';
    this.field = init.field;
    this.issues = init.issues ?? [];
    this.requestId = init.requestId;
  }

  /** The issue reported for one field, if any (for inline form errors). */
  issueFor(field: string): FieldIssue | undefined {
    return this.issues.find((i) => i.field === field) ?? (this.field === field ? { field, code: this.code, messageZh: this.messageZh, messageEn: this.messageEn } : undefined);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Fallback codes for answers that carry no error body (a proxy's 502 page, an empty 413 …). */
function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_FILE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  if (status >= 400) return 'BAD_REQUEST';
  return 'UNKNOWN_ERROR';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function parseIssues(v: unknown): FieldIssue[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((raw: unknown) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const r = raw as Record<string, unknown>;
    const field = str(r.field);
    const code = str(r.code);
    if (field === undefined || code === undefined) return [];
    return [{ field, code, messageZh: str(r.messageZh) ?? '', messageEn: str(r.messageEn) ?? '' }];
  });
}

/** Turns an HTTP status and a parsed (or unparsable) body into an ApiError. Never throws. */
export function parseApiError(status: number, body: unknown): ApiError {
  const envelope = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  if (typeof envelope === 'object' && envelope !== null) {
    const e = envelope as Record<string, unknown>;
    const code = str(e.code);
    if (code) {
      return new ApiError({
        status,
        code,
        messageZh: str(e.messageZh),
        messageEn: str(e.messageEn),
        field: str(e.field),
        issues: parseIssues(e.issues),
        requestId: str(e.requestId),
      });
    }
  }
  return new ApiError({ status, code: codeForStatus(status) });
}

export function networkError(cause?: unknown): ApiError {
  const e = new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  if (cause !== undefined) (e as { cause?: unknown }).cause = cause;
  return e;
}
