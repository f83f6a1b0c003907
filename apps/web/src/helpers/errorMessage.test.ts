import { describe, expect, it } from 'vitest';
import { errorCatalog, errorCodes } from '@gongzhi/contracts';
import { createAppI18n } from '../i18n';
import { ApiError } from './apiError';
import { errorMessage, localized } from './errorMessage';

function messageFor(err: unknown, locale: 'zh-CN' | 'en') {
  const i18n = createAppI18n(locale);
  const g = i18n.global;
  return errorMessage(err, locale, (k) => g.t(k), (k) => g.te(k));
}

describe('errorMessage', () => {
  it("prefers the server's message in the current language", () => {
    const e = new ApiError({ status: 400, code: 'OTP_INVALID', messageZh: '验证码错误（服务器）', messageEn: 'Wrong code (server)' });
    expect(messageFor(e, 'zh-CN')).toBe('验证码错误（服务器）');
    expect(messageFor(e, 'en')).toBe('Wrong code (server)');
  });

  it('falls back to the translation of error.<code> when the server sent no text', () => {
    const e = new ApiError({ status: 400, code: 'CLAIM_PROOF_REQUIRED' });
    expect(messageFor(e, 'zh-CN')).toBe(errorCatalog.CLAIM_PROOF_REQUIRED.zh);
    expect(messageFor(e, 'en')).toBe(errorCatalog.CLAIM_PROOF_REQUIRED.en);
  });

  it('translates the client-side codes', () => {
    expect(messageFor(new ApiError({ status: 0, code: 'NETWORK_ERROR' }), 'zh-CN')).toContain('网络');
    expect(messageFor(new ApiError({ status: 0, code: 'NETWORK_ERROR' }), 'en')).toContain('Network');
  });

  it('gives a generic message for unknown codes and non-API errors', () => {
    expect(messageFor(new ApiError({ status: 409, code: 'SOMETHING_NEW' }), 'zh-CN')).toBe('出错了，请稍后再试');
    expect(messageFor(new Error('x'), 'en')).toBe('Something went wrong; please try again later');
    expect(messageFor('oops', 'en')).toBe('Something went wrong; please try again later');
  });

  it('has a translation for every code of the catalog in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const g = createAppI18n(locale).global;
      const missing = errorCodes.filter((c) => !g.te(`error.${c}`, locale));
      expect(missing, locale).toEqual([]);
    }
  });
});

describe('localized', () => {
  it('picks the language, falling back to the other text when one is empty', () => {
    expect(localized({ messageZh: '面积必须为数字', messageEn: 'Area must be a number' }, 'en')).toBe('Area must be a number');
    expect(localized({ messageZh: '面积必须为数字', messageEn: 'Area must be a number' }, 'zh-CN')).toBe('面积必须为数字');
    expect(localized({ messageZh: '面积必须为数字', messageEn: '' }, 'en')).toBe('面积必须为数字');
  });
});
