import type { FastifyInstance } from 'fastify';
import { CalendarStatus, Health } from '@gongzhi/contracts';
import { chinaDateOf, formatCivilDate } from '@gongzhi/core';
import { ping } from '@gongzhi/db';
import { listHolidayYears } from '../calendar';
import { route } from '../http/route';
import type { AppDeps } from '../app';

export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  route(app, {
    method: 'GET', url: '/api/health', summary: 'Liveness and database check', tags: ['system'], auth: false, reply: Health,
    async handler() {
      await ping(deps.db);
      return { status: 'ok' as const, database: deps.dbKind, version: deps.version, demo: deps.config.demo };
    },
  });
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
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
