import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { calendarApi } from '../api/calendar';
import type { CalendarStatusT, CalendarYearAddedT } from '../api/types';
import { useSessionStore } from './session';

/**
 * The holiday calendar of the statutory clocks, as the console shows it: the known years, and a
 * next year that is missing (the warning banner). Shared, so adding a year clears the banner.
 */
export const useCalendarStore = defineStore('calendar', () => {
  const status = ref<CalendarStatusT | null>(null);
  const session = useSessionStore();
  /** platform administrators may add a year (the server checks it again) */
  const canAddYear = computed(() => session.can('platform.settings', ['platform']));

  async function refresh(): Promise<CalendarStatusT> {
    status.value = await calendarApi.status();
    return status.value;
  }

  /** Adds a year's notice (platform admin); the status is read again afterwards. */
  async function addYear(data: unknown): Promise<CalendarYearAddedT> {
    const r = await calendarApi.addYear(data);
    await refresh();
    return r;
  }

  return { status, canAddYear, refresh, addYear };
});
