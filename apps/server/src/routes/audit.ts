import type { FastifyInstance } from 'fastify';
import { AuditList, AuditQuery } from '@gongzhi/contracts';
import { route } from '../http/route';
import type { AppDeps } from '../app';
import { AppError } from '../errors';
import { requireEstateAccess, requireJurisdictionAccess, visibleScope } from '../access/access';

export function auditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  route(app, {
    method: 'GET', url: '/api/audit', summary: 'The audit log of an estate or of a jurisdiction (and all estates below it)', tags: ['audit'], query: AuditQuery, reply: AuditList,
    async handler({ query, auth }) {
      let q = db
        .selectFrom('audit_log as a')
        .leftJoin('accounts as ac', 'ac.id', 'a.actor_id')
        .leftJoin('estates as e', 'e.id', 'a.estate_id')
        .leftJoin('jurisdictions as n', 'n.id', 'e.neighborhood_id');
      if (query.estateId) {
        await requireEstateAccess(db, auth, query.estateId, 'audit.read');
        q = q.where('a.estate_id', '=', query.estateId);
      } else if (query.jurisdictionId) {
        const { path } = await requireJurisdictionAccess(db, auth, query.jurisdictionId, 'audit.read');
        q = q.where((eb) => eb.or([eb('n.path', 'like', `${path}%`), eb('a.jurisdiction_id', '=', query.jurisdictionId!)]));
      } else if (!visibleScope(auth, 'audit.read').all) {
        throw new AppError('FORBIDDEN', { messageZh: '请指定小区或辖区', messageEn: 'Give an estate or a jurisdiction' });
      }
      if (query.action) q = q.where('a.action', '=', query.action);
      const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirst();
      const rows = await q
        .select(['a.id', 'a.at', 'ac.display_name', 'a.action', 'a.entity', 'a.entity_id', 'a.estate_id', 'e.name as estate_name', 'a.before', 'a.after'])
        .orderBy('a.id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return {
        total: Number(totalRow?.c ?? 0),
        items: rows.map((r) => ({
          id: r.id, at: r.at.toISOString(), actor: r.display_name, action: r.action, entity: r.entity, entityId: r.entity_id,
          estateId: r.estate_id, estateName: r.estate_name, before: r.before ?? null, after: r.after ?? null,
        })),
      };
    },
  });
}
