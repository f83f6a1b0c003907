import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CalendarStatus, CalendarYearAdded } from '@gongzhi/contracts';
import { CoreError, chinaDateOf, formatCivilDate } from '@gongzhi/core';
import { requirePlatformAccess } from '../access/access';
import { addHolidayYear, listHolidayYears } from '../calendar';
import { AppError } from '../errors';
import { route } from '../http/route';
import type { AppDeps } from '../app';

/** The holiday calendar of the statutory clocks: what it knows (public), and adding a year (platform admin). */
export function calendarRoutes(app: FastifyInstance, deps: AppDeps): void {
  route(app, {
    method: 'GET', url: '/api/calendar', summary: 'The holiday calendar of statutory clocks: known years, and a missing next year', tags: ['system'], auth: false, reply: CalendarStatus,
    async handler() {
      const today = chinaDateOf(deps.assembly.clock.now());
      const years = await listHolidayYears(deps.db);
      const next = today.year + 1;
      // the State Council publishes next year's notice in November or December; from November on,
      // notices and objection periods of meetings soon reach into the next year
      const missingNextYear = today.month >= 11 && !years.some((y) => y.year === next) ? next : null;
      return { today: formatCivilDate(today), years, missingNextYear };
    },
  });

  // The same as `gongzhi calendar add FILE`, for a platform administrator in the console: the
  // year's notice as JSON (the format of packages/core/src/calendar/holidays/2026.json), checked
  // field by field by the core, stored with its audit record, and in force at once in this
  // process (other processes on PostgreSQL load it within 15 minutes).
  route(app, {
    method: 'POST', url: '/api/calendar/years', summary: "Add a year's State Council holiday notice (platform admin)", tags: ['system'], body: z.unknown(), reply: CalendarYearAdded,
    async handler({ body, auth }) {
      requirePlatformAccess(auth, 'platform.settings');
      try {
        return await addHolidayYear(deps.db, body, { accountId: auth.account!.id, ip: auth.ip, requestId: auth.requestId });
      } catch (err) {
        if (err instanceof CoreError && (err.code === 'CALENDAR_DATA_INVALID' || err.code === 'CALENDAR_YEAR_CONFLICT')) {
          throw new AppError(err.code, { messageZh: err.message_zh, messageEn: err.message_en });
        }
        throw err;
      }
    },
  });
}
