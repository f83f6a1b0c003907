import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_PROFILE, recountBundle } from '@gongzhi/core';
import { inTransaction, sql } from '@gongzhi/db';
import { createTestPlatform, ownerClient, type TestClient, type TestPlatform } from '../support/platform';

// The assembly vote end to end through HTTP on a real database (PGlite, and PostgreSQL in the
// second run): convene, notice, roll, online / paper / proxy ballots, duplicates, turnout, close,
// result = the core's recount of the exported bundle, receipts in the chain, objections, final.

const START = new Date('2026-03-02T02:00:00Z'); // 10:00 China time, a Monday
const DAY = 86_400_000;
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Detail {
  id: number;
  state: string;
  motions: Array<{ id: string; kind: string; candidates: Array<{ id: string }> }>;
  readiness: { next: string | null; ready: boolean; blockers: Array<{ code: string }> };
  chainHead: string | null;
  clocks: { earliestOpen: string | null; objectionsUntil: string | null };
}


describe('an owners assembly vote, end to end', () => {
  let p: TestPlatform;
  let estateId: number;
  let chair: TestClient;
  let vice: TestClient;
  let holders: number[];
  const voters = new Map<number, TestClient>();
  let meetingId: number;
  let detail: Detail;
  const base = () => `/api/estates/${estateId}/meetings/${meetingId}`;
  const advanceTo = (t: Date) => p.deps.assembly.clock.advance(Math.max(0, t.getTime() - p.deps.assembly.clock.now().getTime()));

  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo', config: { testClockStart: START, meetingClockSeconds: 0 } });
    estateId = (await p.deps.db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow()).id;
    chair = await p.client().demoLogin('demo-chair');
    vice = await p.client().demoLogin('demo-vice-chair');
    // every current holder of the estate except the builder gets a verified owner account
    const rows = await p.deps.db
      .selectFrom('holders as h')
      .innerJoin('ownerships as o', (j) => j.onRef('o.estate_id', '=', 'h.estate_id').onRef('o.holder_id', '=', 'h.id'))
      .select('h.id')
      .distinct()
      .where('h.estate_id', '=', estateId)
      .where('o.valid_to', 'is', null)
      .orderBy('h.id')
      .execute();
    holders = rows.map((r) => r.id);
    let n = 0;
    for (const holderId of holders) {
      const phone = `1390000${String(1000 + n++).padStart(4, '0')}`;
      const owner = await p.deps.db.selectFrom('owners').select(['id', 'account_id']).where('estate_id', '=', estateId).where('holder_id', '=', holderId).orderBy('id').executeTakeFirst();
      if (!owner || owner.account_id) continue;
      await inTransaction(p.deps.db, async (trx) => {
        const a = await trx.insertInto('accounts').values({ kind: 'owner', display_name: `业主${n}`, phone }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('owners').set({ account_id: a.id }).where('estate_id', '=', estateId).where('id', '=', owner.id).execute();
        await trx.insertInto('role_grants').values({ account_id: a.id, role: 'owner', estate_id: estateId }).execute();
      });
      voters.set(holderId, await ownerClient(p, phone));
    }
  }, 120_000);
  afterAll(() => p.close());

  const window = (fromDays: number, days: number) => ({
    opensAt: new Date(START.getTime() + fromDays * DAY).toISOString(),
    closesAt: new Date(START.getTime() + (fromDays + days) * DAY).toISOString(),
  });
  const meetingBody = (w: { opensAt: string; closesAt: string }) => ({
    title: '2026年第一次业主大会会议',
    description: '审议物业服务合同续签、公共收益使用，选举业主委员会委员。',
    form: 'written',
    convener: 'committee',
    ...w,
    motions: [
      { kind: 'resolution', title: '续聘安居物业服务有限公司', matter: 'property_manager' },
      { kind: 'resolution', title: '公共收益用于增设电动自行车充电桩', matter: 'other_major' },
      { kind: 'election', title: '增补业主委员会委员', matter: 'committee_election', seats: 1, candidates: [{ name: '王建国', statement: '退休工程师' }, { name: '李秀英', statement: '会计' }] },
    ],
  });

  it('refuses a voting window that starts before the notice period has run', async () => {
    const r = await chair.post<Detail>(`/api/estates/${estateId}/meetings`, meetingBody(window(10, 10)));
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('draft');
    expect(r.body.readiness.blockers.map((b) => b.code)).toContain('NOTICE_TOO_SHORT');
    // times in the messages as China time, as the notice gives them, in both languages (not UTC ISO strings)
    const tooShort = r.body.readiness.blockers.find((b) => b.code === 'NOTICE_TOO_SHORT') as unknown as { messageZh: string; messageEn: string };
    expect(tooShort.messageEn).toMatch(/at the earliest \(\d{4}-\d\d-\d\d \d\d:\d\d China time\)$/);
    expect(tooShort.messageZh).toMatch(/最早 \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(JSON.stringify(r.body.readiness.blockers)).not.toMatch(/\d{4}-\d\d-\d\dT\d\d/);
    const pub = await chair.post<{ error: { code: string; issues: Array<{ code: string }> } }>(`/api/estates/${estateId}/meetings/${r.body.id}/publish`);
    expect(pub.status).toBe(409);
    expect(pub.body.error.code).toBe('MEETING_NOT_READY');
    expect(pub.body.error.issues.map((i) => i.code)).toContain('NOTICE_TOO_SHORT');
    // an owner does not see drafts
    const owner = voters.values().next().value as TestClient;
    expect((await owner.get(`/api/estates/${estateId}/meetings/${r.body.id}`)).status).toBe(404);
    expect((await chair.post(`/api/estates/${estateId}/meetings/${r.body.id}/cancel`, { reason: '时间设置有误' })).status).toBe(200);
  });

  it('publishes the notice with the roll (unit and area, no names), 15 days before voting', async () => {
    const r = await chair.post<Detail>(`/api/estates/${estateId}/meetings`, meetingBody(window(16, 10)));
    meetingId = r.body.id;
    expect(r.body.readiness, JSON.stringify(r.body.readiness)).toMatchObject({ next: 'publish', ready: true });
    const pub = await chair.post<Detail>(`${base()}/publish`);
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    detail = pub.body;
    expect(detail.state).toBe('notice');
    // published 2026-03-02: the 15 days run 03-03 … 03-17, so voting may open from 03-18 00:00 China time
    expect(detail.clocks.earliestOpen).toBe('2026-03-17T16:00:00.000Z');
    const roll = await voters.values().next().value!.get<{ items: Array<Record<string, unknown>>; summary: { holders: number } }>(`${base()}/roll`);
    expect(roll.status).toBe(200);
    expect(roll.body.summary.holders).toBe(holders.length);
    expect(Object.keys(roll.body.items[0]!).sort()).toEqual(['area', 'building', 'holderRef', 'unitId', 'unitNumber']);
    const mine = await voters.values().next().value!.get<{ items: Array<{ id: number; holders: unknown[] }> }>('/api/me/meetings');
    expect(mine.body.items.map((m) => m.id)).toContain(meetingId);
  });

  it('accepts no ballot before voting opens', async () => {
    const [holderId, c] = [...voters][0]!;
    const r = await c.post<{ error: { code: string } }>(`${base()}/ballots`, { holderId, answers: [{ motionId: detail.motions[0]!.id, choice: 'approve' }] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('VOTING_CLOSED');
    const open = await chair.post<{ error: { issues: Array<{ code: string }> } }>(`${base()}/open`);
    expect(open.status).toBe(409);
    expect(open.body.error.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['NOTICE_PERIOD_RUNNING', 'NOT_YET_OPEN']));
  });

  let paperHolder: number;
  let proxyHolder: number;
  const receipts: string[] = [];

  it('opens at the start of the window, freezing the roll', async () => {
    advanceTo(new Date(START.getTime() + 16 * DAY + 60_000));
    const r = await chair.post<Detail & { rollFrozenAt: string }>(`${base()}/open`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('voting');
    expect(r.body.rollFrozenAt).toBeTruthy();
  });

  it('takes online ballots, one per holder and motion, and refuses the second through any channel', async () => {
    const list = [...voters];
    paperHolder = list[0]![0];
    proxyHolder = list[1]![0];
    const [m1, m2, m3] = detail.motions;
    // every holder but the first two (paper, proxy) and the last (who sells a unit later) votes
    // online, all at once: concurrent casts are committed together in batches (group commit)
    const batches = { ...p.deps.assembly.onlineCasts.stats };
    const online = list.slice(2, -1);
    const results = await Promise.all(
      online.map(([holderId, c]) =>
        c.post<{ receipts: Array<{ receipt: string; channel: string }> }>(`${base()}/ballots`, {
          holderId,
          answers: [
            { motionId: m1!.id, choice: 'approve' },
            { motionId: m2!.id, choice: holderId % 3 === 0 ? 'reject' : 'approve' },
            { motionId: m3!.id, approve: [m3!.candidates[0]!.id] },
          ],
        }),
      ),
    );
    for (const r of results) {
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.receipts).toHaveLength(3);
      expect(r.body.receipts[0]!.channel).toBe('online');
      receipts.push(r.body.receipts[0]!.receipt);
    }
    expect(p.deps.assembly.onlineCasts.stats.items - batches.items).toBe(online.length);
    // on a later visit the owner's receipts still say when the ballot was cast
    const [firstHolder, firstClient] = online[0]!;
    const form = await firstClient.get<{ holders: Array<{ holderId: number; motions: Array<{ receipt: string | null; castAt: string | null }> }> }>(`${base()}/ballot-form`);
    const mine = form.body.holders.find((h) => h.holderId === firstHolder)!;
    expect(mine.motions.length).toBe(3);
    for (const mo of mine.motions) {
      expect(mo.receipt).toMatch(/^[0-9a-f]{32}$/);
      expect(Number.isNaN(Date.parse(mo.castAt!))).toBe(false);
    }
    const stored = await p.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'ballot.cast').where('entity_id', '=', String(meetingId)).execute();
    expect(stored.length, 'one audit record per accepted cast').toBe(online.length);
    const [holderId, c] = list[2]!;
    const again = await c.post<{ error: { code: string; messageZh: string } }>(`${base()}/ballots`, { holderId, answers: [{ motionId: m1!.id, choice: 'reject' }] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_VOTED');
    // second attempts in one burst: each refused on its own, each logged, nothing written
    const [h2, c2] = list[3]!;
    const burst = await Promise.all([1, 2, 3].map(() => c2.post<{ error: { code: string } }>(`${base()}/ballots`, { holderId: h2, answers: [{ motionId: m2!.id, choice: 'abstain' }] })));
    expect(burst.map((r) => [r.status, r.body.error.code])).toEqual([[409, 'ALREADY_VOTED'], [409, 'ALREADY_VOTED'], [409, 'ALREADY_VOTED']]);
    const refused = await p.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'ballot.refused').where('entity_id', '=', String(meetingId)).execute();
    expect(refused.length).toBe(4);
    const h2Ballots = await p.deps.db.selectFrom('ballots').select(['motion_id', 'choice']).where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).where('holder_id', '=', h2).execute();
    expect(h2Ballots.length).toBe(3);
    // too many candidates online is refused, nothing stored
    const over = await voters.get(paperHolder)!.post<{ error: { code: string } }>(`${base()}/ballots`, { holderId: paperHolder, answers: [{ motionId: m3!.id, approve: m3!.candidates.map((k) => k.id) }] });
    expect(over.body.error.code).toBe('BALLOT_INVALID');
    // nobody votes for a holder that is not theirs
    const foreign = await c.post<{ error: { code: string } }>(`${base()}/ballots`, { holderId: paperHolder, answers: [{ motionId: m1!.id, choice: 'approve' }] });
    expect(foreign.body.error.code).toBe('NOT_A_VOTER');
  });

  it('counts a paper ballot only after a second clerk enters the same answers', async () => {
    const code = (await p.deps.db.selectFrom('paper_codes').select('code').where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).where('holder_id', '=', paperHolder).executeTakeFirstOrThrow()).code;
    const look = await chair.get<{ holderId: number; motionIds: string[]; label: string }>(`${base()}/paper/lookup?code=${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`);
    expect(look.status).toBe(200);
    expect(look.body.holderId).toBe(paperHolder);
    const answers = detail.motions.map((m) => (m.kind === 'election' ? { motionId: m.id, approve: [m.candidates[1]!.id] } : { motionId: m.id, choice: 'approve' }));
    const noScan = await chair.multipart<{ error: { code: string } }>(`${base()}/paper/entries`, { code, answers: JSON.stringify(answers) });
    expect(noScan.body.error.code).toBe('SCAN_REQUIRED');
    const entry = await chair.multipart<{ id: number; status: string }>(`${base()}/paper/entries`, { code, answers: JSON.stringify(answers) }, { scan: { name: '表决票.png', type: 'image/png', data: png } });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect(entry.body.status).toBe('pending');
    const same = await chair.post<{ error: { code: string } }>(`${base()}/paper/entries/${entry.body.id}/confirm`, { answers });
    expect(same.body.error.code).toBe('PAPER_SAME_CLERK');
    const listed = await vice.get<{ items: Array<{ id: number; answers: unknown }> }>(`${base()}/paper/entries`);
    expect(listed.body.items.find((e) => e.id === entry.body.id)!.answers).toBeNull();
    const wrong = answers.map((a, i) => (i === 0 ? { motionId: a.motionId, choice: 'reject' } : a));
    const mismatch = await vice.post<{ error: { code: string } }>(`${base()}/paper/entries/${entry.body.id}/confirm`, { answers: wrong });
    expect(mismatch.body.error.code).toBe('PAPER_MISMATCH');
    const turnoutBefore = await chair.get<{ pendingPaper: number }>(`${base()}/turnout`);
    expect(turnoutBefore.body.pendingPaper).toBe(1);
    const ok = await vice.post<{ entry: { status: string }; receipts: Array<{ channel: string }> }>(`${base()}/paper/entries/${entry.body.id}/confirm`, { answers });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.entry.status).toBe('confirmed');
    expect(ok.body.receipts.map((r) => r.channel)).toEqual(['paper', 'paper', 'paper']);
    const scan = await vice.get(`${base()}/paper/entries/${entry.body.id}/scan`);
    expect(scan.status).toBe(200);
    expect(scan.headers['content-type']).toBe('image/png');
    expect((await p.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'paper.scan_view').execute()).length).toBe(1);
    // the owner cannot vote online any more on those motions
    const online = await voters.get(paperHolder)!.post<{ error: { code: string } }>(`${base()}/ballots`, { holderId: paperHolder, answers: [{ motionId: detail.motions[0]!.id, choice: 'reject' }] });
    expect(online.body.error.code).toBe('ALREADY_VOTED');
  });

  it('lets a proxy with a written authorization vote, within the per-proxy limit', async () => {
    const phone = '13700000001';
    const noFile = await chair.multipart<{ error: { code: string } }>(`${base()}/proxies`, { holderId: String(proxyHolder), proxyName: '赵六', proxyPhone: phone });
    expect(noFile.body.error.code).toBe('PROXY_AUTHORIZATION_REQUIRED');
    const reg = await chair.multipart<{ id: number; proxyPhoneMasked: string }>(`${base()}/proxies`, { holderId: String(proxyHolder), proxyName: '赵六', proxyPhone: phone }, { authorization: { name: '委托书.png', type: 'image/png', data: png } });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect(reg.body.proxyPhoneMasked).toBe('137****0001');
    const authorization = await chair.get(`${base()}/proxies/${reg.body.id}/authorization`);
    expect(authorization.status).toBe(200);
    expect((await p.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'proxy.authorization_view').execute()).length).toBe(1);
    const proxy = await ownerClient(p, phone);
    const mine = await proxy.get<{ items: Array<{ id: number; holders: Array<{ holderId: number; as: string }> }> }>('/api/me/meetings');
    expect(mine.body.items.find((m) => m.id === meetingId)!.holders).toEqual([expect.objectContaining({ holderId: proxyHolder, as: 'proxy' })]);
    const cast = await proxy.post<{ receipts: Array<{ channel: string }> }>(`${base()}/ballots`, { holderId: proxyHolder, answers: [{ motionId: detail.motions[0]!.id, choice: 'abstain' }] });
    expect(cast.status, JSON.stringify(cast.body)).toBe(201);
    expect(cast.body.receipts[0]!.channel).toBe('proxy');
    // the limit: 3 holders per proxy (national default, Weifang 32)
    const others = holders.filter((h) => h !== proxyHolder && h !== paperHolder).slice(0, 3);
    const statuses: number[] = [];
    for (const h of others) {
      const r = await chair.multipart<{ error?: { code: string } }>(`${base()}/proxies`, { holderId: String(h), proxyName: '赵六', proxyPhone: phone }, { authorization: { name: 'a.pdf', type: 'application/pdf', data: png } });
      statuses.push(r.status);
      if (r.status !== 201) expect(r.body.error!.code).toBe('PROXY_LIMIT');
    }
    expect(statuses).toEqual([201, 201, 409]);
    const flags = await chair.get<{ items: Array<{ kind: string }> }>(`${base()}/flags`);
    expect(flags.body.items.map((f) => f.kind)).toContain('proxy_many');
  });

  it('shows live turnout against the 2/3 quorum, per motion and per building', async () => {
    const t = await chair.get<{ motions: Array<{ participated: { holders: number }; eligible: { holders: number }; quorum: string; quorumReached: boolean }>; buildings: unknown[]; channels: { online: number; paper: number; proxy: number } }>(`${base()}/turnout`);
    expect(t.status).toBe(200);
    expect(t.body.motions[0]!.participated.holders).toBe(voters.size - 1); // online (n-3) + paper + proxy
    expect(t.body.motions[0]!.quorum).toBe('2/3');
    expect(t.body.buildings.length).toBe(2);
    expect(t.body.channels).toEqual({ online: voters.size - 3, paper: 1, proxy: 1 });
    // owners cannot see turnout
    expect((await voters.get(paperHolder)!.get(`${base()}/turnout`)).status).toBe(403);
    // reminders go to those who have not voted: in-app, and through the delivery channel
    const remind = await chair.post<{ holders: number; notified: number; delivered: number }>(`${base()}/reminders`);
    expect(remind.status, JSON.stringify(remind.body)).toBe(200);
    expect(remind.body.holders).toBeGreaterThanOrEqual(1);
    expect(remind.body.notified).toBeGreaterThanOrEqual(1); // owner accounts whose holder has not voted (incl. the demo owner)
    expect(remind.body.delivered).toBeGreaterThanOrEqual(1);
    const last = voters.get([...voters.keys()].at(-1)!)!;
    const inbox = await last.get<{ items: Array<{ kind: string }> }>('/api/me/notifications');
    expect(inbox.body.items.map((n) => n.kind)).toContain('meeting.reminder');
  });

  it('moves a unit sold during voting to the buyer unless the seller has voted (rules.md §6)', async () => {
    const seller = [...voters.keys()].at(-1)!; // has not voted
    const voted = [...voters.keys()][2]!; // voted online
    const db = p.deps.db;
    const unitOf = async (h: number) =>
      (await db.selectFrom('meeting_roll').select('unit_id').where('meeting_id', '=', meetingId).where('holder_id', '=', h).orderBy('unit_id').executeTakeFirstOrThrow()).unit_id;
    const [u1, u2] = [await unitOf(seller), await unitOf(voted)];
    const at = p.deps.assembly.clock.now();
    await inTransaction(db, async (trx) => {
      for (const [unit, key] of [[u1, 'buyer-1'], [u2, 'buyer-2']] as const) {
        const buyer = await trx.insertInto('holders').values({ estate_id: estateId, kind: 'person', name: '新业主', group_key: `test:${key}` }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('ownerships').set({ valid_to: at }).where('estate_id', '=', estateId).where('unit_id', '=', unit).where('valid_to', 'is', null).execute();
        await trx.insertInto('ownerships').values({ estate_id: estateId, unit_id: unit, holder_id: buyer.id, valid_from: at, source: 'transfer' }).execute();
      }
      const { reconcileRollsAfterTransfer } = await import('../../src/assembly/roll');
      // other meetings of the estate that are voting (the demo one) are reconciled too
      expect(await reconcileRollsAfterTransfer(trx, estateId, at)).toBeGreaterThanOrEqual(1);
    });
    const rows = await db.selectFrom('meeting_roll').select(['unit_id', 'holder_id', 'original_holder_id']).where('meeting_id', '=', meetingId).where('unit_id', 'in', [u1, u2]).orderBy('unit_id').execute();
    const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
    expect(byUnit.get(u1)!.original_holder_id).toBe(seller); // passed to the buyer
    expect(byUnit.get(u1)!.holder_id).not.toBe(seller);
    expect(byUnit.get(u2)!.holder_id).toBe(voted); // the seller's ballot stands
    expect(byUnit.get(u2)!.original_holder_id).toBeNull();
  });

  it('closes only after the window, seals the chain and stores the core recount of its own bundle', async () => {
    const early = await chair.post<{ error: { issues: Array<{ code: string }> } }>(`${base()}/close`);
    expect(early.body.error.issues.map((i) => i.code)).toContain('VOTING_RUNNING');
    advanceTo(new Date(START.getTime() + 26 * DAY + 60_000));
    const r = await chair.post<Detail>(`${base()}/close`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('closed');
    expect(r.body.chainHead).toMatch(/^[0-9a-f]{64}$/);
    const bundleRes = await chair.get<Record<string, unknown>>(`${base()}/bundle`);
    expect(bundleRes.status).toBe(200);
    const outcome = recountBundle(bundleRes.body, NATIONAL_PROFILE, { expectHead: r.body.chainHead! });
    expect(outcome.status).toBe('counted');
    const result = await voters.get(paperHolder)!.get<{ stage: string; chainHead: string; recount: Record<string, unknown> }>(`${base()}/result`);
    expect(result.body.stage).toBe('preliminary');
    expect(result.body.chainHead).toBe(r.body.chainHead);
    if (outcome.status === 'counted') expect(result.body.recount).toEqual(JSON.parse(JSON.stringify(outcome.json)));
    const stored = await p.deps.db.selectFrom('meeting_results').select('recount_json').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (outcome.status === 'counted') expect(stored.recount_json).toBe(JSON.stringify(outcome.json));
    const m1 = (result.body.recount as { motions: Array<{ result: string; quorum: boolean }> }).motions[0]!;
    expect(m1.quorum).toBe(true);
    expect(m1.result).toBe('passed');
  });

  it('shows every receipt in the chain, with its hash recomputable', async () => {
    const c = voters.get(holders[holders.length - 1]!) ?? chair;
    for (const receipt of receipts.slice(0, 3)) {
      const r = await c.get<{ seq: number; hash: string; prevHash: string; content: string; hashVerified: boolean; chainHead: string; motionNumber: number; motionTitle: string }>(`${base()}/receipts/${receipt}`);
      expect(r.status).toBe(200);
      expect(r.body.motionNumber).toBe(1); // the first receipts of a cast are those of 议题 1
      expect(r.body.motionTitle).toBe('续聘安居物业服务有限公司');
      expect(r.body.seq).toBeGreaterThan(0);
      expect(r.body.hashVerified).toBe(true);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(`${r.body.prevHash}\n${r.body.content}`).digest('hex')).toBe(r.body.hash);
    }
  });

  it('lets owners inspect the masked ballot list, and logs it', async () => {
    const c = voters.get(paperHolder)!;
    const r = await c.get<{ items: Array<Record<string, unknown>>; total: number }>(`${base()}/ballots?pageSize=200`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe((voters.size - 3) * 3 + 3 + 1);
    expect(JSON.stringify(r.body)).not.toMatch(/name|phone/i);
    const logged = await p.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'ballots.view').where('entity_id', '=', String(meetingId)).execute();
    expect(logged.length).toBeGreaterThan(0);
    // each row names its motion as the notice does (议题 number and title), and an election
    // ballot its candidates by the names published in the notice, not by internal ids
    const titles = ['续聘安居物业服务有限公司', '公共收益用于增设电动自行车充电桩', '增补业主委员会委员'];
    for (const item of r.body.items) expect(titles[(item.motionNumber as number) - 1]).toBe(item.motionTitle);
    const election = r.body.items.filter((i) => i.approve !== null);
    expect(election.length).toBeGreaterThan(0);
    for (const item of election) {
      expect(item.motionNumber).toBe(3);
      expect((item.approvedCandidates as string[]).length).toBe((item.approve as string[]).length);
      for (const n of item.approvedCandidates as string[]) expect(['王建国', '李秀英']).toContain(n);
    }
    expect(r.body.items.filter((i) => i.approve === null).every((i) => i.approvedCandidates === null)).toBe(true);
  });

  it('lists on a motion limited to some buildings only the units there, with their area: the weight the ballot carried', async () => {
    // the demo's final meeting has a motion limited to one building; some of its voters own units elsewhere too
    const db = p.deps.db;
    const demo = await db.selectFrom('meetings').select(['id', 'estate_id']).where('state', '=', 'final').orderBy('id').executeTakeFirstOrThrow();
    const scoped = await db.selectFrom('motions').select(['id', 'position', 'title', 'scope_building_ids']).where('meeting_id', '=', demo.id).where('scope_building_ids', 'is not', null).executeTakeFirstOrThrow();
    const scope = new Set((scoped.scope_building_ids as number[]).map(Number));
    const roll = await db
      .selectFrom('meeting_roll as r')
      .innerJoin('units as u', (j) => j.onRef('u.estate_id', '=', 'r.estate_id').onRef('u.id', '=', 'r.unit_id'))
      .select(['u.number', 'r.building_id', 'r.area_cents', 'r.holder_id'])
      .where('r.estate_id', '=', demo.estate_id)
      .where('r.meeting_id', '=', demo.id)
      .execute();
    const byNumber = new Map(roll.map((u) => [u.number, u]));
    const r = await chair.get<{ items: Array<{ motionNumber: number; motionTitle: string; units: string[]; area: string }> }>(`/api/estates/${demo.estate_id}/meetings/${demo.id}/ballots?pageSize=200&motionId=m${scoped.id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    let holdersWithUnitsElsewhere = 0;
    for (const item of r.body.items) {
      expect(item.motionNumber).toBe(scoped.position);
      expect(item.motionTitle).toBe(scoped.title);
      const holder = byNumber.get(item.units[0]!)!.holder_id;
      const own = roll.filter((u) => u.holder_id === holder);
      const inScope = own.filter((u) => scope.has(Number(u.building_id)));
      expect([...item.units].sort()).toEqual(inScope.map((u) => u.number).sort());
      const cents = inScope.reduce((sum, u) => sum + Number(u.area_cents), 0);
      expect(item.area).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
      if (own.length > inScope.length) holdersWithUnitsElsewhere += 1;
    }
    expect(holdersWithUnitsElsewhere).toBeGreaterThan(0); // otherwise this test would show nothing
  });

  it('takes objections in the objection period, then posts the final result', async () => {
    const c = voters.get(paperHolder)!;
    const o = await c.post<{ id: number }>(`${base()}/objections`, { kind: 'result', text: '请核实 1 号楼的纸质票' });
    expect(o.status).toBe(201);
    const fin = await chair.post<{ error: { issues: Array<{ code: string }> } }>(`${base()}/finalize`);
    expect(fin.body.error.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['OBJECTION_PERIOD_RUNNING', 'RESULT_OBJECTIONS_OPEN']));
    expect((await chair.post(`${base()}/objections/${o.body.id}/resolve`, { accepted: false, response: '已核对原件及扫描件，无误' })).status).toBe(200);
    advanceTo(new Date(START.getTime() + 40 * DAY));
    const ok = await chair.post<Detail>(`${base()}/finalize`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe('final');
    const late = await c.post<{ error: { code: string } }>(`${base()}/objections`, { kind: 'result', text: '太晚了' });
    expect(late.body.error.code).toBe('OBJECTION_CLOSED');
    const pub = await p.client().get<{ meetings: Array<{ id: number; chainHead: string; documents: Array<{ kind: string }> }> }>(`/api/public/estates/${estateId}`);
    const m = pub.body.meetings.find((x) => x.id === meetingId)!;
    expect(m.chainHead).toBe(ok.body.chainHead);
    expect(m.documents.map((d) => d.kind)).toEqual(['notice', 'preliminary', 'final']);
  });

  it('signs owners in at a collective meeting with the code shown on site', async () => {
    const collective = await p.deps.db.selectFrom('meetings').select('id').where('estate_id', '=', estateId).where('form', '=', 'collective').where('state', '=', 'notice').executeTakeFirstOrThrow();
    const url = `/api/estates/${estateId}/meetings/${collective.id}/attendance`;
    const code = await chair.get<{ token: string; url: string; qrSvg: string }>(`${url}/code`);
    expect(code.status).toBe(200);
    expect(code.body.url).toContain(`/m/checkin/${estateId}/${collective.id}/`);
    expect(code.body.qrSvg).toContain('<svg');
    const owner = voters.get(paperHolder)!;
    const bad = await owner.post<{ error: { code: string } }>(url, { token: `${code.body.token.slice(0, -1)}${code.body.token.endsWith('0') ? '1' : '0'}` });
    expect(bad.body.error.code).toBe('ATTENDANCE_INVALID');
    const ok = await owner.post<{ holders: number }>(url, { token: code.body.token });
    expect(ok.status).toBe(200);
    expect(ok.body.holders).toBe(1);
    expect((await chair.get<{ holders: number }>(url)).body.holders).toBe(1);
  });

  it('forbids changing or deleting a cast ballot in the database itself', async () => {
    await expect(sql`update ballots set choice = 'reject' where meeting_id = ${meetingId}`.execute(p.deps.db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from ballots where meeting_id = ${meetingId}`.execute(p.deps.db)).rejects.toThrow(/never deleted/);
    // the hash chain beside the ballots is append-only too
    await expect(sql`update ballot_chain set hash = prev_hash where meeting_id = ${meetingId}`.execute(p.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ballot_chain where meeting_id = ${meetingId}`.execute(p.deps.db)).rejects.toThrow(/append-only/);
  });
});
