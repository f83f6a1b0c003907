import type { FastifyInstance } from 'fastify';
import { Health } from '@gongzhi/contracts';
import { ping } from '@gongzhi/db';
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
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
