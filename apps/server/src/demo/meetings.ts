import { CoreError, deadline, seededRandom } from '@gongzhi/core';
import type { AnswerInputT, MeetingCreateBodyT } from '@gongzhi/contracts';
import { inTransaction, type DB, type Kysely } from '@gongzhi/db';
import { AppError } from '../errors';
import * as lifecycle from '../assembly/lifecycle';
import { castInTransaction, holderRollBuildings, normalizeAnswers } from '../assembly/ballots';
import { loadMeeting, type MeetingRecord } from '../assembly/meeting';
import { confirmPaper, enterPaper } from '../assembly/paper';
import { registerProxy } from '../assembly/proxies';
import { motionRef } from '../assembly/refs';
import { profileById, profileIdForEstate } from '../assembly/profile';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A time as China wall-clock "YYYY-MM-DD hh:mm" → Date. */
const china = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

interface Staff {
  chair: number;
  vice: number;
}

async function staff(db: Kysely<DB>): Promise<Staff> {
  const rows = await db.selectFrom('accounts').select(['id', 'username']).where('username', 'in', ['demo-chair', 'demo-vice-chair']).execute();
  const id = (u: string) => rows.find((r) => r.username === u)?.id as number;
  return { chair: id('demo-chair'), vice: id('demo-vice-chair') };
}

async function rollHolders(db: Kysely<DB>, m: MeetingRecord): Promise<Array<{ holderId: number }>> {
  return (await db.selectFrom('meeting_roll').select('holder_id').distinct().where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).orderBy('holder_id').execute()).map((r) => ({ holderId: r.holder_id }));
}

/** Casts the ballots of a share of the roll at spread-out times inside [from, to). */
async function simulateVotes(db: Kysely<DB>, m: MeetingRecord, s: Staff, share: number, from: Date, to: Date, seed: number, answerFor: (rnd: () => number, motionId: string, kind: 'resolution' | 'election', candidates: string[]) => AnswerInputT): Promise<number> {
  const rnd = seededRandom(seed);
  const holders = (await rollHolders(db, m)).filter(() => rnd() < share);
  let cast = 0;
  let proxiesLeft = 3;
  for (const [i, { holderId }] of holders.entries()) {
    const at = new Date(from.getTime() + Math.floor(((i + rnd()) / holders.length) * (to.getTime() - from.getTime() - HOUR)));
    const buildings = await holderRollBuildings(db, m.estate_id, m.id, holderId);
    const answers = m.motions
      .filter((x) => x.scopeBuildingIds === null || x.scopeBuildingIds.some((b) => buildings.has(b)))
      .map((x) => answerFor(rnd, motionRef(x.id), x.kind, x.candidates.map((c) => `c${c.id}`)));
    if (answers.length === 0) continue;
    const roll = rnd();
    if (roll < 0.1) {
      // paper: a clerk enters it, a second clerk confirms it
      const code = (await db.selectFrom('paper_codes').select('code').where('estate_id', '=', m.estate_id).where('meeting_id', '=', m.id).where('holder_id', '=', holderId).executeTakeFirstOrThrow()).code;
      const entry = await enterPaper(db, m, { code, answers, receivedAt: at }, { name: `表决票-${code}.png`, contentType: 'image/png', content: png }, { accountId: s.chair }, new Date(at.getTime() + HOUR));
      await confirmPaper(db, m, entry, answers, { accountId: s.vice }, new Date(at.getTime() + 2 * HOUR));
    } else if (roll < 0.14 && proxiesLeft > 0) {
      proxiesLeft -= 1;
      const proxyId = await registerProxy(db, m, { holderId, proxyName: '周晓明', proxyPhone: '13911112222', note: '演示：书面委托' }, { name: '委托书.png', contentType: 'image/png', content: png }, { accountId: s.chair }, at);
      await inTransaction(db, (trx) => castInTransaction(trx, { meeting: m, holderId, answers: normalizeAnswers(m, answers, buildings, 'proxy'), channel: 'proxy', castAt: at, castBy: null, proxyId, now: at }));
    } else {
      await inTransaction(db, (trx) => castInTransaction(trx, { meeting: m, holderId, answers: normalizeAnswers(m, answers, buildings, 'online'), channel: 'online', castAt: at, castBy: null, device: `demo-device-${holderId % 997}`, now: at }));
    }
    cast += answers.length;
  }
  return cast;
}

