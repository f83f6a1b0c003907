import { buildElectorate, countMotion, formatArea, formatBound, formatPercent, votingRulesOf, type CountableBallot, type CountableMotion } from '@gongzhi/core';
import type { TurnoutT } from '@gongzhi/contracts';
import type { DB, Kysely } from '@gongzhi/db';
import type { MeetingRecord, MotionRecord } from './meeting';
import { profileById } from './profile';
import { candidateRef, holderRef, motionRef } from './refs';
import { type RollEntry, meetingRoll } from './roll';

function countable(m: MotionRecord): CountableMotion {
  return m.kind === 'election'
    ? { id: motionRef(m.id), matter: m.matter, kind: 'election', seats: m.seats ?? 1, candidates: m.candidates.map((c) => ({ id: candidateRef(c.id) })) }
    : { id: motionRef(m.id), matter: m.matter, kind: 'resolution' };
}

/**
 * Live turnout (participation only — no tallies while voting runs): for each motion and each
 * building, eligible and participated area and holders and whether the quorum is reached, all
 * computed by the legal core's countMotion over the roll and the ballots cast so far.
 */
export async function computeTurnout(db: Kysely<DB>, m: MeetingRecord, now: Date): Promise<TurnoutT> {
  const profile = profileById(m.profile_id);
  const rules = votingRulesOf(profile);
  const roll = await meetingRoll(db, m.estate_id, m.id, m.roll_frozen_at !== null, now);
  const ballots = await db
    .selectFrom('ballots')
    .select(['motion_id', 'holder_id', 'choice', 'approve', 'channel'])
    .where('estate_id', '=', m.estate_id)
    .where('meeting_id', '=', m.id)
    .execute();
  const pending = await db
    .selectFrom('paper_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', m.estate_id)
    .where('meeting_id', '=', m.id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const channels = { online: 0, paper: 0, proxy: 0 };
  const holdersByChannel = { online: new Set<number>(), paper: new Set<number>(), proxy: new Set<number>() };
  for (const b of ballots) holdersByChannel[b.channel].add(b.holder_id);
  for (const k of ['online', 'paper', 'proxy'] as const) channels[k] = holdersByChannel[k].size;

  const quorum = `${formatBound(profile.params.quorum.value.area).replace('≥ ', '')}`;
  const count = (motion: MotionRecord, units: RollEntry[]) => {
    const inScope = motion.scopeBuildingIds ? units.filter((u) => motion.scopeBuildingIds?.includes(u.buildingId)) : units;
    const electorate = buildElectorate(inScope.map((u) => ({ holder: holderRef(u.holderId), area: BigInt(u.areaCents) })));
    const cast: CountableBallot[] = ballots
      .filter((b) => b.motion_id === motion.id && electorate.weights.has(holderRef(b.holder_id)))
      .map((b) =>
        b.choice !== null
          ? { holder: holderRef(b.holder_id), choice: b.choice }
          : { holder: holderRef(b.holder_id), approve: (typeof b.approve === 'string' ? JSON.parse(b.approve) : b.approve) as string[] },
      );
    const c = countMotion({ motion: countable(motion), electorate, ballots: cast }, rules);
    return {
      motionId: motionRef(motion.id),
      eligible: { area: formatArea(c.eligible.area), holders: c.eligible.holders },
      participated: { area: formatArea(c.participated.area), holders: c.participated.holders },
      areaPercent: formatPercent(c.participated.area, c.eligible.area),
      holdersPercent: formatPercent(c.participated.holders, c.eligible.holders),
      quorumReached: c.quorum,
    };
  };
  const buildings = new Map<number, string>();
  for (const u of roll) buildings.set(u.buildingId, u.buildingName);
  return {
    meetingId: m.id,
    state: m.state,
    motions: m.motions.map((motion) => ({ ...count(motion, roll), title: motion.title, quorum })),
    buildings: [...buildings]
      .sort((a, b) => a[1].localeCompare(b[1], 'zh-CN', { numeric: true }))
      .map(([buildingId, name]) => {
        const units = roll.filter((u) => u.buildingId === buildingId);
        return {
          buildingId,
          name,
          motions: m.motions.filter((motion) => !motion.scopeBuildingIds || motion.scopeBuildingIds.includes(buildingId)).map((motion) => count(motion, units)),
        };
      }),
    channels,
    pendingPaper: Number(pending.n),
    computedAt: now.toISOString(),
  };
}
