import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, networkError, parseApiError } from './apiError';

describe('parseApiError', () => {
  it('reads the error envelope of the API', () => {
    const e = parseApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        messageZh: '输入有误，请检查标出的字段',
        messageEn: 'Some input is invalid; check the marked fields',
        field: 'phone',
        issues: [{ field: 'phone', code: 'phone', messageZh: '手机号格式不正确', messageEn: 'Bad phone' }],
        requestId: 'req-1',
      },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.messageZh).toBe('输入有误，请检查标出的字段');
    expect(e.field).toBe('phone');
    expect(e.issues).toEqual([{ field: 'phone', code: 'phone', messageZh: '手机号格式不正确', messageEn: 'Bad phone' }]);
    expect(e.requestId).toBe('req-1');
    expect(e.issueFor('phone')?.messageEn).toBe('Bad phone');
    expect(e.issueFor('code')).toBeUndefined();
  });

  it('keeps codes this build does not know', () => {
    const e = parseApiError(409, { error: { code: 'MEETING_FROZEN', messageZh: '名册已冻结', messageEn: 'Roll frozen' } });
    expect(e.code).toBe('MEETING_FROZEN');
    expect(e.messageEn).toBe('Roll frozen');
  });

  it('drops malformed issues instead of throwing', () => {
    const e = parseApiError(400, { error: { code: 'VALIDATION_FAILED', messageZh: 'x', messageEn: 'y', issues: [null, 3, { field: 'a' }, { field: 'b', code: 'c' }] } });
    expect(e.issues).toEqual([{ field: 'b', code: 'c', messageZh: '', messageEn: '' }]);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [413, 'FILE_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [502, 'INTERNAL'],
    [418, 'BAD_REQUEST'],
  ])('falls back to a code for HTTP %i without an error body', (status, code) => {
    const e = parseApiError(status, '<html>Bad Gateway</html>');
    expect(e.code).toBe(code);
    expect(e.messageZh).toBe('');
    expect(e.status).toBe(status);
  });

  it('treats an envelope without a code as no envelope', () => {
    expect(parseApiError(500, { error: { messageEn: 'boom' } }).code).toBe('INTERNAL');
    expect(parseApiError(400, { error: 'nope' }).code).toBe('BAD_REQUEST');
  });

  it('marks network failures', () => {
    const e = networkError(new TypeError('Failed to fetch'));
    expect(isApiError(e)).toBe(true);
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.status).toBe(0);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});
