import { createRouter, createWebHistory, type Router } from 'vue-router';
import { routes } from './routes';
import { decideNavigation } from './guard';
import { useSessionStore } from '../stores/session';
import { useNotifyStore } from '../stores/notify';
import { i18n } from '../i18n';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    area?: 'owner' | 'console';
    titleKey?: string;
  }
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    try {
      await session.ensureLoaded();
    } catch (e) {
      useNotifyStore().error(e); // server unreachable: continue as signed out
    }
    return decideNavigation(to, session.me);
  });

  router.afterEach((to) => {
    const g = i18n.global;
    const key = [...to.matched].reverse().find((r) => r.meta.titleKey)?.meta.titleKey;
    document.title = key ? `${g.t(key)} · ${g.t('app.name')}` : g.t('app.name');
  });

  return router;
}
