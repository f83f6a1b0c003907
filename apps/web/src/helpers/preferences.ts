import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from '../i18n';

export const LOCALE_KEY = 'gongzhi.locale';
export const ELDERLY_KEY = 'gongzhi.elderly';
export const ELDERLY_CLASS = 'elderly-mode';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // private mode in some WebViews throws on access
  }
}

export function readLocale(): AppLocale {
  const v = storage()?.getItem(LOCALE_KEY);
  return isAppLocale(v) ? v : DEFAULT_LOCALE;
}

export function readElderly(): boolean {
  return storage()?.getItem(ELDERLY_KEY) === '1';
}

export function persist(key: string, value: string): void {
  try {
    storage()?.setItem(key, value);
  } catch {
    /* quota or private mode: the choice lasts for this visit only */
  }
}

/** `lang` on <html> follows the language, so screen readers pronounce the page right. */
export function applyLocale(root: HTMLElement, locale: AppLocale): void {
  root.lang = locale;
}

/** The class that switches the CSS variables to the elderly-friendly set (styles/elderly.css). */
export function applyElderly(root: HTMLElement, on: boolean): void {
  root.classList.toggle(ELDERLY_CLASS, on);
}
