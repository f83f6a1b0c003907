import { errorCatalog, type ErrorCode, type FieldIssue } from '@gongzhi/contracts';

/** The one error type of the server. Routes and use cases throw it; one handler renders it. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: { field?: string; issues?: FieldIssue[]; messageZh?: string; messageEn?: string } = {},
  ) {
    super(options.messageEn ?? errorCatalog[code].en);
    this.status = errorCatalog[code].status;
  }

  toBody(requestId?: string) {
    return {
      error: {
        code: this.code,
        messageZh: this.options.messageZh ?? errorCatalog[this.code].zh,
        messageEn: this.options.messageEn ?? errorCatalog[this.code].en,
        ...(this.options.field ? { field: this.options.field } : {}),
        ...(this.options.issues ? { issues: this.options.issues } : {}),
        ...(requestId ? { requestId } : {}),
      },
    };
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code);
export const forbidden = () => new AppError('FORBIDDEN');
