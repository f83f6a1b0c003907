import { z } from 'zod';
import { AreaString, Id, Timestamp } from './api';

/**
 * Owners' assembly meetings (业主大会会议): motions, notices, ballots (online / paper / proxy),
 * turnout, results and the ballot bundle. Paths are in endpoints.ts under "assembly".
 * All meeting paths are tenant paths: /api/estates/:estateId/meetings/:meetingId/…
 */

export const matterCodes = [
  'rules_of_procedure',
  'covenant',
  'committee_election',
  'property_manager',
  'fund_use',
  'fund_raise',
  'rebuild',
  'common_use_change',
  'other_major',
] as const;
export const MatterCode = z.enum(matterCodes);

export const meetingStates = ['draft', 'notice', 'voting', 'closed', 'final', 'archived', 'cancelled'] as const;
export const MeetingState = z.enum(meetingStates);
export const MeetingForm = z.enum(['written', 'collective']); // 书面征求意见 / 集体讨论
export const Convener = z.enum(['committee', 'interim_committee', 'prep_group', 'subdistrict']);
export const MotionKind = z.enum(['resolution', 'election']);
export const Choice = z.enum(['approve', 'reject', 'abstain']);
export const Channel = z.enum(['online', 'paper', 'proxy']);
export const Threshold = z.enum(['majority', 'supermajority']);

export const MeetingParams = z.object({ estateId: Id, meetingId: Id });

// ------------------------------------------------------------------ creating a meeting

export const CandidateInput = z.object({
  name: z.string().trim().min(1).max(40),
  statement: z.string().max(2000).default(''),
});
export const MotionInput = z.object({
  kind: MotionKind,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10000).default(''),
  matter: MatterCode,
  /** only the units of these buildings vote (e.g. one building's lift); absent = all units */
  scopeBuildingIds: z.array(Id).max(500).optional(),
  /** elections only */
  seats: z.number().int().min(1).max(50).optional(),
  candidates: z.array(CandidateInput).max(100).optional(),
});
export const MeetingCreateBody = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20000).default(''),
  form: MeetingForm,
  convener: Convener,
  /** collective meetings: where owners meet and sign in */
  location: z.string().max(200).optional(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  motions: z.array(MotionInput).min(1).max(30),
});
/** Only while the meeting is a draft; the whole meeting is replaced. */
export const MeetingUpdateBody = MeetingCreateBody;

export const PreDeliberationBody = z.object({ note: z.string().trim().min(1).max(5000) });
export const CancelBody = z.object({ reason: z.string().trim().min(1).max(2000) });

// ------------------------------------------------------------------ views

export const CandidateView = z.object({ id: z.string(), name: z.string(), statement: z.string() });
export const MotionView = z.object({
  /** bundle id, e.g. "m12" */
  id: z.string(),
  number: z.number().int(),
  kind: MotionKind,
  title: z.string(),
  description: z.string(),
  matter: MatterCode,
  threshold: Threshold,
  scope: z.object({ buildings: z.array(z.object({ id: z.number(), name: z.string() })), unitCount: z.number().int() }).nullable(),
  seats: z.number().int().nullable(),
  candidates: z.array(CandidateView),
});

export const Blocker = z.object({ code: z.string(), messageZh: z.string(), messageEn: z.string() });
export const Readiness = z.object({
  /** the next transition the meeting is waiting for */
  next: z.enum(['publish', 'open', 'close', 'finalize', 'archive']).nullable(),
  ready: z.boolean(),
  blockers: z.array(Blocker),
});

export const MeetingClocks = z.object({
  /** the earliest instant voting may open: the notice period after publication (CC 201–203) */
  earliestOpen: Timestamp.nullable(),
  /** preliminary result: objections accepted until this instant */
  objectionsUntil: Timestamp.nullable(),
  /** the final result notice must be posted by this instant */
  finalNoticeBy: Timestamp.nullable(),
  /** the final result notice stays up until this instant */
  postedUntil: Timestamp.nullable(),
  /** ballots kept until at least this day */
  retainUntil: z.string().nullable(),
  /** a clock could not be computed (e.g. CALENDAR_YEAR_UNKNOWN), with the reason */
  problems: z.array(Blocker),
});

export const MeetingSummary = z.object({
  id: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  title: z.string(),
  form: MeetingForm,
  convener: Convener,
  state: MeetingState,
  opensAt: Timestamp,
  closesAt: Timestamp,
  noticePublishedAt: Timestamp.nullable(),
  motionCount: z.number().int(),
  createdAt: Timestamp,
});
export const MeetingList = z.object({ items: z.array(MeetingSummary) });

