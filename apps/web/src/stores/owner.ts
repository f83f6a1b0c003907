import { defineStore } from 'pinia';
import { ref } from 'vue';
import { registryApi } from '../api/registry';
import { claimsApi } from '../api/claims';
import { noticesApi } from '../api/notices';
import { meetingsApi } from '../api/meetings';
import type { ClaimViewT, MyMeetingT, MyUnitT, NoticeT } from '../api/types';

/** The owner's own units, claims, notices and meetings to vote in (the H5 home), loaded together and cached. */
export const useOwnerStore = defineStore('owner', () => {
  const units = ref<MyUnitT[]>([]);
  const claims = ref<ClaimViewT[]>([]);
  const notices = ref<NoticeT[]>([]);
  const meetings = ref<MyMeetingT[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const errors = ref<{ units?: unknown; claims?: unknown; notices?: unknown; meetings?: unknown }>({});

  async function load(force = false) {
    if (loaded.value && !force) return;
    loading.value = true;
    const [u, c, n, m] = await Promise.allSettled([registryApi.myUnits(), claimsApi.mine(), noticesApi.mine(), meetingsApi.mine()]);
    errors.value = {};
    if (u.status === 'fulfilled') units.value = u.value.items;
    else errors.value.units = u.reason;
    if (c.status === 'fulfilled') claims.value = c.value.items;
    else errors.value.claims = c.reason;
    if (n.status === 'fulfilled') notices.value = n.value.items;
    else errors.value.notices = n.reason;
    if (m.status === 'fulfilled') meetings.value = m.value.items;
    else errors.value.meetings = m.reason;
    loaded.value = true;
    loading.value = false;
  }

  function invalidate() {
    loaded.value = false;
  }

  function $reset() {
    units.value = [];
    claims.value = [];
    notices.value = [];
    meetings.value = [];
    loaded.value = false;
    errors.value = {};
  }

  return { units, claims, notices, meetings, loaded, loading, errors, load, invalidate, $reset };
});