/**
 * The demo city's assembly meetings in 阳光花园, made through the same use cases a committee
 * uses, at the times they would have happened:
 * - a final meeting of building 3's owners (a few hundred ballots: online, paper, proxy) on
 *   using the maintenance fund for the lift, with fixed dates in 2026;
 * - a meeting voting now, with some ballots in;
 * - a meeting in its notice period.
 * Meetings whose statutory clocks need holiday data the platform lacks (e.g. a year not yet
 * published) stay drafts, and the log says why.
 */
export async function seedDemoMeetings(db: Kysely<DB>, estateId: number, now: Date, log: (m: string) => void): Promise<void> {
  const s = await staff(db);
  const actor = { accountId: s.chair };
  const buildings = await db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', estateId).orderBy('id').execute();
  const lift = buildings[Math.min(2, buildings.length - 1)]!;
  const staysDraft = (id: number, err: AppError) =>
    log(`  阳光花园: meeting #${id} stays a draft: ${err.message}${err.options.issues ? ` (${err.options.issues.map((i) => i.code).join(', ')})` : ''}`);
  const yesMostly = (rnd: () => number, motionId: string, kind: 'resolution' | 'election', candidates: string[]): AnswerInputT =>
    kind === 'election' ? { motionId, approve: candidates.filter(() => rnd() < 0.6).slice(0, 1) } : { motionId, choice: rnd() < 0.82 ? 'approve' : rnd() < 0.6 ? 'reject' : 'abstain' };

  // 1. final: building 3's lift, paid from the maintenance fund (scoped to that building)
  const closed: MeetingCreateBodyT = {
    title: `${lift.name}电梯大修使用专项维修资金`,
    description: `${lift.name} 2 部电梯运行已满 15 年，经检测需大修。维修方案与预算（28.6 万元）见附件，费用由${lift.name}业主分摊的专项维修资金列支。`,
    form: 'written',
    convener: 'committee',
    opensAt: china('2026-09-21 09:00').toISOString(),
    closesAt: china('2026-10-05 18:00').toISOString(),
    motions: [
      { kind: 'resolution', title: `同意${lift.name}电梯大修方案及预算`, description: '大修内容：曳引机、控制柜、门机系统更换。', matter: 'fund_use', scopeBuildingIds: [lift.id] },
      { kind: 'resolution', title: '同意由业主委员会委托第三方监理', description: '监理费用 1.2 万元，从专项维修资金列支。', matter: 'fund_use', scopeBuildingIds: [lift.id] },
    ],
  };
  const finalId = await lifecycle.saveDraft(db, estateId, null, closed, actor, china('2026-09-01 10:00'));
  await lifecycle.publish(db, estateId, finalId, actor, china('2026-09-02 10:00'));
  await lifecycle.open(db, estateId, finalId, actor, china('2026-09-21 09:00'));
  const m1 = await loadMeeting(db, estateId, finalId);
  const n1 = await simulateVotes(db, m1, s, 0.78, china('2026-09-21 09:30'), china('2026-10-05 18:00'), 41, yesMostly);
  await lifecycle.close(db, estateId, finalId, actor, china('2026-10-06 09:00'));
  await lifecycle.finalize(db, estateId, finalId, actor, china('2026-10-14 09:00'));
  log(`  阳光花园: final meeting #${finalId} with ${n1} ballots`);

  // 2. voting now: published so that the notice period (profile, rules.md §1: a last day on a
  // weekend or holiday moves to the next working day) ended a few days ago, opened then, closes
  // in 6 days. Fixed offsets would fail whenever the period's last day falls on a weekend.
  const day0 = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const profile = profileById(await profileIdForEstate(db, estateId));
  let votingPublished = new Date(day0.getTime() - 20 * DAY);
  let votingOpens: Date | null = null;
  try {
    for (let back = 0; back < 30; back += 1) {
      const earliest = deadline(votingPublished, profile.params.noticeDays.value, profile);
      if (earliest.getTime() <= day0.getTime() - 3 * DAY) {
        votingOpens = earliest;
        break;
      }
      votingPublished = new Date(votingPublished.getTime() - DAY);
    }
    if (!votingOpens) log('  阳光花园: no meeting voting now: no notice published 20–50 days ago would have ended 3 days ago');
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    log(`  阳光花园: no meeting voting now: ${err.message_zh}`);
  }
  const voting: MeetingCreateBodyT = {
    title: '2026年度业主大会会议（续聘物业、公共收益使用、增补委员）',
    description: '审议续聘安居物业服务有限公司、公共收益用于增设电动自行车充电设施，并增补业主委员会委员 1 名。',
    form: 'written',
    convener: 'committee',
    opensAt: (votingOpens ?? new Date(day0.getTime() - 4 * DAY)).toISOString(),
    closesAt: new Date(day0.getTime() + 6 * DAY).toISOString(),
    motions: [
      { kind: 'resolution', title: '续聘安居物业服务有限公司（服务期三年）', description: '物业服务费标准不变。', matter: 'property_manager' },
      { kind: 'resolution', title: '公共收益用于增设电动自行车充电设施', description: '预算 9.8 万元。', matter: 'other_major' },
      { kind: 'election', title: '增补业主委员会委员（1 名）', description: '', matter: 'committee_election', seats: 1, candidates: [{ name: '王建国', statement: '退休工程师，曾任设备科科长，熟悉电梯与消防设施管理。' }, { name: '李秀英', statement: '注册会计师，愿为公共收益账目公开出力。' }] },
    ],
  };
  const votingId = await lifecycle.saveDraft(db, estateId, null, voting, actor, new Date(votingPublished.getTime() - DAY));
  if (votingOpens) {
    try {
      await lifecycle.publish(db, estateId, votingId, actor, votingPublished);
      await lifecycle.open(db, estateId, votingId, actor, votingOpens);
      const m2 = await loadMeeting(db, estateId, votingId);
      const n2 = await simulateVotes(db, m2, s, 0.08, votingOpens, new Date(Math.min(now.getTime(), day0.getTime())), 42, yesMostly);
      log(`  阳光花园: meeting #${votingId} voting, ${n2} ballots so far`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      staysDraft(votingId, err);
    }
  }

  // 3. in its notice period (published yesterday; voting opens after the notice period, and not
  // before 18 days from now)
  let noticeOpens = new Date(day0.getTime() + 18 * DAY);
  try {
    const earliest = deadline(new Date(day0.getTime() - DAY), profile.params.noticeDays.value, profile);
    if (earliest > noticeOpens) noticeOpens = earliest;
  } catch (err) {
    if (!(err instanceof CoreError)) throw err; // publishing below says why
  }
  const notice: MeetingCreateBodyT = {
    title: '关于修订《阳光花园管理规约》的业主大会会议',
    description: '修订管理规约第十二条（车位管理）与第二十条（装修管理）。修订稿见附件。',
    form: 'collective',
    convener: 'committee',
    location: '阳光花园会所二楼多功能厅',
    opensAt: noticeOpens.toISOString(),
    closesAt: new Date(noticeOpens.getTime() + 10 * DAY).toISOString(),
    motions: [{ kind: 'resolution', title: '通过《阳光花园管理规约》修订稿', description: '', matter: 'covenant' }],
  };
  const noticeId = await lifecycle.saveDraft(db, estateId, null, notice, actor, new Date(day0.getTime() - 2 * DAY));
  try {
    await lifecycle.publish(db, estateId, noticeId, actor, new Date(day0.getTime() - DAY));
    log(`  阳光花园: meeting #${noticeId} in its notice period`);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    staysDraft(noticeId, err);
  }
}