export const AttachmentView = z.object({ id: z.number(), name: z.string(), size: z.number().int(), contentType: z.string() });

export const MeetingDetail = MeetingSummary.extend({
  description: z.string(),
  location: z.string().nullable(),
  profile: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
  motions: z.array(MotionView),
  attachments: z.array(AttachmentView),
  preDeliberation: z.object({ note: z.string(), recordedAt: Timestamp, recordedBy: z.string() }).nullable(),
  preDeliberationRequired: z.boolean(),
  rollFrozenAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  finalizedAt: Timestamp.nullable(),
  archivedAt: Timestamp.nullable(),
  cancelReason: z.string().nullable(),
  /** published at close */
  chainHead: z.string().nullable(),
  ballotCount: z.number().int(),
  clocks: MeetingClocks,
  readiness: Readiness,
  /** what the viewer may do here */
  can: z.object({ manage: z.boolean(), clerk: z.boolean(), supervise: z.boolean(), predeliberate: z.boolean() }),
});

// ------------------------------------------------------------------ roll and objections

export const RollQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  buildingId: Id.optional(),
});
/** Published roll: unit + area, never names (rules.md §8). */
export const RollRow = z.object({
  unitId: z.number(),
  unitNumber: z.string(),
  building: z.string(),
  area: AreaString,
  holderRef: z.string(),
  /** only for clerks and managers (to print a holder's paper ballot or register a proxy) */
  holderId: z.number().optional(),
});
export const RollList = z.object({
  items: z.array(RollRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  summary: z.object({ units: z.number().int(), holders: z.number().int(), totalArea: AreaString }),
  frozen: z.boolean(),
});

export const ObjectionKind = z.enum(['roll', 'result']);
export const ObjectionCreateBody = z.object({
  kind: ObjectionKind,
  unitNumber: z.string().max(40).optional(),
  text: z.string().trim().min(1).max(2000),
});
export const ObjectionResolveBody = z.object({ accepted: z.boolean(), response: z.string().trim().min(1).max(2000) });
export const ObjectionView = z.object({
  id: z.number(),
  kind: ObjectionKind,
  unitNumber: z.string().nullable(),
  text: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  response: z.string().nullable(),
  createdAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  mine: z.boolean(),
});
export const ObjectionList = z.object({ items: z.array(ObjectionView) });

// ------------------------------------------------------------------ voting (owners, proxies)

export const AnswerInput = z.object({
  motionId: z.string(),
  /** resolutions; 'invalid' (废票) only on paper ballots entered by clerks */
  choice: z.enum(['approve', 'reject', 'abstain', 'invalid']).optional(),
  /** elections: approved candidate ids (empty = blank ballot) */
  approve: z.array(z.string()).max(100).optional(),
});
export const CastBody = z.object({
  holderId: Id,
  answers: z.array(AnswerInput).min(1).max(30),
});
export const BallotReceipt = z.object({
  motionId: z.string(),
  receipt: z.string(),
  castAt: Timestamp,
  channel: Channel,
});
export const CastReply = z.object({ receipts: z.array(BallotReceipt) });

/** One holder the signed-in person may vote for in a meeting. */
export const VoterHolder = z.object({
  holderId: z.number(),
  /** 'owner' = the person's own (or co-owned, designated) holder; 'proxy' = by authorization */
  as: z.enum(['owner', 'proxy']),
  label: z.string(), // masked
  units: z.array(z.string()),
  area: AreaString,
  /** motions this holder votes on, with a receipt where already voted */
  motions: z.array(z.object({ motionId: z.string(), receipt: z.string().nullable(), channel: Channel.nullable(), castAt: Timestamp.nullable() })),
  /** why the holder cannot vote online, if so (e.g. another co-owner is designated) */
  blockedReason: z.string().nullable(),
});
export const MyMeeting = MeetingSummary.extend({ holders: z.array(VoterHolder) });
export const MyMeetingList = z.object({ items: z.array(MyMeeting) });
export const BallotForm = z.object({ meeting: MeetingDetail, holders: z.array(VoterHolder) });

export const ReceiptParams = z.object({ estateId: Id, meetingId: Id, receipt: z.string().regex(/^[0-9a-f]{32}$/) });
export const ReceiptCheck = z.object({
  found: z.literal(true),
  motionId: z.string(),
  /** the motion as the notice shows it: 议题 number and title */
  motionNumber: z.number().int(),
  motionTitle: z.string(),
  channel: Channel,
  castAt: Timestamp,
  /** null until the ballot is sealed into the chain (within seconds) */
  seq: z.number().int().nullable(),
  hash: z.string().nullable(),
  prevHash: z.string().nullable(),
  /** the ballot's content as hashed (JCS of the bundle ballot without "hash") */
  content: z.string().nullable(),
  /** recomputed from prevHash and content by the server; the page recomputes it too */
  hashVerified: z.boolean(),
  chainHead: z.string().nullable(),
  sealedCount: z.number().int(),
  meetingState: MeetingState,
});

// ------------------------------------------------------------------ paper ballots (clerks)

export const PaperLookupQuery = z.object({ code: z.string().min(4).max(400) });
export const PaperLookup = z.object({
  code: z.string(),
  holderId: z.number(),
  label: z.string(),
  units: z.array(z.string()),
  area: AreaString,
  motionIds: z.array(z.string()),
  /** motions the holder already has a counted ballot on (any channel) */
  alreadyVoted: z.array(z.object({ motionId: z.string(), channel: Channel })),
  /** a pending entry for this code awaiting confirmation */
  pendingEntryId: z.number().nullable(),
  used: z.boolean(),
});
/** multipart: fields `code`, `answers` (JSON of AnswerInput[]), `receivedAt` (optional ISO), file `scan` */
export const PaperEntryFields = z.object({
  code: z.string().min(4).max(400),
  answers: z.string().min(2).max(20000),
  receivedAt: Timestamp.optional(),
});
export const PaperConfirmBody = z.object({ answers: z.array(AnswerInput).min(1).max(30) });
export const PaperDiscardBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const PaperEntryView = z.object({
  id: z.number(),
  code: z.string(),
  holderId: z.number(),
  label: z.string(),
  units: z.array(z.string()),
  status: z.enum(['pending', 'confirmed', 'discarded']),
  enteredBy: z.string(),
  enteredAt: Timestamp,
  receivedAt: Timestamp,
  confirmedBy: z.string().nullable(),
  confirmedAt: Timestamp.nullable(),
  /** first entry's answers are hidden from the confirming clerk (double entry) */
  answers: z.array(AnswerInput).nullable(),
  mismatches: z.number().int(),
  note: z.string().nullable(),
  hasScan: z.boolean(),
});
export const PaperEntryList = z.object({ items: z.array(PaperEntryView) });
export const PaperConfirmReply = z.object({ entry: PaperEntryView, receipts: z.array(BallotReceipt) });

export const PrintJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
});

