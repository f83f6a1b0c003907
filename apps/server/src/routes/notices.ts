import type { FastifyInstance } from 'fastify';
import { EstateParams, Notice, NoticeCreateBody, NoticeList } from '@gongzhi/contracts';
import { inTransaction, writeAudit } from '@gongzhi/db';
import { route } from '../http/route';
import type { AppDeps } from '../app';
import { requireEstateAccess } from '../access/access';

export function noticeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const list = (estateId: number) =>
    db
      .selectFrom('notices as n')
      .innerJoin('estates as e', 'e.id', 'n.estate_id')
      .select(['n.id', 'n.estate_id', 'e.name as estate_name', 'n.title', 'n.body', 'n.published_at'])
      .where('n.estate_id', '=', estateId);

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/notices', summary: 'Notices of an estate', tags: ['notices'], params: EstateParams, reply: NoticeList,
    async handler({ params, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'notice.read');
      const rows = await list(params.estateId).orderBy('n.published_at', 'desc').limit(200).execute();
      return { items: rows.map((r) => ({ id: r.id, estateId: r.estate_id, estateName: r.estate_name, title: r.title, body: r.body, publishedAt: r.published_at.toISOString() })) };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/notices', summary: 'Publish a notice', tags: ['notices'], params: EstateParams, body: NoticeCreateBody, reply: Notice, status: 201,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'notice.publish');
      const id = await inTransaction(db, async (trx) => {
        const row = await trx.insertInto('notices').values({ estate_id: params.estateId, title: body.title, body: body.body, author_id: auth.account!.id }).returning('id').executeTakeFirstOrThrow();
        await writeAudit(trx, { actorId: auth.account!.id, action: 'notice.publish', entity: 'notice', entityId: row.id, estateId: params.estateId, after: { title: body.title }, ip: auth.ip, requestId: auth.requestId });
        return row.id;
      });
      const r = await list(params.estateId).where('n.id', '=', id).executeTakeFirstOrThrow();
      return { id: r.id, estateId: r.estate_id, estateName: r.estate_name, title: r.title, body: r.body, publishedAt: r.published_at.toISOString() };
    },
  });
}
