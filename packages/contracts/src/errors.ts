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
