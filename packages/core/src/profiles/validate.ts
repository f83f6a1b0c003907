import { tryParseArea } from '../area/area';
import { MATTER_CODES } from '../bundle/types';
import type { ParamName } from './types';

/** One problem in a jurisdiction profile. */
export interface ProfileIssue {
  readonly path: string;
  readonly message_zh: string;
  readonly message_en: string;
}

type Check = (value: unknown, path: string, out: ProfileIssue[]) => void;

const problem = (out: ProfileIssue[], path: string, zh: string, en: string): void => {
  out.push({ path, message_zh: zh, message_en: en });
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(value: unknown, key: string, path: string, out: ProfileIssue[], check: Check): void {
  if (!isRecord(value)) {
    problem(out, path, '应为对象', 'expected an object');
    return;
  }
  check(value[key], `${path}.${key}`, out);
}

const positiveInt: Check = (v, path, out) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) problem(out, path, '应为正整数', 'expected a positive integer');
};
const nullable = (check: Check): Check => (v, path, out) => {
  if (v !== null) check(v, path, out);
};
const boolean: Check = (v, path, out) => {
  if (typeof v !== 'boolean') problem(out, path, '应为布尔值', 'expected a boolean');
};
const oneOf = (values: readonly string[]): Check => (v, path, out) => {
  if (typeof v !== 'string' || !values.includes(v)) problem(out, path, `应为 ${values.join(' / ')} 之一`, `expected one of ${values.join(', ')}`);
};
const ratioCheck: Check = (v, path, out) => {
  if (!isRecord(v)) return problem(out, path, '比例应为 {num, den}', 'a ratio must be {num, den}');
  const { num, den } = v;
  if (typeof num !== 'number' || typeof den !== 'number' || !Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den < 1 || num < 0 || num > den) {
    problem(out, path, '比例须满足 0 ≤ num ≤ den、den ≥ 1 且均为整数', 'a ratio needs integers with 0 ≤ num ≤ den and den ≥ 1');
  }
};
const bound: Check = (v, path, out) => {
  field(v, 'ratio', path, out, ratioCheck);
  field(v, 'inclusive', path, out, boolean);
};
const object = (shape: Record<string, Check>): Check => (v, path, out) => {
  if (!isRecord(v)) return problem(out, path, '应为对象', 'expected an object');
  for (const key of Object.keys(shape)) field(v, key, path, out, shape[key] as Check);
  for (const key of Object.keys(v)) if (!(key in shape)) problem(out, `${path}.${key}`, '未知参数字段', 'unknown parameter field');
};
const areaAndHolders = object({ area: bound, holders: bound });
const sizeRange = (extra: Record<string, Check> = {}): Check => (v, path, out) => {
  object({ min: positiveInt, max: nullable(positiveInt), odd: boolean, ...extra })(v, path, out);
  if (!isRecord(v) || typeof v['min'] !== 'number') return;
  const { min, max, odd } = v as { min: number; max: number | null; odd: boolean };
  if (typeof max === 'number' && max < min) problem(out, `${path}.max`, '上限小于下限', 'max is below min');
  if (odd === true && (min % 2 === 0 || (typeof max === 'number' && max % 2 === 0))) {
    problem(out, path, '要求奇数时上下限须为奇数', 'with odd sizes, min and max must be odd');
  }
};
const smallEstate: Check = (v, path, out) => {
  if (!isRecord(v)) return problem(out, path, '应为对象', 'expected an object');
  if (v['by'] === 'households') object({ by: oneOf(['households']), maxHouseholds: positiveInt, min: positiveInt })(v, path, out);
  else if (v['by'] === 'area') {
    object({ by: oneOf(['area']), maxArea: (a, p, o) => void (tryParseArea(a).ok || problem(o, p, '面积无效', 'bad area')), min: positiveInt })(v, path, out);
  } else problem(out, `${path}.by`, '应为 households 或 area', 'expected households or area');
};
const uniqueList = (values: readonly string[], allowEmpty: boolean): Check => (v, path, out) => {
  if (!Array.isArray(v)) return problem(out, path, '应为数组', 'expected an array');
  if (!allowEmpty && v.length === 0) problem(out, path, '不能为空', 'must not be empty');
  const seen = new Set<unknown>();
  v.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || !values.includes(item)) problem(out, `${path}[${i}]`, `应为 ${values.join(' / ')} 之一`, `expected one of ${values.join(', ')}`);
    if (seen.has(item)) problem(out, `${path}[${i}]`, '重复', 'duplicate');
    seen.add(item);
  });
};

