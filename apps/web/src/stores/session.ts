import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi } from '../api/auth';
import type { MeT, Permission } from '../api/types';
import { isApiError } from '../helpers/apiError';
import { hasPermissionAnywhere, homePathFor, isOwnerOnly } from '../helpers/session';

/** Who is signed in, and the CSRF token every non-GET request must carry. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<MeT | null>(null);
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  const signedIn = computed(() => me.value !== null);
  const csrfToken = computed(() => me.value?.csrfToken ?? null);
  const ownerOnly = computed(() => (me.value ? isOwnerOnly(me.value) : false));
  const homePath = computed(() => (me.value ? homePathFor(me.value) : '/login'));

  function setMe(m: MeT) {
    me.value = m;
    loaded.value = true;
  }

  function clear() {
    me.value = null;
    loaded.value = true;
  }

  /** GET /api/auth/me once per page load; 401 means nobody is signed in. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    pending ??= authApi
      .me()
      .then(setMe)
      .catch((e: unknown) => {
        clear();
        if (!isApiError(e) || e.status !== 401) throw e;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  async function signOut() {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  function can(permission: Permission, scopes?: Array<'platform' | 'jurisdiction' | 'estate'>) {
    return hasPermissionAnywhere(me.value, permission, scopes);
  }

  return { me, loaded, signedIn, csrfToken, ownerOnly, homePath, setMe, clear, ensureLoaded, signOut, can };
});
