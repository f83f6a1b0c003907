import type { MatterCode } from '../bundle/types';
import type { Bound, Ratio } from '../ratio/ratio';

/**
 * How a rule was checked (shared/domain/rules.md):
 * V = against the full statute text; S = only against a secondary page quoting it;
 * U = not confirmed — a lawyer must check it before anyone relies on it.
 */
export type VerificationStatus = 'V' | 'S' | 'U';

/** A parameter value with the provision it comes from and how well that was checked. */
export interface Cited<T> {
  readonly value: T;
  /** e.g. "CC 278", "PMR 14", "BJ 49" (abbreviations as in rules.md) */
  readonly source: string;
  readonly status: VerificationStatus;
  readonly note?: string;
}

/** A span of time as statutes state it. */
export interface Period {
  readonly amount: number;
  readonly unit: 'days' | 'working_days' | 'months' | 'years';
}

/** Both dimensions of a vote: share of area AND share of holders (headcount). */
export interface AreaAndHolders {
  readonly area: Bound;
  readonly holders: Bound;
}

export interface SizeRange {
  readonly min: number;
  /** null = no upper limit */
  readonly max: number | null;
  /** the number of members must be odd */
  readonly odd: boolean;
}

/** A smaller committee allowed for small estates (BJ 39: ≤ 100 households; SH 20: ≤ 10,000 m²). */
export type SmallEstateCommittee =
  | { readonly by: 'households'; readonly maxHouseholds: number; readonly min: number }
  | { readonly by: 'area'; /** m², decimal string */ readonly maxArea: string; readonly min: number };

export type AreaSource = 'register' | 'survey' | 'contract';

