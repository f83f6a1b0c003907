import { isApiError } from './apiError';

export type Translate = (key: string) => string;
export type HasTranslation = (key: string) => boolean;

/**
 * The text to show for an error in the current language: the server's own message in that
 * language, else the translation of `error.<code>`, else a generic message.
 */
export function errorMessage(err: unknown, locale: string, t: Translate, te: HasTranslation): string {
  if (isApiError(err)) {
    const own = locale.startsWith('en') ? err.messageEn : err.messageZh;
    if (own) return own;
    const key = `error.${err.code}`;
    if (te(key)) return t(key);
  }
  return t('error.UNKNOWN_ERROR');
}

/** A message in the current language from a pair of texts (import row errors, field issues). */
export function localized(pair: { messageZh: string; messageEn: string }, locale: string): string {
  return (locale.startsWith('en') ? pair.messageEn || pair.messageZh : pair.messageZh || pair.messageEn) ?? '';
}
