import { onBeforeUnmount, ref, shallowRef, watch, type WatchSource } from 'vue';
import { isApiError } from '../helpers/apiError';
import { useNotifyStore } from '../stores/notify';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * A server-paginated list: page, pageSize, loading, the current items and total. Reloads when
 * any of `deps` change (resetting to page 1) or the page changes; stale answers are aborted.
 */
export function usePaged<T>(fetchPage: (page: number, pageSize: number, signal: AbortSignal) => Promise<Page<T>>, deps: WatchSource[] = [], initialPageSize = 20) {
  const notify = useNotifyStore();
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let controller: AbortController | null = null;

  async function reload() {
    controller?.abort();
    const c = new AbortController();
    controller = c;
    loading.value = true;
    error.value = null;
    try {
      const res = await fetchPage(page.value, pageSize.value, c.signal);
      if (c.signal.aborted) return;
      items.value = res.items;
      total.value = res.total;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      error.value = e;
      if (!isApiError(e) || e.status !== 401) notify.error(e);
    } finally {
      if (controller === c) loading.value = false;
    }
  }

  watch(deps, () => {
    if (page.value !== 1) page.value = 1; // the page watcher reloads
    else void reload();
  });
  watch([page, pageSize], () => void reload());
  onBeforeUnmount(() => controller?.abort());

  return { page, pageSize, items, total, loading, error, reload };
}
