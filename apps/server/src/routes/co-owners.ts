import type { FastifyInstance } from 'fastify';
import { CoOwnerList, DesignateVoterBody, EstateHolderParams, HolderParams, type CoOwnerListT } from '@gongzhi/contracts';
import { inTransaction, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import type { AppDeps } from '../app';
import { requireEstateAccess } from '../access/access';
import type { AuthContext } from '../auth/context';
import { AppError } from '../errors';
import { route } from '../http/route';
import { maskName } from '../privacy/mask';

/**
 * Co-owners (共有人) vote as one holder through one designated co-owner (rules.md §1). The
 * designated co-owner may hand the vote to another co-owner; the committee may record a
 * designation the co-owners agreed on in writing. A holder has exactly one designated voter.
 */
export function coOwnerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;

  async function list(estateId: number, holderId: number, me: number | null, canDesignate: (rows: Array<{ is_voter: boolean; account_id: number | null }>) => boolean): Promise<CoOwnerListT> {
    const rows = await db.selectFrom('owners').select(['id', 'name', 'is_voter', 'account_id']).where('estate_id', '=', estateId).where('holder_id', '=', holderId).orderBy('id').execute();
    return {
      holderId,
      estateId,
      items: rows.map((r) => ({ ownerId: r.id, name: maskName(r.name), isVoter: r.is_voter, isMe: me !== null && r.account_id === me })),
      canDesignate: rows.length > 1 && canDesignate(rows),
    };
  }

  async function myHolder(auth: AuthContext, holderId: number): Promise<{ estateId: number; isVoter: boolean }> {
    if (!auth.account) throw new AppError('UNAUTHENTICATED');
    const mine = await db.selectFrom('owners').select(['estate_id', 'is_voter']).where('holder_id', '=', holderId).where('account_id', '=', auth.account.id).orderBy('is_voter', 'desc').executeTakeFirst();
    if (!mine) throw new AppError('NOT_FOUND');
    return { estateId: mine.estate_id, isVoter: mine.is_voter };
  }

  async function designate(trx: Kysely<DB>, estateId: number, holderId: number, ownerId: number, auth: AuthContext, via: string): Promise<void> {
    const target = await trx.selectFrom('owners').select(['id', 'is_voter']).where('estate_id', '=', estateId).where('holder_id', '=', holderId).where('id', '=', ownerId).executeTakeFirst();
    if (!target) throw new AppError('VALIDATION_FAILED', { field: 'ownerId', messageZh: '该人不是此房屋的共有人', messageEn: 'This person is not a co-owner of the unit' });
    const before = await trx.selectFrom('owners').select('id').where('estate_id', '=', estateId).where('holder_id', '=', holderId).where('is_voter', '=', true).execute();
    await trx.updateTable('owners').set({ is_voter: false }).where('estate_id', '=', estateId).where('holder_id', '=', holderId).where('id', '<>', ownerId).execute();
    await trx.updateTable('owners').set({ is_voter: true }).where('estate_id', '=', estateId).where('id', '=', ownerId).execute();
    await writeAudit(trx, { actorId: auth.account!.id, action: 'holder.designate_voter', entity: 'holder', entityId: holderId, estateId, before: { voters: before.map((b) => b.id) }, after: { voter: ownerId, via }, ip: auth.ip, requestId: auth.requestId });
  }

  route(app, {
    method: 'GET', url: '/api/me/holders/:holderId/co-owners', summary: 'The co-owners of my unit and who votes', tags: ['claims'], params: HolderParams, reply: CoOwnerList,
    async handler({ params, auth }) {
      const h = await myHolder(auth, params.holderId);
      return list(h.estateId, params.holderId, auth.account!.id, () => h.isVoter);
    },
  });

  route(app, {
    method: 'POST', url: '/api/me/holders/:holderId/voter', summary: 'The designated co-owner hands the vote to another co-owner', tags: ['claims'], params: HolderParams, body: DesignateVoterBody, reply: CoOwnerList,
    async handler({ params, body, auth }) {
      const h = await myHolder(auth, params.holderId);
      if (!h.isVoter) throw new AppError('FORBIDDEN', { messageZh: '只有当前指定的投票人可以转交投票权', messageEn: 'Only the designated co-owner can hand the vote over' });
      await inTransaction(db, (trx) => designate(trx, h.estateId, params.holderId, body.ownerId, auth, 'co-owner'));
      return list(h.estateId, params.holderId, auth.account!.id, (rows) => rows.some((r) => r.is_voter && r.account_id === auth.account!.id));
    },
  });

  route(app, {
    method: 'POST', url: '/api/estates/:estateId/holders/:holderId/voter', summary: "Record the co-owners' designated voter (written agreement)", tags: ['claims'], params: EstateHolderParams, body: DesignateVoterBody, reply: CoOwnerList,
    async handler({ params, body, auth }) {
      await requireEstateAccess(db, auth, params.estateId, 'registry.personal');
      await inTransaction(db, (trx) => designate(trx, params.estateId, params.holderId, body.ownerId, auth, 'committee'));
      return list(params.estateId, params.holderId, null, () => true);
    },
  });
}
