/**
 * The data the printable documents (PDF) are made from. Plain values, already masked where the
 * document is public: the renderers never see a name the reader may not see.
 * Areas are decimal strings with two decimals ("89.37"); times are ISO 8601 strings and are
 * printed in China time (UTC+8).
 */

export interface DocumentEstate {
  name: string;
  address: string;
}

export interface DocumentCandidate {
  id: string;
  name: string;
  statement: string;
}

export interface DocumentMotion {
  /** as in the bundle: "m12" */
  id: string;
  /** 1, 2, 3 … in the meeting */
  number: number;
  kind: 'resolution' | 'election';
  title: string;
  description: string;
  /** matter label in Chinese, e.g. "选聘和解聘物业服务企业或者其他管理人（第四项）" */
  matterLabel: string;
  /** "双过半" or "双四分之三" */
  thresholdLabel: string;
  /** null = all units; otherwise e.g. "3号楼（共 150 户）" */
  scopeLabel: string | null;
  seats: number | null;
  candidates: DocumentCandidate[];
}

/** 业主大会会议通知（公告） */
export interface MeetingNoticeDoc {
  estate: DocumentEstate;
  meetingId: number;
  title: string;
  description: string;
  /** e.g. "业主委员会" */
  convenerLabel: string;
  /** "书面征求意见" or "集体讨论" */
  formLabel: string;
  location: string | null;
  publishedAt: string;
  opensAt: string;
  closesAt: string;
  /** statutory notice period in days, from the profile */
  noticeDays: number;
  /** where owners vote online, e.g. "https://…/m/meetings/12" */
  voteUrl: string;
  motions: DocumentMotion[];
  /** roll summary published with the notice */
  roll: { units: number; holders: number; totalArea: string };
  /** the jurisdiction profile name and the notice's legal basis, e.g. "《物业管理条例》第十四条" */
  legalBasis: string;
}

/** One holder's paper ballot (表决票). */
export interface PaperBallotDoc {
  holderLabel: string; // masked, e.g. "张*"
  /** unit numbers of the holder in this meeting, e.g. ["1-1-101", "1-1-102"] */
  units: string[];
  /** the holder's total area, "89.37" */
  area: string;
  /** one-time ballot code printed in words and in the QR code, e.g. "K7QD-2M9X-PA4C" */
  code: string;
  /** the QR code's text (see ballotQrPayload) */
  qrText: string;
  /** the motions this holder votes on (scoped motions only where the holder has a unit in scope) */
  motionIds: string[];
}

export interface PaperBallotsDoc {
  estate: DocumentEstate;
  meetingId: number;
  title: string;
  opensAt: string;
  closesAt: string;
  /** where paper ballots are returned, free text */
  returnInstructions: string;
  motions: DocumentMotion[];
  ballots: PaperBallotDoc[];
}

export interface ResultWeight {
  area: string;
  holders: number;
}

export interface ResultMotionDoc {
  motion: DocumentMotion;
  eligible: ResultWeight;
  participated: ResultWeight;
  quorum: boolean;
  /** 'passed' | 'failed' | 'no_quorum' */
  result: string;
  /** resolutions */
  tally?: { approve: ResultWeight; reject: ResultWeight; abstain: ResultWeight; invalid: ResultWeight };
  /** elections, in the motion's candidate order */
  candidates?: { id: string; name: string; approve: ResultWeight; qualified: boolean; elected: boolean; runoff: boolean }[];
}

/** 表决结果公告: preliminary (with an objection period) or final. */
export interface ResultNoticeDoc {
  estate: DocumentEstate;
  meetingId: number;
  title: string;
  stage: 'preliminary' | 'final';
  publishedAt: string;
  opensAt: string;
  closesAt: string;
  /** preliminary: objections until (inclusive China date "YYYY-MM-DD"); final: posted until */
  untilDay: string;
  chainHead: string;
  ballotCount: number;
  channels: { online: number; paper: number; proxy: number };
  motions: ResultMotionDoc[];
  /** how anyone can recount: e.g. "gongzhi recount bundle.json --expect-head <head>" */
  recountHint: string;
}