// ------------------------------------------------------------------ proxies

/** multipart: fields below + file `authorization` (the signed written authorization) */
export const ProxyFields = z.object({
  holderId: z.coerce.number().int().positive(),
  proxyName: z.string().trim().min(1).max(40),
  proxyPhone: z.string().regex(/^1[3-9]\d{9}$/),
  note: z.string().max(500).optional(),
});
export const ProxyView = z.object({
  id: z.number(),
  holderId: z.number(),
  holderLabel: z.string(),
  units: z.array(z.string()),
  proxyName: z.string(),
  proxyPhoneMasked: z.string(),
  status: z.enum(['active', 'revoked']),
  createdAt: Timestamp,
  hasAuthorization: z.boolean(),
});
export const ProxyList = z.object({ items: z.array(ProxyView), maxHoldersPerProxy: z.number().int() });

// ------------------------------------------------------------------ turnout, flags, results

export const WeightView = z.object({ area: AreaString, holders: z.number().int() });
export const TurnoutMotion = z.object({
  motionId: z.string(),
  title: z.string(),
  eligible: WeightView,
  participated: WeightView,
  /** percentages for display, two decimals ("68.42") */
  areaPercent: z.string(),
  holdersPercent: z.string(),
  /** the quorum as a fraction, e.g. "2/3" */
  quorum: z.string(),
  quorumReached: z.boolean(),
});
export const TurnoutBuilding = z.object({
  buildingId: z.number(),
  name: z.string(),
  motions: z.array(TurnoutMotion.omit({ title: true, quorum: true })),
});
export const Turnout = z.object({
  meetingId: z.number(),
  state: MeetingState,
  motions: z.array(TurnoutMotion),
  buildings: z.array(TurnoutBuilding),
  channels: z.object({ online: z.number().int(), paper: z.number().int(), proxy: z.number().int() }),
  pendingPaper: z.number().int(),
  computedAt: Timestamp,
});

export const FlagView = z.object({
  kind: z.enum(['proxy_many', 'phone_many', 'device_many']),
  /** masked: the proxy's name, a phone or a device reference */
  subject: z.string(),
  holders: z.number().int(),
  units: z.array(z.string()),
});
export const FlagList = z.object({ items: z.array(FlagView) });