/** One check per parameter; the mapped type makes the list exhaustive at compile time. */
const PARAM_CHECKS: { readonly [K in ParamName]: Check } = {
  quorum: areaAndHolders,
  majority: areaAndHolders,
  supermajority: areaAndHolders,
  supermajorityMatters: uniqueList(MATTER_CODES, true),
  countNonVotersWithMajority: (v, path, out) => {
    if (v !== false) {
      problem(out, path, '不支持"未投票视为同意多数"：该规则与民法典存疑，计票引擎未实现', 'counting non-voters with the majority is not supported: it is doubtful under the Civil Code and the engine deliberately leaves it out');
    }
  },
  areaSourceOrder: uniqueList(['register', 'survey', 'contract'], false),
  headcount: object({ builderUnitsAsOneHolder: boolean, multiUnitBuyerAsOneHolder: boolean }),
  parkingAreaCounts: oneOf(['by_meeting_rules', 'included', 'excluded']),
  decisionChallengeYears: positiveInt,
  noticeDays: positiveInt,
  specialMeetingTrigger: object({ area: nullable(bound), holders: bound }),
  filingDays: positiveInt,
  filingChangeDays: positiveInt,
  formationTrigger: object({
    deliveredArea: bound,
    orAfterFirstDelivery: nullable(object({ deliveredArea: bound, years: positiveInt })),
    application: nullable(object({ holders: bound, area: bound })),
  }),
  prepGroupFormationDays: positiveInt,
  prepGroupComposition: object({ ownerShare: bound, oddSize: boolean, ledBy: oneOf(['subdistrict', 'neighborhood']) }),
  prepNotice: object({ daysBeforeMeeting: positiveInt, minPostedDays: nullable(positiveInt) }),
  preparationPeriodDays: positiveInt,
  committeeSize: (v, path, out) => {
    sizeRange({ smallEstate: nullable(smallEstate) })(v, path, out);
    if (isRecord(v) && isRecord(v['smallEstate']) && typeof v['min'] === 'number' && typeof v['smallEstate']['min'] === 'number' && v['smallEstate']['min'] > v['min']) {
      problem(out, `${path}.smallEstate.min`, '小区域下限不应大于一般下限', 'the small-estate minimum exceeds the general minimum');
    }
  },
  committeeTermYears: (v, path, out) => {
    object({ min: nullable(positiveInt), max: positiveInt })(v, path, out);
    if (isRecord(v) && typeof v['min'] === 'number' && typeof v['max'] === 'number' && v['min'] > v['max']) {
      problem(out, path, '任期下限大于上限', 'the minimum term exceeds the maximum');
    }
  },
  firstCommitteeMeetingDays: positiveInt,
  committeePosting: object({ agendaDaysBefore: positiveInt, decisionsWithinDays: positiveInt }),
  committeeMeetings: object({
    requestShare: bound,
    holdWithinDays: positiveInt,
    attendance: bound,
    decision: bound,
    proxiesAllowed: boolean,
    maxIntervalMonths: nullable(positiveInt),
  }),
  reelectionLead: object({ amount: positiveInt, unit: oneOf(['days', 'working_days', 'months', 'years']) }),
  handoverDays: object({ endOfTerm: positiveInt, memberLeaves: positiveInt }),
  recallProposal: object({ members: bound, holders: bound }),
  assemblyDecisionPostingDays: positiveInt,
  interimCommitteeSize: sizeRange(),
  interimCommitteeOwnerShare: bound,
  interimCommitteeTermYears: positiveInt,
  interimCommitteeDissolutionDays: positiveInt,
  interimCommitteeDecisionPosting: object({ withinDays: positiveInt, forWorkingDays: positiveInt }),
  eVotingPeriod: (v, path, out) => {
    object({ minDays: positiveInt, maxDays: positiveInt })(v, path, out);
    if (isRecord(v) && typeof v['minDays'] === 'number' && typeof v['maxDays'] === 'number' && v['minDays'] > v['maxDays']) {
      problem(out, path, '最短期限大于最长期限', 'minDays exceeds maxDays');
    }
  },
  eVotingOfficialPlatformOnly: boolean,
  maxHoldersPerProxy: positiveInt,
  ballotChangeAllowed: boolean,
  preDeliberationMatters: uniqueList(MATTER_CODES, true),
  resultObjectionDays: positiveInt,
  resultPosting: object({ startWithinDays: positiveInt, minDays: positiveInt }),
  ballotRetention: object({ minYears: positiveInt, atLeastChallengePeriod: boolean }),
  fundFirstDeposit: (v, path, out) => {
    object({ min: ratioCheck, max: ratioCheck })(v, path, out);
    if (isRecord(v) && isRecord(v['min']) && isRecord(v['max'])) {
      const a = v['min'] as { num: number; den: number };
      const b = v['max'] as { num: number; den: number };
      if (a.num * b.den > b.num * a.den) problem(out, path, '下限大于上限', 'min exceeds max');
    }
  },
  fundTopUp: object({ below: ratioCheck, topUpTo: nullable(ratioCheck) }),
  emergencyRepairApprovalDays: positiveInt,
  disclosureIntervalMonths: object({ fund: positiveInt, commonIncome: positiveInt }),
  auditPostingDays: positiveInt,
  calendar: object({ id: oneOf(['cn-mainland']) }),
};

