import { createRouter, createWebHistory, type Router } from 'vue-router';
import { routes } from './routes';
import { decideNavigation } from './guard';
import { useSessionStore } from '../stores/session';
import { useNotifyStore } from '../stores/notify';
import { i18n } from '../i18n';
import { documentTitle } from '../composables/usePageTitle';

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
    document.title = documentTitle(to, (key) => i18n.global.t(key));
  });

  return router;
}
