import { defineStore } from 'pinia';
import { ref } from 'vue';
import { calendarApi } from '../api/calendar';
import type { CalendarStatusT, CalendarYearAddedT } from '../api/types';

/**
 * The holiday calendar of the statutory clocks, as the console shows it: the known years, and a
 * next year that is missing (the warning banner). Shared, so adding a year clears the banner.
 */
export const useCalendarStore = defineStore('calendar', () => {
  const status = ref<CalendarStatusT | null>(null);

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

  return { status, refresh, addYear };
});
