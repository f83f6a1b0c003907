import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/**
 * The browser tab names what the page shows once it is loaded ("阳光花园 · 小区 · 共治"), not only
 * the kind of page the router set (router/index.ts): officials keep several estates and meetings
 * open in tabs.
 */
export function usePageTitle(name: () => string | null | undefined): void {
  const { t } = useI18n();
  const route = useRoute();
  watchEffect(() => {
    const n = name();
    if (!n) return;
    const key = [...route.matched].reverse().find((r) => r.meta.titleKey)?.meta.titleKey as string | undefined;
    document.title = [n, key ? t(key) : null, t('app.name')].filter(Boolean).join(' · ');
  });
}
