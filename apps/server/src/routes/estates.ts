import type { FastifyInstance } from 'fastify';
import {
  EstateCreateBody, EstateDetail, EstateList, EstateListQuery, EstateParams, EstateUpdateBody, PublicEstateList, PublicEstateQuery,
} from '@gongzhi/contracts';
import { inTransaction, sql, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import { route } from '../http/route';
import { formatArea, likeContains } from '../http/format';
import type { AppDeps } from '../app';
import { permissionsOn, requireEstateAccess, requireJurisdictionAccess, visibleScope } from '../access/access';

function estateBase(db: Kysely<DB>) {
  return db
    .selectFrom('estates')
    .innerJoin('jurisdictions as n', 'n.id', 'estates.neighborhood_id')
    .innerJoin('jurisdictions as s', 's.id', 'n.parent_id')
    .select([
      'estates.id', 'estates.name', 'estates.address', 'estates.property_manager', 'estates.neighborhood_id',
      'estates.total_area_cents', 'estates.delivered_area_cents', 'n.name as neighborhood_name', 'n.path', 's.name as subdistrict_name',
      (eb) => eb.selectFrom('units').whereRef('units.estate_id', '=', 'estates.id').select((e) => e.fn.countAll<number>().as('c')).as('unit_count'),
    ]);
}

type EstateRow = Awaited<ReturnType<ReturnType<typeof estateBase>['executeTakeFirstOrThrow']>>;

const present = (r: EstateRow) => ({
  id: r.id,
  name: r.name,
  address: r.address,
  neighborhoodId: r.neighborhood_id,
  neighborhoodName: r.neighborhood_name,
  subdistrictName: r.subdistrict_name,
  propertyManager: r.property_manager,
  unitCount: Number(r.unit_count ?? 0),
  totalArea: formatArea(r.total_area_cents),
  deliveredArea: formatArea(r.delivered_area_cents),
});

export async function estateDetail(deps: AppDeps, auth: Parameters<typeof permissionsOn>[0], estateId: number) {
  const db = deps.db;
  const r = await estateBase(db).where('estates.id', '=', estateId).executeTakeFirst();
  if (!r) throw new AppError('ESTATE_NOT_FOUND');
  const [counts] = await sql<{ holders: number; buildings: number; pending: number; bound: number }>`
    select
      (select count(*) from holders where estate_id = ${estateId})::int as holders,
      (select count(*) from buildings where estate_id = ${estateId})::int as buildings,
      (select count(*) from claims where estate_id = ${estateId} and status = 'pending')::int as pending,
      (select count(*) from owners where estate_id = ${estateId} and account_id is not null)::int as bound
  `.execute(db).then((x) => x.rows);
  return {
    ...present(r),
    holderCount: counts?.holders ?? 0,
    buildingCount: counts?.buildings ?? 0,
    pendingClaims: counts?.pending ?? 0,
    boundOwners: counts?.bound ?? 0,
    permissions: [...permissionsOn(auth, { estateId, path: r.path })].sort(),
  };
}

export function estateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  route(app, {
    method: 'GET', url: '/api/estates', summary: 'Estates the viewer may see', tags: ['registry'], query: EstateListQuery, reply: EstateList,
    async handler({ query, auth }) {
      const scope = visibleScope(auth, 'estate.read');
      let q = estateBase(db);
      if (!scope.all) {
        q = q.where((eb) =>
          eb.or([
            ...(scope.estateIds.length ? [eb('estates.id', 'in', scope.estateIds)] : []),
            ...scope.paths.map((p) => eb('n.path', 'like', `${p}%`)),
            eb.val(false),
          ]),
        );
      }
      if (query.jurisdictionId) {
        const node = await db.selectFrom('jurisdictions').select('path').where('id', '=', query.jurisdictionId).executeTakeFirst();
        if (!node) throw new AppError('JURISDICTION_NOT_FOUND');
        q = q.where('n.path', 'like', `${node.path}%`);
      }
      if (query.q) q = q.where('estates.name', 'like', likeContains(query.q));
      const counted = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirst();
      const rows = await q.orderBy('estates.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
      return { items: rows.map(present), total: Number(counted?.c ?? 0) };
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates', summary: 'Create an estate under a neighborhood', tags: ['registry'], body: EstateCreateBody, reply: EstateDetail, status: 201,
    async handler({ body, auth }) {
      await requireJurisdictionAccess(db, auth, body.neighborhoodId, 'estate.create');
      const n = await db.selectFrom('jurisdictions').select('level').where('id', '=', body.neighborhoodId).executeTakeFirstOrThrow();
      if (n.level !== 'neighborhood') throw new AppError('VALIDATION_FAILED', { field: 'neighborhoodId', messageZh: '小区必须隶属于社区', messageEn: 'An estate belongs to a neighborhood' });
      const id = await inTransaction(db, async (trx) => {
        const exists = await trx.selectFrom('estates').select('id').where('neighborhood_id', '=', body.neighborhoodId).where('name', '=', body.name).executeTakeFirst();
        if (exists) throw new AppError('CONFLICT', { field: 'name', messageZh: '该社区已有同名小区', messageEn: 'The neighborhood already has an estate of this name' });
        const row = await trx
          .insertInto('estates')
          .values({ neighborhood_id: body.neighborhoodId, name: body.name, address: body.address, property_manager: body.propertyManager })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { actorId: auth.account!.id, action: 'estate.create', entity: 'estate', entityId: row.id, estateId: row.id, after: body, ip: auth.ip, requestId: auth.requestId });
        return row.id;
      });
      return estateDetail(deps, auth, id);
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId', summary: 'One estate with its figures and the viewer\'s permissions', tags: ['registry'], params: EstateParams, reply: EstateDetail,
    async handler({ params, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'estate.read');
      return estateDetail(deps, auth, params.estateId);
    },
  });

  route(app, {
    method: 'PATCH', url: '/api/estates/:estateId', summary: 'Change an estate\'s name, address or property manager', tags: ['registry'], params: EstateParams, body: EstateUpdateBody, reply: EstateDetail,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'estate.update');
      await inTransaction(db, async (trx) => {
        const before = await trx.selectFrom('estates').select(['name', 'address', 'property_manager']).where('id', '=', params.estateId).forUpdate().executeTakeFirstOrThrow();
        const patch = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.address !== undefined ? { address: body.address } : {}),
          ...(body.propertyManager !== undefined ? { property_manager: body.propertyManager } : {}),
        };
        if (Object.keys(patch).length === 0) return;
        await trx.updateTable('estates').set(patch).where('id', '=', params.estateId).execute();
        await writeAudit(trx, { actorId: auth.account!.id, action: 'estate.update', entity: 'estate', entityId: params.estateId, estateId: params.estateId, before, after: patch, ip: auth.ip, requestId: auth.requestId });
      });
      return estateDetail(deps, auth, params.estateId);
    },
  });

  route(app, {
    method: 'GET', url: '/api/public/estates', summary: 'Find an estate by name (to claim a unit in it): public facts only', tags: ['registry'], query: PublicEstateQuery, reply: PublicEstateList,
    async handler({ query }) {
      const rows = await db
        .selectFrom('estates')
        .innerJoin('jurisdictions as n', 'n.id', 'estates.neighborhood_id')
        .select(['estates.id', 'estates.name', 'estates.address', 'n.name as neighborhood_name'])
        .where('estates.name', 'like', likeContains(query.q))
        .orderBy('estates.name')
        .limit(20)
        .execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.name, address: r.address, neighborhoodName: r.neighborhood_name })) };
    },
  });
}
