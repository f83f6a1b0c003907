/** The wire types of the API, inferred from the shared zod contracts (types only: no zod at runtime). */
import type { z } from 'zod';
import type {
  AuditList,
  Building,
  BuildingList,
  ClaimList,
  ClaimStatus,
  DemoAccounts,
  DocumentKind,
  EstateList,
  HolderKind,
  ImportJobList,
  ImportStatus,
  JurisdictionTree,
  CalendarStatus,
  CalendarYearAdded,
  MyUnits,
  NoticeList,
  OtpRequestReply,
  OwnerView,
  PublicEstate,
  PublicEstateList,
  UnitKind,
  AreaSource,
  JurisdictionLevel,
  AttachmentView,
  AttendanceCode,
  AttendanceSummary,
  BallotForm,
  BallotList,
  BallotReceipt,
  Blocker,
  CandidateView,
  CastBody,
  CastReply,
  Channel,
  Choice,
  Convener,
  FlagList,
  MatterCode,
  MeetingForm,
  MeetingList,
  MeetingState,
  MotionKind,
  MyMeeting,
  MyMeetingList,
  ObjectionCreateBody,
  ObjectionKind,
  ObjectionList,
  ObjectionResolveBody,
  PaperConfirmReply,
  PaperEntryList,
  PrintJob,
  ProxyList,
  PublicMeeting,
  Readiness,
  ReminderReply,
  RollList,
  RollRow,
  Threshold,
  TurnoutMotion,
} from '@gongzhi/contracts';

export type {
  MeT,
  EstateSummaryT,
  EstateDetailT,
  UnitRowT,
  UnitListT,
  ImportJobT,
  ImportRowErrorT,
  ClaimViewT,
  MyUnitT,
  NoticeT,
  AuditEntryT,
  DemoAccountT,
  JurisdictionNodeT,
  Role,
  Permission,
  FieldIssue,
  MeetingCreateBodyT,
  MotionInputT,
  MeetingDetailT,
  MeetingSummaryT,
  MotionViewT,
  AnswerInputT,
  VoterHolderT,
  TurnoutT,
  PaperLookupT,
  PaperEntryViewT,
  ProxyViewT,
  ReceiptCheckT,
  MeetingResultT,
  BallotRowT,
  ObjectionViewT,
  FlagViewT,
  PublicEstatePageT,
} from '@gongzhi/contracts';

export type OtpRequestReplyT = z.infer<typeof OtpRequestReply>;
export type DemoAccountsT = z.infer<typeof DemoAccounts>;
export type JurisdictionTreeT = z.infer<typeof JurisdictionTree>;
export type CalendarStatusT = z.infer<typeof CalendarStatus>;
export type CalendarYearAddedT = z.infer<typeof CalendarYearAdded>;
export type JurisdictionLevelT = z.infer<typeof JurisdictionLevel>;
export type EstateListT = z.infer<typeof EstateList>;
export type PublicEstateT = z.infer<typeof PublicEstate>;
export type PublicEstateListT = z.infer<typeof PublicEstateList>;
export type BuildingT = z.infer<typeof Building>;
export type BuildingListT = z.infer<typeof BuildingList>;
export type UnitKindT = z.infer<typeof UnitKind>;
export type AreaSourceT = z.infer<typeof AreaSource>;
export type HolderKindT = z.infer<typeof HolderKind>;
export type OwnerViewT = z.infer<typeof OwnerView>;
export type ImportStatusT = z.infer<typeof ImportStatus>;
export type ImportJobListT = z.infer<typeof ImportJobList>;
export type ClaimStatusT = z.infer<typeof ClaimStatus>;
export type ClaimListT = z.infer<typeof ClaimList>;
export type DocumentKindT = z.infer<typeof DocumentKind>;
export type MyUnitsT = z.infer<typeof MyUnits>;
export type NoticeListT = z.infer<typeof NoticeList>;
export type AuditListT = z.infer<typeof AuditList>;

// owners' assembly meetings (assembly.ts)
export type MatterCodeT = z.infer<typeof MatterCode>;
export type MeetingStateT = z.infer<typeof MeetingState>;
export type MeetingFormT = z.infer<typeof MeetingForm>;
export type ConvenerT = z.infer<typeof Convener>;
export type MotionKindT = z.infer<typeof MotionKind>;
export type ChoiceT = z.infer<typeof Choice>;
export type ChannelT = z.infer<typeof Channel>;
export type ThresholdT = z.infer<typeof Threshold>;
export type CandidateViewT = z.infer<typeof CandidateView>;
export type BlockerT = z.infer<typeof Blocker>;
export type ReadinessT = z.infer<typeof Readiness>;
export type AttachmentViewT = z.infer<typeof AttachmentView>;
export type MeetingListT = z.infer<typeof MeetingList>;
export type RollRowT = z.infer<typeof RollRow>;
export type RollListT = z.infer<typeof RollList>;
export type ObjectionKindT = z.infer<typeof ObjectionKind>;
export type ObjectionCreateBodyT = z.input<typeof ObjectionCreateBody>;
export type ObjectionResolveBodyT = z.infer<typeof ObjectionResolveBody>;
export type ObjectionListT = z.infer<typeof ObjectionList>;
export type CastBodyT = z.infer<typeof CastBody>;
export type CastReplyT = z.infer<typeof CastReply>;
export type BallotReceiptT = z.infer<typeof BallotReceipt>;
export type MyMeetingT = z.infer<typeof MyMeeting>;
export type MyMeetingListT = z.infer<typeof MyMeetingList>;
export type BallotFormT = z.infer<typeof BallotForm>;
export type PaperEntryListT = z.infer<typeof PaperEntryList>;
export type PaperConfirmReplyT = z.infer<typeof PaperConfirmReply>;
export type PrintJobT = z.infer<typeof PrintJob>;
export type ProxyListT = z.infer<typeof ProxyList>;
export type TurnoutMotionT = z.infer<typeof TurnoutMotion>;
export type FlagListT = z.infer<typeof FlagList>;
export type ReminderReplyT = z.infer<typeof ReminderReply>;
export type BallotListT = z.infer<typeof BallotList>;
export type AttendanceCodeT = z.infer<typeof AttendanceCode>;
export type AttendanceSummaryT = z.infer<typeof AttendanceSummary>;
export type PublicMeetingT = z.infer<typeof PublicMeeting>;

export interface PageQuery {
  page?: number;
  pageSize?: number;
}
