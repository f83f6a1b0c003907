import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { i18n, type AppLocale } from '../i18n';
import { applyElderly, applyLocale, ELDERLY_KEY, LOCALE_KEY, persist, readElderly, readLocale } from '../helpers/preferences';

/** Language and elderly-friendly mode: chosen on any page, kept in localStorage, applied to <html>. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<AppLocale>(readLocale());
  const elderly = ref<boolean>(readElderly());

  watch(
    locale,
    (l) => {
      i18n.global.locale.value = l;
      applyLocale(document.documentElement, l);
      persist(LOCALE_KEY, l);
    },
    { immediate: true },
  );
  watch(
    elderly,
    (on) => {
      applyElderly(document.documentElement, on);
      persist(ELDERLY_KEY, on ? '1' : '0');
    },
    { immediate: true },
  );

  function setLocale(l: AppLocale) {
    locale.value = l;
  }
  function toggleLocale() {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  }
  function setElderly(on: boolean) {
    elderly.value = on;
  }
  function toggleElderly() {
    elderly.value = !elderly.value;
  }

  return { locale, elderly, setLocale, toggleLocale, setElderly, toggleElderly };
});
