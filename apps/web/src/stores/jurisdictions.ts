import { defineStore } from 'pinia';
import { ref } from 'vue';
import { jurisdictionsApi } from '../api/jurisdictions';
import type { JurisdictionNodeT } from '../api/types';
import { findNode, pathTo } from '../helpers/tree';

/** The jurisdiction tree the viewer may see (city → district → subdistrict → neighborhood). */
export const useJurisdictionStore = defineStore('jurisdictions', () => {
  const roots = ref<JurisdictionNodeT[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<unknown>(null);

  async function load(force = false) {
    if ((loaded.value && !force) || loading.value) return;
    loading.value = true;
    error.value = null;
    try {
      roots.value = (await jurisdictionsApi.tree()).roots;
      loaded.value = true;
    } catch (e) {
      error.value = e;
      throw e;
    } finally {
      loading.value = false;
    }
  }

  function $reset() {
    roots.value = [];
    loaded.value = false;
    error.value = null;
  }

  return {
    $reset,
    roots,
    loaded,
    loading,
    error,
    load,
    find: (id: number) => findNode(roots.value, id),
    pathTo: (id: number) => pathTo(roots.value, id),
  };
});
