/**
 * Problems found in a ballot bundle. Every problem has a stable code, the JSON path of the
 * offending value ("$.ballots[3].holder") and a message in Chinese and English. Validation
 * reports all of them at once.
 */

export const ISSUE_CODES = [
  'FILE_UNREADABLE',
  'BAD_ENCODING',
  'BAD_JSON',
  'BAD_FORMAT',
  'BAD_TYPE',
  'MISSING_FIELD',
  'UNKNOWN_FIELD',
  'BAD_VALUE',
  'BAD_ID',
  'DUPLICATE_ID',
  'UNKNOWN_HOLDER',
  'UNKNOWN_MOTION',
  'BAD_AREA',
  'EMPTY_SCOPE',
  'UNKNOWN_UNIT_IN_SCOPE',
  'DUPLICATE_UNIT_IN_SCOPE',
  'ELECTION_FIELD_ON_RESOLUTION',
  'BAD_SEATS',
  'NO_CANDIDATES',
  'BAD_TIMESTAMP',
  'BAD_WINDOW',
  'BAD_SEQ',
  'SEQ_GAP',
  'HOLDER_OUTSIDE_SCOPE',
  'DUPLICATE_BALLOT',
  'BALLOT_OUTSIDE_WINDOW',
  'CHOICE_ON_ELECTION',
  'APPROVE_ON_RESOLUTION',
  'BAD_HASH_FORMAT',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Issue {
  readonly code: IssueCode;
  /** JSONPath of the offending value, e.g. "$.ballots[3].holder" */
  readonly path: string;
  readonly message_zh: string;
  readonly message_en: string;
}

export function issue(code: IssueCode, path: string, message_zh: string, message_en: string): Issue {
  return { code, path, message_zh, message_en };
}

/** A short, safe rendering of a value for a message. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export type JsonType = 'string' | 'integer' | 'array' | 'object';

const TYPE_ZH: Record<JsonType, string> = { string: '字符串', integer: '整数', array: '数组', object: '对象' };

export const issues = {
  badType: (path: string, expected: JsonType, got: unknown) =>
    issue('BAD_TYPE', path, `应为${TYPE_ZH[expected]}，实为 ${show(got)}`, `expected ${expected === 'integer' ? 'an' : 'a'} ${expected}, got ${show(got)}`),
  missingField: (path: string) => issue('MISSING_FIELD', path, '缺少必填字段', 'required field is missing'),
  unknownField: (path: string) =>
    issue('UNKNOWN_FIELD', path, '格式中没有这个字段', 'this field is not part of the format'),
  badValue: (path: string, got: unknown, allowed: readonly string[]) =>
    issue('BAD_VALUE', path, `取值 ${show(got)} 不在 ${allowed.join(' / ')} 之中`, `value ${show(got)} is not one of ${allowed.join(', ')}`),
  badId: (path: string) => issue('BAD_ID', path, '标识不能为空字符串', 'an id must be a non-empty string'),
  duplicateId: (path: string, id: string, firstPath: string) =>
    issue('DUPLICATE_ID', path, `标识 ${show(id)} 重复（首次出现于 ${firstPath}）`, `duplicate id ${show(id)} (first at ${firstPath})`),
  unknownHolder: (path: string, id: string) =>
    issue('UNKNOWN_HOLDER', path, `表决权人 ${show(id)} 不在 holders 中`, `holder ${show(id)} is not in holders`),
  unknownMotion: (path: string, id: string) =>
    issue('UNKNOWN_MOTION', path, `表决事项 ${show(id)} 不在 motions 中`, `motion ${show(id)} is not in motions`),
  badArea: (path: string, got: unknown) =>
    issue(
      'BAD_AREA',
      path,
      `面积 ${show(got)} 无效：须为正的十进制字符串，最多两位小数，如 "89.37"`,
      `area ${show(got)} is invalid: it must be a positive decimal string with at most two decimals, e.g. "89.37"`,
    ),
  emptyScope: (path: string) =>
    issue('EMPTY_SCOPE', path, '表决范围为空：没有专有部分可以表决', 'the scope is empty: no unit could vote'),
  unknownUnitInScope: (path: string, id: string) =>
    issue('UNKNOWN_UNIT_IN_SCOPE', path, `表决范围中的专有部分 ${show(id)} 不在 units 中`, `scope names unit ${show(id)}, which is not in units`),
  duplicateUnitInScope: (path: string, id: string) =>
    issue('DUPLICATE_UNIT_IN_SCOPE', path, `表决范围重复列出专有部分 ${show(id)}`, `scope lists unit ${show(id)} twice`),
  electionFieldOnResolution: (path: string) =>
    issue('ELECTION_FIELD_ON_RESOLUTION', path, '决议事项不能有 seats 或 candidates', 'a resolution has no seats or candidates'),
  badSeats: (path: string, got: unknown) =>
    issue('BAD_SEATS', path, `应选名额须为 ≥ 1 的整数，实为 ${show(got)}`, `seats must be an integer ≥ 1, got ${show(got)}`),
  noCandidates: (path: string) => issue('NO_CANDIDATES', path, '选举没有候选人', 'the election has no candidates'),
  badTimestamp: (path: string, got: unknown) =>
    issue(
      'BAD_TIMESTAMP',
      path,
      `${show(got)} 不是带时区偏移的 RFC 3339 时间，如 "2026-03-05T10:00:00+08:00"`,
      `${show(got)} is not an RFC 3339 timestamp with an offset, e.g. "2026-03-05T10:00:00+08:00"`,
    ),
  badWindow: (path: string, opensAt: string, closesAt: string) =>
    issue('BAD_WINDOW', path, `表决开始 ${opensAt} 晚于结束 ${closesAt}`, `voting opens at ${opensAt}, after it closes at ${closesAt}`),
  badSeq: (path: string, got: unknown) =>
    issue('BAD_SEQ', path, `序号须为 ≥ 1 的整数，实为 ${show(got)}`, `seq must be an integer ≥ 1, got ${show(got)}`),
  seqGap: (path: string, expected: number, got: number) =>
    issue('SEQ_GAP', path, `序号应为 ${expected}，实为 ${got}（须从 1 起连续且与数组顺序一致）`, `seq should be ${expected}, got ${got} (1, 2, 3, … with no gaps, in array order)`),
  holderOutsideScope: (path: string, holder: string, motion: string) =>
    issue(
      'HOLDER_OUTSIDE_SCOPE',
      path,
      `表决权人 ${show(holder)} 在事项 ${show(motion)} 的表决范围内没有专有部分`,
      `holder ${show(holder)} has no unit in the scope of motion ${show(motion)}`,
    ),
  duplicateBallot: (path: string, holder: string, motion: string, firstPath: string) =>
    issue(
      'DUPLICATE_BALLOT',
      path,
      `表决权人 ${show(holder)} 对事项 ${show(motion)} 已有选票（${firstPath}）`,
      `holder ${show(holder)} already has a ballot on motion ${show(motion)} (${firstPath})`,
    ),
  ballotOutsideWindow: (path: string, castAt: string, opensAt: string, closesAt: string) =>
    issue(
      'BALLOT_OUTSIDE_WINDOW',
      path,
      `投票时间 ${castAt} 不在表决期间 [${opensAt}, ${closesAt}] 内`,
      `cast at ${castAt}, outside the voting window [${opensAt}, ${closesAt}]`,
    ),
  choiceOnElection: (path: string) =>
    issue('CHOICE_ON_ELECTION', path, '选举事项的选票不能有 choice，应使用 approve', 'a ballot on an election has no choice; it uses approve'),
  approveOnResolution: (path: string) =>
    issue('APPROVE_ON_RESOLUTION', path, '决议事项的选票不能有 approve，应使用 choice', 'a ballot on a resolution has no approve list; it uses choice'),
  badHashFormat: (path: string, got: unknown) =>
    issue('BAD_HASH_FORMAT', path, `哈希须为 64 位小写十六进制，实为 ${show(got)}`, `a hash must be 64 lowercase hex characters, got ${show(got)}`),
  badFormat: (path: string, got: unknown, expected: string) =>
    issue('BAD_FORMAT', path, `不支持的格式 ${show(got)}，应为 ${show(expected)}`, `unsupported format ${show(got)}; expected ${show(expected)}`),
};
