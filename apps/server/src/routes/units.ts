import type { FastifyInstance } from 'fastify';
import { BuildingList, EstateParams, UnitList, UnitListQuery } from '@gongzhi/contracts';
import { inTransaction, writeAudit } from '@gongzhi/db';
import { route } from '../http/route';
import { formatArea, likeContains } from '../http/format';
import type { AppDeps } from '../app';
import { requireEstateAccess } from '../access/access';
import { maskHolderName, maskIdNumber, maskName, maskPhone } from '../privacy/mask';

export function unitRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/buildings', summary: 'Buildings of an estate with unit counts', tags: ['registry'], params: EstateParams, reply: BuildingList,
    async handler({ params, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'registry.read');
      const rows = await db
        .selectFrom('buildings')
        .select((eb) => [
          'buildings.id', 'buildings.name',
          eb.selectFrom('units').whereRef('units.building_id', '=', 'buildings.id').where('units.estate_id', '=', params.estateId).select((e) => e.fn.countAll<number>().as('c')).as('unit_count'),
        ])
        .where('buildings.estate_id', '=', params.estateId)
        .orderBy('buildings.name')
        .execute();
      const entrances = await db.selectFrom('entrances').select(['building_id', 'name']).where('estate_id', '=', params.estateId).orderBy('name').execute();
      return {
        items: rows.map((b) => ({
          id: b.id,
          name: b.name,
          unitCount: Number(b.unit_count ?? 0),
          entrances: entrances.filter((e) => e.building_id === b.id).map((e) => e.name),
        })),
      };
    },
  });

  route(app, {
    method: 'GET', url: '/api/estates/:estateId/units', summary: 'The units table: search, filters, pagination; owners masked unless the viewer needs them (logged)', tags: ['registry'],
    params: EstateParams, query: UnitListQuery, reply: UnitList,
    async handler({ params, query, auth }) {
      const perms = await requireEstateAccess(db, auth, params.estateId, 'registry.read');
      const personal = perms.has('registry.personal');
      const estateId = params.estateId;
      let q = db
        .selectFrom('units as u')
        .innerJoin('buildings as b', (j) => j.onRef('b.id', '=', 'u.building_id').onRef('b.estate_id', '=', 'u.estate_id'))
        .leftJoin('entrances as e', (j) => j.onRef('e.id', '=', 'u.entrance_id').onRef('e.estate_id', '=', 'u.estate_id'))
        .leftJoin('ownerships as o', (j) => j.onRef('o.unit_id', '=', 'u.id').onRef('o.estate_id', '=', 'u.estate_id').on('o.valid_to', 'is', null))
        .leftJoin('holders as h', (j) => j.onRef('h.id', '=', 'o.holder_id').onRef('h.estate_id', '=', 'o.estate_id'))
        .where('u.estate_id', '=', estateId);
      if (query.buildingId) q = q.where('u.building_id', '=', query.buildingId);
      if (query.kind) q = q.where('u.kind', '=', query.kind);
      if (query.delivered) q = q.where('u.delivered', '=', query.delivered === 'true');
      if (query.holderKind) q = q.where('h.kind', '=', query.holderKind);
      if (query.q) {
        const pattern = likeContains(query.q);
        // Searching by a person's name would reveal it: only for viewers who may see names.
        q = personal ? q.where((eb) => eb.or([eb('u.number', 'like', pattern), eb('h.name', 'like', pattern)])) : q.where('u.number', 'like', pattern);
      }
      const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirst();
      const total = Number(totalRow?.c ?? 0);
      const rows = await q
        .select([
          'u.id', 'u.number', 'u.floor', 'u.kind', 'u.area_cents', 'u.area_source', 'u.delivered',
          'b.name as building', 'e.name as entrance', 'h.id as holder_id', 'h.kind as holder_kind', 'h.name as holder_name',
        ])
        .orderBy('b.name')
        .orderBy('u.number')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const holderIds = [...new Set(rows.map((r) => r.holder_id).filter((x): x is number => x !== null))];
      const owners = holderIds.length
        ? await db
            .selectFrom('owners')
            .select(['id', 'holder_id', 'name', 'id_number_masked', 'phone', 'account_id'])
            .where('estate_id', '=', estateId)
            .where('holder_id', 'in', holderIds)
            .orderBy('id')
            .execute()
        : [];
      // Every view of an owner list is logged; unmasked views say so.
      await inTransaction(db, (trx) =>
        writeAudit(trx, {
          actorId: auth.account!.id, action: personal ? 'registry.view_personal' : 'registry.view', entity: 'units', estateId,
          after: { page: query.page, pageSize: query.pageSize, q: query.q ?? null, rows: rows.length }, ip: auth.ip, requestId: auth.requestId,
        }),
      );
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          number: r.number,
          building: r.building,
          entrance: r.entrance,
          floor: r.floor,
          kind: r.kind,
          area: formatArea(r.area_cents),
          areaSource: r.area_source,
          delivered: r.delivered,
          holder: r.holder_id !== null && r.holder_kind && r.holder_name !== null
            ? { id: r.holder_id, kind: r.holder_kind, name: personal ? r.holder_name : maskHolderName(r.holder_kind, r.holder_name) }
            : null,
          owners: owners
            .filter((o) => o.holder_id === r.holder_id)
            .map((o) => ({
              id: o.id,
              name: personal || r.holder_kind === 'builder' || r.holder_kind === 'organization' ? o.name : maskName(o.name),
              idNumber: o.id_number_masked,
              phone: personal ? o.phone : maskPhone(o.phone),
              unmasked: personal,
              verified: o.account_id !== null,
            })),
        })),
      };
    },
  });
}

export { maskIdNumber };
