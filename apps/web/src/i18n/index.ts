import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';

export const locales = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof locales)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

export function isAppLocale(v: unknown): v is AppLocale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

export function createAppI18n(locale: AppLocale = DEFAULT_LOCALE) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  });
}

/** The app's single instance (stores and the API error toast use it outside components). */
export const i18n = createAppI18n();
