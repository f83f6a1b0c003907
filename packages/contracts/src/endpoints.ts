/**
 * The list of HTTP endpoints: the table of contents of the API for the web app and the CLI.
 * Schemas are in api.ts; the server registers each route with these paths.
 * All non-GET requests need the `x-csrf-token` header (from GET /api/auth/me or the login reply)
 * and the session cookie. Errors: `{ "error": { code, messageZh, messageEn, field?, issues? } }`.
 */
export const endpoints = {
  health: 'GET /api/health',
  calendar: 'GET /api/calendar', // → CalendarStatus (public; missingNextYear warns officials from 1 November)
  calendarAdd: 'POST /api/calendar/years', // a year's holiday notice (JSON) → CalendarYearAdded (platform admin)
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
  // ---- owners' assembly meetings (schemas in assembly.ts); M = /api/estates/:estateId/meetings/:meetingId
  meetings: 'GET /api/estates/:estateId/meetings', // → MeetingList (owners see meetings once the notice is published)
  meetingCreate: 'POST /api/estates/:estateId/meetings', // MeetingCreateBody → MeetingDetail (draft; meeting.manage)
  meeting: 'GET /api/estates/:estateId/meetings/:meetingId', // → MeetingDetail (with readiness and clocks)
  meetingUpdate: 'PUT /api/estates/:estateId/meetings/:meetingId', // MeetingUpdateBody → MeetingDetail (draft only)
  meetingAttachment: 'POST /api/estates/:estateId/meetings/:meetingId/attachments', // multipart `file` → MeetingDetail
  meetingAttachmentFile: 'GET /api/estates/:estateId/meetings/:meetingId/attachments/:fileId',
  meetingPreDeliberation: 'POST /api/estates/:estateId/meetings/:meetingId/pre-deliberation', // PreDeliberationBody → MeetingDetail
  meetingPublish: 'POST /api/estates/:estateId/meetings/:meetingId/publish', // → MeetingDetail (notice period starts)
  meetingOpen: 'POST /api/estates/:estateId/meetings/:meetingId/open', // → MeetingDetail (roll frozen)
  meetingClose: 'POST /api/estates/:estateId/meetings/:meetingId/close', // → MeetingDetail (chain sealed, preliminary result)
  meetingFinalize: 'POST /api/estates/:estateId/meetings/:meetingId/finalize', // → MeetingDetail (final result notice)
  meetingArchive: 'POST /api/estates/:estateId/meetings/:meetingId/archive', // → MeetingDetail
  meetingCancel: 'POST /api/estates/:estateId/meetings/:meetingId/cancel', // CancelBody → MeetingDetail
  meetingRoll: 'GET /api/estates/:estateId/meetings/:meetingId/roll', // RollQuery → RollList (unit + area only)
  meetingObjections: 'GET /api/estates/:estateId/meetings/:meetingId/objections', // → ObjectionList
  meetingObjectionCreate: 'POST /api/estates/:estateId/meetings/:meetingId/objections', // ObjectionCreateBody → ObjectionView
  meetingObjectionResolve: 'POST /api/estates/:estateId/meetings/:meetingId/objections/:objectionId/resolve', // ObjectionResolveBody → ObjectionView
  meetingTurnout: 'GET /api/estates/:estateId/meetings/:meetingId/turnout', // → Turnout (meeting.supervise)
  meetingFlags: 'GET /api/estates/:estateId/meetings/:meetingId/flags', // → FlagList (meeting.supervise)
  meetingReminders: 'POST /api/estates/:estateId/meetings/:meetingId/reminders', // → ReminderReply
  meetingResult: 'GET /api/estates/:estateId/meetings/:meetingId/result', // → MeetingResult (404 RESULT_NOT_READY before close)
  meetingBallots: 'GET /api/estates/:estateId/meetings/:meetingId/ballots', // BallotListQuery → BallotList (masked; logged)
  meetingBundle: 'GET /api/estates/:estateId/meetings/:meetingId/bundle', // → ballot bundle JSON (gongzhi.ballot-bundle/1)
  meetingNoticePdf: 'GET /api/estates/:estateId/meetings/:meetingId/documents/notice.pdf',
  meetingResultPdf: 'GET /api/estates/:estateId/meetings/:meetingId/documents/result-:stage.pdf', // stage preliminary|final
  ballotForm: 'GET /api/estates/:estateId/meetings/:meetingId/ballot-form', // → BallotForm (what the signed-in person may vote)
  ballotCast: 'POST /api/estates/:estateId/meetings/:meetingId/ballots', // CastBody → CastReply (online or proxy)
  receiptCheck: 'GET /api/estates/:estateId/meetings/:meetingId/receipts/:receipt', // → ReceiptCheck
  myMeetings: 'GET /api/me/meetings', // → MyMeetingList
  myNotifications: 'GET /api/me/notifications', // → NotificationList
  notificationRead: 'POST /api/me/notifications/:id/read',
  paperBallotPdf: 'GET /api/estates/:estateId/meetings/:meetingId/paper/ballots/:holderId.pdf', // one holder's ballot
  paperPrintStart: 'POST /api/estates/:estateId/meetings/:meetingId/paper/print', // → PrintJob (202; all holders)
  paperPrintJob: 'GET /api/estates/:estateId/meetings/:meetingId/paper/print/:jobId', // → PrintJob
  paperPrintFile: 'GET /api/estates/:estateId/meetings/:meetingId/paper/print/:jobId/file', // the PDF
  paperLookup: 'GET /api/estates/:estateId/meetings/:meetingId/paper/lookup', // PaperLookupQuery → PaperLookup
  paperEntries: 'GET /api/estates/:estateId/meetings/:meetingId/paper/entries', // → PaperEntryList
  paperEntryCreate: 'POST /api/estates/:estateId/meetings/:meetingId/paper/entries', // multipart PaperEntryFields + `scan` → PaperEntryView
  paperEntryConfirm: 'POST /api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/confirm', // PaperConfirmBody → PaperConfirmReply (409 PAPER_MISMATCH)
  paperEntryDiscard: 'POST /api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/discard', // PaperDiscardBody → PaperEntryView
  paperEntryScan: 'GET /api/estates/:estateId/meetings/:meetingId/paper/entries/:entryId/scan',
  proxies: 'GET /api/estates/:estateId/meetings/:meetingId/proxies', // → ProxyList
  proxyCreate: 'POST /api/estates/:estateId/meetings/:meetingId/proxies', // multipart ProxyFields + `authorization` → ProxyView
  proxyRevoke: 'POST /api/estates/:estateId/meetings/:meetingId/proxies/:proxyId/revoke', // → ProxyView
  proxyAuthorization: 'GET /api/estates/:estateId/meetings/:meetingId/proxies/:proxyId/authorization',
  attendanceCode: 'GET /api/estates/:estateId/meetings/:meetingId/attendance/code', // → AttendanceCode (collective meetings)
  attendanceSignIn: 'POST /api/estates/:estateId/meetings/:meetingId/attendance', // AttendanceBody → AttendanceSummary
  attendance: 'GET /api/estates/:estateId/meetings/:meetingId/attendance', // → AttendanceSummary
  myCoOwners: 'GET /api/me/holders/:holderId/co-owners', // → CoOwnerList (names masked)
  myDesignateVoter: 'POST /api/me/holders/:holderId/voter', // DesignateVoterBody → CoOwnerList (the designated co-owner hands the vote over)
  designateVoter: 'POST /api/estates/:estateId/holders/:holderId/voter', // DesignateVoterBody → CoOwnerList (registry.personal, on the co-owners' written agreement)
  publicEstatePage: 'GET /api/public/estates/:estateId', // → PublicEstatePage (no login; unit + area only)
  publicDocument: 'GET /api/public/estates/:estateId/meetings/:meetingId/documents/:doc', // notice.pdf, result-final.pdf …
  audit: 'GET /api/audit', // AuditQuery → AuditList (audit.read on the estate / jurisdiction)
} as const;
