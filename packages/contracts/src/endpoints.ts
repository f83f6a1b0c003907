/**
 * The list of HTTP endpoints: the table of contents of the API for the web app and the CLI.
 * Schemas are in api.ts; the server registers each route with these paths.
 * All non-GET requests need the `x-csrf-token` header (from GET /api/auth/me or the login reply)
 * and the session cookie. Errors: `{ "error": { code, messageZh, messageEn, field?, issues? } }`.
 */
export const endpoints = {
  health: 'GET /api/health',
  openapi: 'GET /api/docs/json',

  otpRequest: 'POST /api/auth/otp/request', // OtpRequestBody → OtpRequestReply (no session needed)
  otpVerify: 'POST /api/auth/otp/verify', // OtpVerifyBody → Me (sets cookies)
  login: 'POST /api/auth/login', // LoginBody → Me (staff, password)
  logout: 'POST /api/auth/logout',
  me: 'GET /api/auth/me', // → Me
  demoAccounts: 'GET /api/auth/demo/accounts', // → DemoAccounts (404 DEMO_DISABLED unless demo mode)
  demoLogin: 'POST /api/auth/demo/login', // DemoLoginBody → Me

  jurisdictionTree: 'GET /api/jurisdictions/tree', // → JurisdictionTree (only what the viewer may see)
  estates: 'GET /api/estates', // EstateListQuery → EstateList
  estateCreate: 'POST /api/estates', // EstateCreateBody → EstateDetail
  estate: 'GET /api/estates/:estateId', // → EstateDetail
  estateUpdate: 'PATCH /api/estates/:estateId', // EstateUpdateBody → EstateDetail
  publicEstates: 'GET /api/public/estates', // PublicEstateQuery → PublicEstateList (for claiming)

  buildings: 'GET /api/estates/:estateId/buildings', // → BuildingList
  units: 'GET /api/estates/:estateId/units', // UnitListQuery → UnitList (masked unless registry.personal)
  importTemplate: 'GET /api/registry/template.xlsx', // the owner-list template (Chinese headers)
  importStart: 'POST /api/estates/:estateId/imports', // multipart `file` (.xlsx/.csv) → ImportJob (202)
  importJobs: 'GET /api/estates/:estateId/imports', // → ImportJobList
  importJob: 'GET /api/estates/:estateId/imports/:jobId', // → ImportJob (poll for progress)
  registryExport: 'GET /api/estates/:estateId/export.xlsx', // the registry as .xlsx

  claimCreate: 'POST /api/claims', // multipart ClaimFields + optional `proof` → ClaimView (bound or pending)
  myClaims: 'GET /api/me/claims', // → ClaimList
  myUnits: 'GET /api/me/units', // → MyUnits
  myNotices: 'GET /api/me/notices', // → NoticeList (notices of the estates where I hold a unit)
  estateClaims: 'GET /api/estates/:estateId/claims', // ClaimListQuery → ClaimList (claim.review)
  claimProof: 'GET /api/estates/:estateId/claims/:claimId/proof', // the uploaded file
  claimApprove: 'POST /api/estates/:estateId/claims/:claimId/approve', // → ClaimView
  claimReject: 'POST /api/estates/:estateId/claims/:claimId/reject', // ClaimRejectBody → ClaimView

  notices: 'GET /api/estates/:estateId/notices', // → NoticeList
  noticeCreate: 'POST /api/estates/:estateId/notices', // NoticeCreateBody → Notice
  audit: 'GET /api/audit', // AuditQuery → AuditList (audit.read on the estate / jurisdiction)
} as const;
