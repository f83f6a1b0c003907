/**
 * @gongzhi/core — the legal core: pure TypeScript over plain data, no I/O (node:crypto only).
 * See docs/core.md.
 */

export { CoreError, assertNever } from './errors';
export type { JsonObject, JsonPrimitive, JsonValue } from './json/types';

// Areas and ratios: exact integers, never floating point.
export { type AreaHundredths, type AreaParseFailure, formatArea, parseArea, sumAreas, tryParseArea } from './area/area';
export { type Bound, type Ratio, atLeast, formatBound, formatPercent, meetsBound, moreThan, ratio } from './ratio/ratio';

// Time.
export {
  type CivilDate,
  addDays,
  addMonths,
  compareCivilDates,
  daysBetween,
  daysInMonth,
  formatCivilDate,
  isWeekend,
  parseCivilDate,
  weekday,
} from './time/civil-date';
export { type Instant, compareInstants, instantToDate, parseRfc3339 } from './time/rfc3339';

// The ballot bundle and its validation.
export * from './bundle/types';
export { MATTER_LABELS } from './bundle/matters';
export { ISSUE_CODES, type Issue, type IssueCode } from './bundle/issues';
export { type BundleValidation, validateBundle } from './bundle/validate';

// Counting.
export { type Electorate, type WeightedUnit, buildElectorate } from './voting/electorate';
export type {
  BundleCount,
  CandidateCount,
  CountableBallot,
  CountableMotion,
  ElectionCount,
  MotionCount,
  MotionResult,
  ResolutionCount,
  Weight,
} from './voting/types';
export { type MotionCountInput, countMotion } from './voting/count-motion';
export { countBundle } from './voting/count-bundle';
export {
  RECOUNT_FORMAT,
  type ElectionJson,
  type MotionJson,
  type RecountJson,
  type ResolutionJson,
  type WeightJson,
  motionJson,
  toRecountJson,
  weightJson,
} from './voting/present';
export { type RecountOutcome, recountBundle } from './voting/recount';

// Jurisdiction profiles.
export type {
  AreaAndHolders,
  AreaSource,
  Cited,
  DeepPartial,
  JurisdictionProfile,
  LocalizedName,
  ParamName,
  ParamOverride,
  ParamValues,
  Period,
  ProfileOverrides,
  ProfileParams,
  SizeRange,
  SmallEstateCommittee,
  VerificationStatus,
} from './profiles/types';
export { NATIONAL_PROFILE } from './profiles/national';
export { BEIJING, HANGZHOU, HENAN, SHANDONG, SHANGHAI } from './profiles/local';
export { PROFILES, type ProfileId, listProfiles, resolveProfile } from './profiles/registry';
export { ProfileInvalidError, checkedProfile, deepMerge, defineProfile } from './profiles/define';
export { type ProfileIssue, validateProfile } from './profiles/validate';
export { type ThresholdName, type VotingRules, approvalBounds, thresholdOf, votingRulesOf } from './profiles/voting-rules';

// Statutory clocks.
export { CalendarYearUnknownError } from './calendar/errors';
export { HolidayCalendar } from './calendar/holiday-calendar';
export { parseHolidayYear, type HolidayYear } from './calendar/holiday-data';
export { CN_MAINLAND_CALENDAR } from './calendar/cn-mainland';
export { CHINA_UTC_OFFSET_MINUTES, chinaDateOf, chinaStartOfDay, triggerDay } from './calendar/china-time';
export {
  type CalendarSource,
  type DayKind,
  type PeriodEnd,
  calendarOf,
  daysRemaining,
  deadline,
  isOverdue,
  periodBefore,
  periodEnd,
  reelectionStartBy,
  termEndDay,
} from './calendar/deadline';

// Canonical JSON and hash chains.
export { canonicalize, canonicalizeWithout, serializeNumber, serializeString } from './chain/jcs';
export { isHashHex, sha256Hex } from './chain/sha256';
export { type ChainAccess, type ChainCheck, GENESIS_HASH, buildChain, chainHash, hashFieldAccess, verifyChain, withoutHash } from './chain/chain';
export { type BallotChainCheck, type BallotChainFailure, ballotContent, sealBallots, verifyBallotChain } from './chain/ballot-chain';
export { seededRandom } from './random/seeded';

// Paper ballots: one-time ballot codes and the ballot's QR text.
export {
  BALLOT_CODE_ALPHABET,
  BALLOT_CODE_LENGTH,
  BALLOT_CODE_MIN_BYTES,
  BALLOT_QR_PREFIX,
  type BallotQr,
  ballotQrPayload,
  formatBallotCode,
  normalizeBallotCode,
  parseBallotQr,
} from './paper/ballot-code';
