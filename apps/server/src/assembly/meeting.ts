import type { MatterCode } from '@gongzhi/core';
import type { DB, Kysely, MeetingStateDb, Row } from '@gongzhi/db';
import { AppError } from '../errors';

export interface CandidateRecord {
  id: number;
  position: number;
  name: string;
  statement: string;
}

export interface MotionRecord {
  id: number;
  position: number;
  kind: 'resolution' | 'election';
  title: string;
  description: string;
  matter: MatterCode;
  seats: number | null;
  scopeBuildingIds: number[] | null;
  candidates: CandidateRecord[];
}

export type MeetingRow = Row<'meetings'>;

export interface MeetingRecord extends MeetingRow {
  state: MeetingStateDb;
  motions: MotionRecord[];
}

/** Loads a meeting with its motions and candidates (in their order), or throws MEETING_NOT_FOUND. */
export async function loadMeeting(db: Kysely<DB>, estateId: number, meetingId: number): Promise<MeetingRecord> {
  const meeting = await db.selectFrom('meetings').selectAll().where('estate_id', '=', estateId).where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new AppError('MEETING_NOT_FOUND');
  const motions = await db.selectFrom('motions').selectAll().where('estate_id', '=', estateId).where('meeting_id', '=', meetingId).orderBy('position').execute();
  const candidates = motions.length
    ? await db
        .selectFrom('candidates')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where(
          'motion_id',
          'in',
          motions.map((m) => m.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return {
    ...meeting,
    state: meeting.state as MeetingStateDb,
    motions: motions.map((m) => ({
      id: m.id,
      position: m.position,
      kind: m.kind,
      title: m.title,
      description: m.description,
      matter: m.matter as MatterCode,
      seats: m.seats,
      scopeBuildingIds: (m.scope_building_ids as number[] | null) ?? null,
      candidates: candidates
        .filter((c) => c.motion_id === m.id)
        .map((c) => ({ id: c.id, position: c.position, name: c.name, statement: c.statement })),
    })),
  };
}
