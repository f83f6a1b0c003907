import { http } from './http';
import type { CalendarStatusT, CalendarYearAddedT } from './types';

export const calendarApi = {
  status: () => http.get<CalendarStatusT>('/api/calendar'),
  /** a year's State Council holiday notice, as JSON (platform admin) */
  addYear: (data: unknown) => http.post<CalendarYearAddedT>('/api/calendar/years', data),
};
