import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { configureHttp } from './api/http';
import { isApiError } from './helpers/apiError';
import { useSessionStore } from './stores/session';
import { usePreferencesStore } from './stores/preferences';
import { useNotifyStore } from './stores/notify';
import { useOwnerStore } from './stores/owner';
import { useJurisdictionStore } from './stores/jurisdictions';
import './styles/base.css';
import './styles/elderly.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);

usePreferencesStore(); // sets lang and the elderly class on <html> before the first paint
const session = useSessionStore();
const notify = useNotifyStore();
const router = createAppRouter();

configureHttp({
  csrfToken: () => session.csrfToken,
  onUnauthorized: (err) => {
    const wasSignedIn = session.signedIn;
    session.clear();
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    if (wasSignedIn) notify.error(err); // "登录已过期，请重新登录"
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  },
});

// another account (or none): drop what the previous one loaded
watch(
  () => session.me?.account.id ?? null,
  (id, previous) => {
    if (id === previous) return;
    useOwnerStore().$reset();
    useJurisdictionStore().$reset();
  },
);

app.config.errorHandler = (err) => {
  notify.error(err);
  console.error(err);
};
window.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  if (isApiError(ev.reason)) {
    ev.preventDefault();
    notify.error(ev.reason);
  }
});

app.use(router);
void router.isReady().then(() => app.mount('#app'));
