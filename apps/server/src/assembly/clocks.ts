import { CoreError, addMonths, chinaDateOf, deadline, formatCivilDate, type JurisdictionProfile } from '@gongzhi/core';
import type { MeetingRow } from './meeting';

export interface Problem {
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface MeetingClocks {
  earliestOpen: Date | null;
  objectionsUntil: Date | null;
  finalNoticeBy: Date | null;
  postedUntil: Date | null;
  retainUntil: string | null;
  problems: Problem[];
}

/** Runs a clock computation; a missing holiday year becomes a listed problem, not a crash. */
function attempt<T>(problems: Problem[], f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    if (err instanceof CoreError) {
      if (!problems.some((p) => p.code === err.code && p.messageEn === err.message_en)) {
        problems.push({ code: err.code, messageZh: err.message_zh, messageEn: err.message_en });
      }
      return null;
    }
    throw err;
  }
}

/**
 * The statutory clocks of a meeting (rules.md §1: a period starts the day after its trigger, a
 * last day on a public holiday moves to the next working day, the day ends at 24:00):
 * - earliestOpen: the notice period (profile noticeDays, PMR 14) after the notice was published
 *   — or, for a draft, after `now` as if it were published now;
 * - objectionsUntil: the objection period after the preliminary result (profile resultObjectionDays);
 * - finalNoticeBy: the result must be posted within resultPosting.startWithinDays of the count;
 * - postedUntil: the final notice stays up resultPosting.minDays;
 * - retainUntil: ballots are kept ballotRetention.minYears, and at least the challenge period.
 */
export function meetingClocks(m: MeetingRow, profile: JurisdictionProfile, now: Date): MeetingClocks {
  const p = profile.params;
  const problems: Problem[] = [];
  const published = m.notice_published_at ?? (m.state === 'draft' ? now : null);
  const earliestOpen = published ? attempt(problems, () => deadline(published, p.noticeDays.value, profile)) : null;
  const objectionsUntil = m.closed_at ? attempt(problems, () => deadline(m.closed_at as Date, p.resultObjectionDays.value, profile)) : null;
  const finalNoticeBy = m.closed_at ? attempt(problems, () => deadline(m.closed_at as Date, p.resultPosting.value.startWithinDays, profile)) : null;
  const postedUntil = m.finalized_at ? attempt(problems, () => deadline(m.finalized_at as Date, p.resultPosting.value.minDays, profile)) : null;
  let retainUntil: string | null = null;
  if (m.closed_at) {
    const retention = p.ballotRetention.value;
    const years = Math.max(retention.minYears, retention.atLeastChallengePeriod ? p.decisionChallengeYears.value : 0);
    retainUntil = formatCivilDate(addMonths(chinaDateOf(m.closed_at), years * 12));
  }
  return { earliestOpen, objectionsUntil, finalNoticeBy, postedUntil, retainUntil, problems };
}
