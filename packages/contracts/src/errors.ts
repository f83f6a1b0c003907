/**
 * Every error the platform reports, with its HTTP status and its message in zh-CN and en.
 * The code is stable: clients (web, CLI, other systems) match on it, never on the text.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标出的字段', en: 'Some input is invalid; check the marked fields' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  FORBIDDEN: { status: 403, zh: '您没有权限进行此操作', en: 'You are not allowed to do this' },
  CSRF_FAILED: { status: 403, zh: '安全校验失败，请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; please wait and try again' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  UNSUPPORTED_FILE: { status: 415, zh: '不支持的文件类型，请上传 .xlsx 或 .csv', en: 'Unsupported file type; upload .xlsx or .csv' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal error; please try again later' },

  OTP_INVALID: { status: 400, zh: '验证码错误', en: 'The code is wrong' },
  OTP_EXPIRED: { status: 400, zh: '验证码已过期或已使用，请重新获取', en: 'The code has expired or was used; request a new one' },
  OTP_DELIVERY_FAILED: { status: 502, zh: '验证码发送失败，请稍后再试', en: 'The code could not be delivered; try again later' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  DEMO_DISABLED: { status: 404, zh: '演示模式未开启', en: 'Demo mode is off' },

  ESTATE_NOT_FOUND: { status: 404, zh: '小区不存在', en: 'Estate not found' },
  JURISDICTION_NOT_FOUND: { status: 404, zh: '辖区不存在', en: 'Jurisdiction not found' },
  UNIT_NOT_FOUND: { status: 404, zh: '房屋不存在，请核对房号', en: 'Unit not found; check the unit number' },
  CLAIM_NOT_FOUND: { status: 404, zh: '认证申请不存在', en: 'Claim not found' },
  CLAIM_ALREADY_OPEN: { status: 409, zh: '您已认证或已申请该房屋', en: 'You already hold or have claimed this unit' },
  CLAIM_NOT_PENDING: { status: 409, zh: '该申请已处理', en: 'This claim has already been decided' },
  CLAIM_PROOF_REQUIRED: { status: 400, zh: '信息与登记不一致，请上传不动产权证或购房合同照片提交人工审核', en: 'No registry match; upload a photo of the certificate or contract for review' },
  IMPORT_INVALID: { status: 422, zh: '导入文件有错误，未导入任何数据', en: 'The file has errors; nothing was imported' },
  IMPORT_IN_PROGRESS: { status: 409, zh: '该小区正在导入，请等待完成', en: 'An import is already running for this estate' },
  IMPORT_NOT_FOUND: { status: 404, zh: '导入任务不存在', en: 'Import job not found' },
  MEETING_NOT_FOUND: { status: 404, zh: '业主大会会议不存在', en: 'Meeting not found' },
  MEETING_STATE: { status: 409, zh: '会议当前状态不允许此操作', en: 'The meeting is not in a state that allows this' },
  MEETING_NOT_READY: { status: 409, zh: '会议尚不满足条件，请先处理列出的事项', en: 'The meeting is not ready; resolve the listed blockers first' },
  MEETING_INVALID: { status: 400, zh: '会议设置不符合规定', en: 'The meeting settings break the rules' },
  CALENDAR_DATA_INVALID: { status: 422, zh: '节假日数据无效，未保存', en: 'The holiday data is not valid; nothing was stored' },
  CALENDAR_YEAR_CONFLICT: { status: 409, zh: '该年度已有不同的节假日数据，未保存', en: 'That year is already known with different holiday data; nothing was stored' },
  CALENDAR_YEAR_UNKNOWN: { status: 409, zh: '缺少该年度法定节假日数据，无法计算法定期限，请管理员补充', en: 'Holiday data for that year is missing, so the statutory period cannot be computed; an administrator must add it' },
  VOTING_CLOSED: { status: 409, zh: '当前不在投票时间内', en: 'Voting is not open now' },
  NOT_A_VOTER: { status: 403, zh: '您不是该表决权人的投票人，不能代其投票', en: 'You may not vote for this holder' },
  NOT_IN_SCOPE: { status: 400, zh: '该表决权人不在此议题的表决范围内', en: 'This holder does not vote on this motion' },
  ALREADY_VOTED: { status: 409, zh: '该表决权人已就此议题投票，每个议题只能投一次，投票后不能更改', en: 'This holder has already voted on this motion; one ballot per motion, no changes' },
  BALLOT_INVALID: { status: 400, zh: '选票内容不符合要求', en: 'The ballot is not valid' },
  RECEIPT_NOT_FOUND: { status: 404, zh: '未找到该投票凭证', en: 'No ballot has this receipt' },
  PAPER_CODE_INVALID: { status: 400, zh: '纸质表决票编码无效，请核对后重新输入或扫描', en: 'The paper ballot code is not valid; check it and type or scan again' },
  PAPER_CODE_USED: { status: 409, zh: '该纸质表决票已录入', en: 'This paper ballot has already been entered' },
  PAPER_ENTRY_NOT_FOUND: { status: 404, zh: '纸质票录入记录不存在', en: 'Paper entry not found' },
  PAPER_SAME_CLERK: { status: 409, zh: '复核须由另一名录入员完成', en: 'A second clerk must confirm the entry' },
  PAPER_MISMATCH: { status: 409, zh: '两次录入不一致，请核对纸质表决票原件', en: 'The two entries differ; check the signed paper' },
  PAPER_PENDING: { status: 409, zh: '尚有纸质票待复核', en: 'Paper ballots are still awaiting confirmation' },
  SCAN_REQUIRED: { status: 400, zh: '请上传签名表决票的扫描件或照片', en: 'Attach the scan or photo of the signed paper ballot' },
  PROXY_LIMIT: { status: 409, zh: '该委托代理人代理的表决权人已达上限', en: 'This proxy already represents the maximum number of holders' },
  PROXY_EXISTS: { status: 409, zh: '该表决权人已有有效的委托', en: 'This holder already has an active proxy' },
  PROXY_AUTHORIZATION_REQUIRED: { status: 400, zh: '请上传书面委托书', en: 'Upload the written authorization' },
  PROXY_NOT_FOUND: { status: 404, zh: '委托记录不存在', en: 'Proxy not found' },
  RESULT_NOT_READY: { status: 404, zh: '表决结果尚未产生', en: 'The meeting has no result yet' },
  OBJECTION_CLOSED: { status: 409, zh: '当前不在异议期内', en: 'Objections are not accepted now' },
  OBJECTION_NOT_FOUND: { status: 404, zh: '异议不存在', en: 'Objection not found' },
  ATTENDANCE_INVALID: { status: 400, zh: '签到码无效或已过期', en: 'The sign-in code is invalid or expired' },
  PRINT_JOB_NOT_FOUND: { status: 404, zh: '打印任务不存在', en: 'Print job not found' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

/** One problem with one field (or one cell of an imported file). */
export interface FieldIssue {
  field: string;
  code: string;
  messageZh: string;
  messageEn: string;
}

/** The body of every error response: `{ "error": ApiError }`. */
export interface ApiError {
  code: ErrorCode;
  messageZh: string;
  messageEn: string;
  field?: string;
  issues?: FieldIssue[];
  requestId?: string;
}