/** Every parameter of rules.md §9 (and the §2–§7 numbers they rest on), by name. */
export interface ParamValues {
  /** 参与表决: participated area and holders, each against the eligible totals (CC 278(2)) */
  readonly quorum: AreaAndHolders;
  /** 双过半: approval for items 1–5 and 9 (CC 278(2)) */
  readonly majority: AreaAndHolders;
  /** 双四分之三: approval for items 6–8 (CC 278(2)) */
  readonly supermajority: AreaAndHolders;
  /** matter codes that need the supermajority */
  readonly supermajorityMatters: readonly MatterCode[];
  /**
   * GR lets meeting rules count non-voters with the majority. Doubtful under the Civil Code; the
   * engine does not implement it, so the only admissible value is false.
   */
  readonly countNonVotersWithMajority: false;
  readonly areaSourceOrder: readonly AreaSource[];
  readonly headcount: {
    /** all of the builder's unsold or undelivered units together are one holder */
    readonly builderUnitsAsOneHolder: boolean;
    /** a buyer of several units is one holder */
    readonly multiUnitBuyerAsOneHolder: boolean;
  };
  /** whether parking-space area counts for voting */
  readonly parkingAreaCounts: 'by_meeting_rules' | 'included' | 'excluded';
  /** an owner may sue to revoke a decision within this many years of knowing of it */
  readonly decisionChallengeYears: number;
  /** notice of an assembly meeting, days before it */
  readonly noticeDays: number;
  /** owners who may demand a special meeting; area null = headcount only (PMR 13) */
  readonly specialMeetingTrigger: { readonly area: Bound | null; readonly holders: Bound };
  /** file the committee's election with the authorities within */
  readonly filingDays: number;
  /** report changes of a filing within */
  readonly filingChangeDays: number;
  /** when the first assembly can be formed: delivered exclusive area, with local variants */
  readonly formationTrigger: {
    readonly deliveredArea: Bound;
    /** HZ: a lower share suffices once the first unit was delivered this many years ago */
    readonly orAfterFirstDelivery: { readonly deliveredArea: Bound; readonly years: number } | null;
    /** BJ: an application by this share of owners or of area */
    readonly application: { readonly holders: Bound; readonly area: Bound } | null;
  };
  /** the government forms the preparation group within, after the written application */
  readonly prepGroupFormationDays: number;
  readonly prepGroupComposition: {
    readonly ownerShare: Bound;
    readonly oddSize: boolean;
    readonly ledBy: 'subdistrict' | 'neighborhood';
  };
  /** preparation matters posted before the first meeting */
  readonly prepNotice: {
    readonly daysBeforeMeeting: number;
    /** HN 21: the notice stays up at least this many days; null = no separate rule */
    readonly minPostedDays: number | null;
  };
  /** the first meeting is held within this many days of the group forming */
  readonly preparationPeriodDays: number;
  readonly committeeSize: SizeRange & { readonly smallEstate: SmallEstateCommittee | null };
  readonly committeeTermYears: { readonly min: number | null; readonly max: number };
  /** first committee meeting (choosing the chair) within this many days of the election */
  readonly firstCommitteeMeetingDays: number;
  readonly committeePosting: { readonly agendaDaysBefore: number; readonly decisionsWithinDays: number };
  readonly committeeMeetings: {
    /** this share of members may demand a meeting … */
    readonly requestShare: Bound;
    /** … which is then held within */
    readonly holdWithinDays: number;
    /** attendance needed, of all members */
    readonly attendance: Bound;
    /** a decision needs this share of all members */
    readonly decision: Bound;
    readonly proxiesAllowed: boolean;
    /** a meeting at least every this many months; null = no rule */
    readonly maxIntervalMonths: number | null;
  };
  /** start the re-election (or report it to the street office) this long before the term ends */
  readonly reelectionLead: Period;
  readonly handoverDays: { readonly endOfTerm: number; readonly memberLeaves: number };
  /** who may propose removing a committee member */
  readonly recallProposal: { readonly members: Bound; readonly holders: Bound };
  /** assembly decisions posted within */
  readonly assemblyDecisionPostingDays: number;
  readonly interimCommitteeSize: SizeRange;
  readonly interimCommitteeOwnerShare: Bound;
  readonly interimCommitteeTermYears: number;
  /** dissolved within this many days of a committee being elected and filed */
  readonly interimCommitteeDissolutionDays: number;
  readonly interimCommitteeDecisionPosting: { readonly withinDays: number; readonly forWorkingDays: number };
  readonly eVotingPeriod: { readonly minDays: number; readonly maxDays: number };
  /** online votes must go through the city's official system */
  readonly eVotingOfficialPlatformOnly: boolean;
  readonly maxHoldersPerProxy: number;
  /** a cast ballot may be changed while voting is open (Beijing app: one vote per unit, no changes) */
  readonly ballotChangeAllowed: boolean;
  /** matters the party branch pre-deliberates (党员先议) before the notice is published */
  readonly preDeliberationMatters: readonly MatterCode[];
  /** objections to the preliminary result are accepted for this many days after it is posted */
  readonly resultObjectionDays: number;
  readonly resultPosting: { readonly startWithinDays: number; readonly minDays: number };
  readonly ballotRetention: { readonly minYears: number; readonly atLeastChallengePeriod: boolean };
  /** first deposit, as a share of the local construction cost per m² */
  readonly fundFirstDeposit: { readonly min: Ratio; readonly max: Ratio };
  /** a unit's balance below this share of its first deposit must be topped up (to topUpTo, if set) */
  readonly fundTopUp: { readonly below: Ratio; readonly topUpTo: Ratio | null };
  readonly emergencyRepairApprovalDays: number;
  readonly disclosureIntervalMonths: { readonly fund: number; readonly commonIncome: number };
  readonly auditPostingDays: number;
  /** the holiday calendar statutory clocks use (CC 201–203) */
  readonly calendar: { readonly id: 'cn-mainland' };
}

export type ParamName = keyof ParamValues;

export type ProfileParams = { readonly [K in ParamName]: Cited<ParamValues[K]> };

export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}

/** A jurisdiction profile: the national defaults, or a province's or city's version of them. */
export interface JurisdictionProfile {
  readonly id: string;
  readonly name: LocalizedName;
  /** the profile this one overrides (null for the national defaults) */
  readonly parent: string | null;
  readonly params: ProfileParams;
}

/** Makes every object member optional, recursively; arrays and scalars are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** An override of one parameter: a (partial) value and the provision it comes from. */
export interface ParamOverride<T> {
  readonly value: DeepPartial<T>;
  readonly source: string;
  readonly status: VerificationStatus;
  readonly note?: string;
}

export interface ProfileOverrides {
  readonly id: string;
  readonly name: LocalizedName;
  readonly params: { readonly [K in ParamName]?: ParamOverride<ParamValues[K]> };
}
