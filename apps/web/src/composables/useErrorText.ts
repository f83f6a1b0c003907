import { useI18n } from 'vue-i18n';
import { errorMessage, localized } from '../helpers/errorMessage';

/** Error texts in the current language, for inline messages in forms. */
export function useErrorText() {
  const { t, te, locale } = useI18n();
  return {
    errorText: (e: unknown) => errorMessage(e, locale.value, (k) => t(k), (k) => te(k)),
    pairText: (p: { messageZh: string; messageEn: string }) => localized(p, locale.value),
  };
}
