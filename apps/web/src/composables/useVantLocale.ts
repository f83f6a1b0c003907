import { watch } from 'vue';
import { Locale } from 'vant';
import vantZh from 'vant/es/locale/lang/zh-CN';
import vantEn from 'vant/es/locale/lang/en-US';
import { usePreferencesStore } from '../stores/preferences';

/** Keeps Vant's built-in texts (loading, empty, uploader…) in the chosen language. */
export function useVantLocale() {
  const prefs = usePreferencesStore();
  watch(
    () => prefs.locale,
    (l) => {
      if (l === 'en') Locale.use('en-US', vantEn);
      else Locale.use('zh-CN', vantZh);
    },
    { immediate: true },
  );
}
