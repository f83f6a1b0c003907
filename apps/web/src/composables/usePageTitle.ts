import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, type RouteLocationNormalizedLoaded } from 'vue-router';

/** "阳光花园 · 小区 · 共治": what the page shows (if known), the kind of page (the route's titleKey), the app. */
export function documentTitle(route: Pick<RouteLocationNormalizedLoaded, 'matched'>, t: (key: string) => string, name?: string | null): string {
  const key = [...route.matched].reverse().find((r) => r.meta.titleKey)?.meta.titleKey;
  return [name, key ? t(key) : null, t('app.name')].filter(Boolean).join(' · ');
}

/**
 * The browser tab names what the page shows once it is loaded, not only the kind of page the
 * router set on navigation (router/index.ts): officials keep several estates and meetings open in tabs.
 */
export function usePageTitle(name: () => string | null | undefined): void {
  const { t } = useI18n();
  const route = useRoute();
  watchEffect(() => {
    const n = name();
    if (n) document.title = documentTitle(route, t, n);
  });
}