/** Checks every parameter of a profile (values, citations, statuses); returns all problems. */
export function validateProfile(profile: unknown): ProfileIssue[] {
  const out: ProfileIssue[] = [];
  if (!isRecord(profile)) {
    problem(out, '$', '档案应为对象', 'a profile must be an object');
    return out;
  }
  if (typeof profile['id'] !== 'string' || !/^[a-z][a-z0-9-]*$/.test(profile['id'])) {
    problem(out, '$.id', '标识应为小写字母、数字和连字符', 'the id must be lower-case letters, digits and hyphens');
  }
  const name = profile['name'];
  if (!isRecord(name) || typeof name['zh'] !== 'string' || typeof name['en'] !== 'string' || name['zh'] === '' || name['en'] === '') {
    problem(out, '$.name', '需要中英文名称', 'zh and en names are required');
  }
  const params = profile['params'];
  if (!isRecord(params)) {
    problem(out, '$.params', '缺少参数', 'params are missing');
    return out;
  }
  for (const name of Object.keys(PARAM_CHECKS) as ParamName[]) {
    const path = `$.params.${name}`;
    const cited = params[name];
    if (!isRecord(cited)) {
      problem(out, path, '缺少参数', 'parameter is missing');
      continue;
    }
    if (typeof cited['source'] !== 'string' || cited['source'] === '') problem(out, `${path}.source`, '缺少出处', 'the source is missing');
    if (cited['status'] !== 'V' && cited['status'] !== 'S' && cited['status'] !== 'U') {
      problem(out, `${path}.status`, '核实状态应为 V、S 或 U', 'status must be V, S or U');
    }
    PARAM_CHECKS[name](cited['value'], `${path}.value`, out);
  }
  for (const key of Object.keys(params)) {
    if (!(key in PARAM_CHECKS)) problem(out, `$.params.${key}`, '未知参数', 'unknown parameter');
  }
  return out;
}
