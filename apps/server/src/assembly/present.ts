import type { MeetingDetailT, MeetingSummaryT, MotionViewT } from '@gongzhi/contracts';
import type { Permission } from '@gongzhi/contracts';
import { thresholdOf, votingRulesOf } from '@gongzhi/core';
import type { DB, Kysely } from '@gongzhi/db';
import { iso } from '../http/format';
import { meetingClocks } from './clocks';
import { readiness } from './lifecycle';
import type { MeetingRecord, MotionRecord } from './meeting';
import { profileById } from './profile';
import { candidateRef, motionRef } from './refs';

export function motionView(m: MotionRecord, buildings: Map<number, string>, unitsPerBuilding: Map<number, number>, profileId: string): MotionViewT {
  return {
    id: motionRef(m.id),
    number: m.position,
    kind: m.kind,
    title: m.title,
    description: m.description,
    matter: m.matter,
    threshold: thresholdOf(m.matter, votingRulesOf(profileById(profileId))),
    scope: m.scopeBuildingIds
      ? {
          buildings: m.scopeBuildingIds.map((id) => ({ id, name: buildings.get(id) ?? `#${id}` })),
          unitCount: m.scopeBuildingIds.reduce((s, id) => s + (unitsPerBuilding.get(id) ?? 0), 0),
        }
      : null,
    seats: m.seats,
    candidates: m.candidates.map((c) => ({ id: candidateRef(c.id), name: c.name, statement: c.statement })),
  };
}

export function summaryView(m: MeetingRecord | (Omit<MeetingRecord, 'motions'> & { motionCount: number }), estateName: string): MeetingSummaryT {
  return {
    id: m.id,
    estateId: m.estate_id,
    estateName,
    title: m.title,
    form: m.form,
    convener: m.convener,
    state: m.state,
    opensAt: m.opens_at.toISOString(),
    closesAt: m.closes_at.toISOString(),
    noticePublishedAt: iso(m.notice_published_at),
    motionCount: 'motions' in m ? m.motions.length : m.motionCount,
    createdAt: m.created_at.toISOString(),
  };
}

export async function detailView(db: Kysely<DB>, m: MeetingRecord, perms: Set<Permission>, now: Date): Promise<MeetingDetailT> {
  const profile = profileById(m.profile_id);
  const estate = await db.selectFrom('estates').select('name').where('id', '=', m.estate_id).executeTakeFirstOrThrow();
  const buildings = new Map((await db.selectFrom('buildings').select(['id', 'name']).where('estate_id', '=', m.estate_id).execute()).map((b) => [b.id, b.name]));
  const unitCounts = new Map(
    (
      await db
        .selectFrom('units')
        .select(['building_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('estate_id', '=', m.estate_id)
        .groupBy('building_id')
        .execute()
    ).map((r) => [r.building_id, Number(r.n)]),
  );
  const attachments = await db
    .selectFrom('meeting_attachments as a')
    .innerJoin('files as f', (j) => j.onRef('f.estate_id', '=', 'a.estate_id').onRef('f.id', '=', 'a.file_id'))
    .select(['f.id', 'f.name', 'f.size', 'f.content_type'])
    .where('a.estate_id', '=', m.estate_id)
    .where('a.meeting_id', '=', m.id)
    .execute();
  const pre = m.pre_deliberated_by ? await db.selectFrom('accounts').select('display_name').where('id', '=', m.pre_deliberated_by).executeTakeFirst() : null;
  const ballots = await db
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', m.estate_id)
    .where('meeting_id', '=', m.id)
    .executeTakeFirstOrThrow();
  const clocks = meetingClocks(m, profile, now);
  const ready = await readiness(db, m, now, clocks);
  return {
    ...summaryView(m, estate.name),
    description: m.description,
    location: m.location,
    profile: { id: profile.id, nameZh: profile.name.zh, nameEn: profile.name.en },
    motions: m.motions.map((x) => motionView(x, buildings, unitCounts, m.profile_id)),
    attachments: attachments.map((a) => ({ id: a.id, name: a.name, size: a.size, contentType: a.content_type })),
    preDeliberation: m.pre_deliberated_at ? { note: m.pre_deliberation_note ?? '', recordedAt: m.pre_deliberated_at.toISOString(), recordedBy: pre?.display_name ?? '' } : null,
    preDeliberationRequired: m.motions.some((x) => profile.params.preDeliberationMatters.value.includes(x.matter)),
    rollFrozenAt: iso(m.roll_frozen_at),
    closedAt: iso(m.closed_at),
    finalizedAt: iso(m.finalized_at),
    archivedAt: iso(m.archived_at),
    cancelReason: m.cancel_reason,
    chainHead: m.chain_head,
    ballotCount: Number(ballots.n),
    clocks: {
      earliestOpen: iso(clocks.earliestOpen),
      objectionsUntil: iso(clocks.objectionsUntil),
      finalNoticeBy: iso(clocks.finalNoticeBy),
      postedUntil: iso(clocks.postedUntil),
      retainUntil: clocks.retainUntil,
      problems: clocks.problems,
    },
    readiness: ready,
    can: {
      manage: perms.has('meeting.manage'),
      clerk: perms.has('ballot.clerk'),
      supervise: perms.has('meeting.supervise'),
      predeliberate: perms.has('meeting.predeliberate'),
    },
  };
}
