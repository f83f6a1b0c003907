import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@gongzhi/db';
import { createTestPlatform, ownerClient, type TestClient, type TestPlatform } from '../support/platform';

// Co-owners vote as one holder through one designated co-owner, who may hand the vote over.

describe('co-owners designate who votes', () => {
  let p: TestPlatform;
  let estateId: number;
  let holderId: number;
  let owners: Array<{ id: number; is_voter: boolean }>;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo', config: { testClockStart: new Date('2026-03-02T10:00:00+08:00'), meetingClockSeconds: 0 } });
    estateId = (await p.deps.db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow()).id;
    const holder = await p.deps.db
      .selectFrom('holders as h')
      .innerJoin('meeting_roll as r', (j) => j.onRef('r.estate_id', '=', 'h.estate_id').onRef('r.holder_id', '=', 'h.id'))
      .select('h.id')
      .where('h.estate_id', '=', estateId)
      .where('h.kind', '=', 'co_owners')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ballots as b').select('b.id').whereRef('b.holder_id', '=', 'h.id'))))
      .executeTakeFirstOrThrow();
    holderId = holder.id;
    owners = await p.deps.db.selectFrom('owners').select(['id', 'is_voter']).where('estate_id', '=', estateId).where('holder_id', '=', holderId).orderBy('id').execute();
    expect(owners.length).toBeGreaterThan(1);
    expect(owners.filter((o) => o.is_voter)).toHaveLength(1);
    for (const [i, o] of owners.slice(0, 2).entries()) {
      const phone = `1360000000${i}`;
      await inTransaction(p.deps.db, async (trx) => {
        const a = await trx.insertInto('accounts').values({ kind: 'owner', display_name: `共有人${i}`, phone }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('owners').set({ account_id: a.id }).where('estate_id', '=', estateId).where('id', '=', o.id).execute();
        await trx.insertInto('role_grants').values({ account_id: a.id, role: 'owner', estate_id: estateId }).execute();
      });
      clients.push(await ownerClient(p, phone));
    }
  }, 120_000);
  afterAll(() => p.close());

  it('only the designated co-owner votes, and may hand the vote over', async () => {
    const voterIndex = owners.findIndex((o) => o.is_voter);
    expect(voterIndex).toBe(0);
    const [voter, other] = clients as [TestClient, TestClient];
    const meeting = await p.deps.db.selectFrom('meetings').select('id').where('estate_id', '=', estateId).where('state', '=', 'voting').executeTakeFirstOrThrow();
    const base = `/api/estates/${estateId}/meetings/${meeting.id}`;
    const form = await other.get<{ holders: Array<{ holderId: number; blockedReason: string | null }>; meeting: { motions: Array<{ id: string; kind: string; candidates: Array<{ id: string }> }> } }>(`${base}/ballot-form`);
    expect(form.body.holders.find((h) => h.holderId === holderId)!.blockedReason).toContain('共有人');
    const answer = form.body.meeting.motions.filter((m) => m.kind === 'resolution').map((m) => ({ motionId: m.id, choice: 'approve' }));
    expect((await other.post<{ error: { code: string } }>(`${base}/ballots`, { holderId, answers: answer })).body.error.code).toBe('NOT_A_VOTER');

    const list = await other.get<{ items: Array<{ ownerId: number; isVoter: boolean; name: string }>; canDesignate: boolean }>(`/api/me/holders/${holderId}/co-owners`);
    expect(list.body.canDesignate).toBe(false);
    expect(list.body.items.every((o) => o.name.includes('*'))).toBe(true);
    expect((await other.post(`/api/me/holders/${holderId}/voter`, { ownerId: owners[1]!.id })).status).toBe(403);

    const handed = await voter.post<{ items: Array<{ ownerId: number; isVoter: boolean }> }>(`/api/me/holders/${holderId}/voter`, { ownerId: owners[1]!.id });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.items.filter((o) => o.isVoter).map((o) => o.ownerId)).toEqual([owners[1]!.id]);
    expect((await voter.post<{ error: { code: string } }>(`${base}/ballots`, { holderId, answers: answer })).body.error.code).toBe('NOT_A_VOTER');
    const cast = await other.post<{ receipts: unknown[] }>(`${base}/ballots`, { holderId, answers: answer });
    expect(cast.status, JSON.stringify(cast.body)).toBe(201);
    const audit = await p.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'holder.designate_voter').execute();
    expect(audit).toHaveLength(1);
  });
});
