import { http } from './http';
import type { CalendarStatusT } from './types';

export const calendarApi = {
  status: () => http.get<CalendarStatusT>('/api/calendar'),
};