/** holders not voted yet; owner accounts notified in-app; messages the delivery channel accepted */
export const ReminderReply = z.object({ holders: z.number().int(), notified: z.number().int(), delivered: z.number().int() });

/** The stored result: exactly the output of `gongzhi recount --json` (gongzhi.recount/1). */
export const MeetingResult = z.object({
  stage: z.enum(['preliminary', 'final']),
  computedAt: Timestamp,
  chainHead: z.string(),
  ballotCount: z.number().int(),
  channels: z.object({ online: z.number().int(), paper: z.number().int(), proxy: z.number().int() }),
  recount: z.record(z.string(), z.unknown()),
});

export const BallotListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  motionId: z.string().optional(),
});
/** The masked ballot list owners may inspect (every inspection is logged). */
export const BallotRow = z.object({
  seq: z.number().int().nullable(),
  motionId: z.string(),
  /** the motion as the notice shows it: 议题 number and title */
  motionNumber: z.number().int(),
  motionTitle: z.string(),
  /** the holder's units that vote on this motion (only those in its scope, if it has one) and their area: the weight counted */
  units: z.array(z.string()),
  area: AreaString,
  channel: Channel,
  castAt: Timestamp,
  choice: z.string().nullable(),
  approve: z.array(z.string()).nullable(),
  /** the approved candidates' names (as published in the notice), in the order of `approve` */
  approvedCandidates: z.array(z.string()).nullable(),
  hash: z.string().nullable(),
});
export const BallotList = z.object({ items: z.array(BallotRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ------------------------------------------------------------------ collective meetings: sign-in

export const AttendanceCode = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: Timestamp,
  /** the URL as a QR code (SVG markup) for the screen at the meeting */
  qrSvg: z.string(),
});
export const AttendanceBody = z.object({ token: z.string().min(8).max(200) });
export const AttendanceSummary = z.object({ holders: z.number().int(), area: AreaString, eligibleHolders: z.number().int(), eligibleArea: AreaString });

// ------------------------------------------------------------------ in-app notifications

export const NotificationView = z.object({
  id: z.number(),
  estateId: z.number(),
  meetingId: z.number().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number().int() });

// ------------------------------------------------------------------ public estate page

export const PublicMeeting = z.object({
  id: z.number(),
  title: z.string(),
  state: MeetingState,
  opensAt: Timestamp,
  closesAt: Timestamp,
  noticePublishedAt: Timestamp.nullable(),
  chainHead: z.string().nullable(),
  documents: z.array(z.object({ kind: z.enum(['notice', 'preliminary', 'final']), title: z.string(), url: z.string(), publishedAt: Timestamp })),
});
export const PublicEstatePage = z.object({
  estate: z.object({ id: z.number(), name: z.string(), address: z.string() }),
  meetings: z.array(PublicMeeting),
});

export type MeetingCreateBodyT = z.infer<typeof MeetingCreateBody>;
export type MotionInputT = z.infer<typeof MotionInput>;
export type MeetingDetailT = z.infer<typeof MeetingDetail>;
export type MeetingSummaryT = z.infer<typeof MeetingSummary>;
export type MotionViewT = z.infer<typeof MotionView>;
export type AnswerInputT = z.infer<typeof AnswerInput>;
export type VoterHolderT = z.infer<typeof VoterHolder>;
export type TurnoutT = z.infer<typeof Turnout>;
export type PaperLookupT = z.infer<typeof PaperLookup>;
export type PaperEntryViewT = z.infer<typeof PaperEntryView>;
export type ProxyViewT = z.infer<typeof ProxyView>;
export type ReceiptCheckT = z.infer<typeof ReceiptCheck>;
export type MeetingResultT = z.infer<typeof MeetingResult>;
export type BallotRowT = z.infer<typeof BallotRow>;
export type ObjectionViewT = z.infer<typeof ObjectionView>;
export type FlagViewT = z.infer<typeof FlagView>;
export type PublicEstatePageT = z.infer<typeof PublicEstatePage>;
export type NotificationViewT = z.infer<typeof NotificationView>;

// ------------------------------------------------------------------ co-owners designate who votes

export const HolderParams = z.object({ holderId: Id });
export const EstateHolderParams = z.object({ estateId: Id, holderId: Id });
export const CoOwnerView = z.object({ ownerId: z.number(), name: z.string(), isVoter: z.boolean(), isMe: z.boolean() });
export const CoOwnerList = z.object({ holderId: z.number(), estateId: z.number(), items: z.array(CoOwnerView), canDesignate: z.boolean() });
export const DesignateVoterBody = z.object({ ownerId: Id });
export type CoOwnerListT = z.infer<typeof CoOwnerList>;
