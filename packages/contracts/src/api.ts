import { z } from 'zod';
import { roles } from './roles';

/**
 * The HTTP API's request and response shapes. The server validates with them and generates
 * its OpenAPI document from them; the web app and the CLI use the inferred types.
 * Areas travel as decimal strings with two decimals ("89.37"); ids as numbers.
 */

export const Id = z.coerce.number().int().positive();
export const AreaString = z.string().regex(/^\d+\.\d{2}$/);
export const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'phone');
export const Timestamp = z.string(); // ISO 8601

export const IdParams = z.object({ id: Id });
export const EstateParams = z.object({ estateId: Id });

export const Pagination = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

// ------------------------------------------------------------------ auth

export const OtpRequestBody = z.object({ phone: Phone });
export const OtpRequestReply = z.object({
  sent: z.literal(true),
  channel: z.enum(['screen', 'webhook', 'console']),
  /** only with the on-screen channel (demo mode): the code to show */
  code: z.string().optional(),
  retryAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export const OtpVerifyBody = z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/) });
export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const DemoLoginBody = z.object({ username: z.string().min(1) });

export const RoleGrant = z.object({
  role: z.enum(roles),
  scope: z.enum(['platform', 'jurisdiction', 'estate']),
  scopeId: z.number().nullable(),
  scopeName: z.string(),
});
export const Me = z.object({
  account: z.object({
    id: z.number(),
    kind: z.enum(['owner', 'staff']),
    displayName: z.string(),
    phoneMasked: z.string().nullable(),
    username: z.string().nullable(),
  }),
  roles: z.array(RoleGrant),
  csrfToken: z.string(),
});
export const DemoAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  scopeName: z.string(),
});
export const DemoAccounts = z.object({ accounts: z.array(DemoAccount) });

// ------------------------------------------------------------------ jurisdictions and estates

export const JurisdictionLevel = z.enum(['city', 'district', 'subdistrict', 'neighborhood', 'grid']);
export interface JurisdictionNodeT {
  id: number;
  level: z.infer<typeof JurisdictionLevel>;
  name: string;
  estateCount: number;
  children: JurisdictionNodeT[];
}
export const JurisdictionNode: z.ZodType<JurisdictionNodeT> = z.lazy(() =>
  z.object({
    id: z.number(),
    level: JurisdictionLevel,
    name: z.string(),
    estateCount: z.number().int(),
    children: z.array(JurisdictionNode),
  }),
);
export const JurisdictionTree = z.object({ roots: z.array(JurisdictionNode) });

export const EstateSummary = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string(),
  neighborhoodId: z.number(),
  neighborhoodName: z.string(),
  subdistrictName: z.string(),
  propertyManager: z.string(),
  unitCount: z.number().int(),
  totalArea: AreaString,
  deliveredArea: AreaString,
});
export const EstateList = z.object({ items: z.array(EstateSummary), total: z.number().int() });
export const EstateListQuery = Pagination.extend({
  jurisdictionId: Id.optional(),
  q: z.string().max(100).optional(),
});
export const EstateDetail = EstateSummary.extend({
  holderCount: z.number().int(),
  buildingCount: z.number().int(),
  pendingClaims: z.number().int(),
  boundOwners: z.number().int(),
  /** what the viewer may do here */
  permissions: z.array(z.string()),
});
export const EstateCreateBody = z.object({
  neighborhoodId: Id,
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).default(''),
  propertyManager: z.string().trim().max(100).default(''),
});
export const EstateUpdateBody = EstateCreateBody.omit({ neighborhoodId: true }).partial();

export const PublicEstate = z.object({ id: z.number(), name: z.string(), address: z.string(), neighborhoodName: z.string() });
export const PublicEstateList = z.object({ items: z.array(PublicEstate) });
export const PublicEstateQuery = z.object({ q: z.string().trim().min(1).max(50) });

// ------------------------------------------------------------------ registry

export const UnitKind = z.enum(['residence', 'shop', 'parking', 'other']);
export const AreaSource = z.enum(['registry', 'survey', 'contract']);
export const HolderKind = z.enum(['person', 'co_owners', 'organization', 'builder']);

export const OwnerView = z.object({
  id: z.number(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  /** true when name, ID and phone are shown unmasked (only with registry.personal; logged) */
  unmasked: z.boolean(),
  verified: z.boolean(),
});
export const UnitRow = z.object({
  id: z.number(),
  number: z.string(),
  building: z.string(),
  entrance: z.string().nullable(),
  floor: z.number().int().nullable(),
  kind: UnitKind,
  area: AreaString,
  areaSource: AreaSource,
  delivered: z.boolean(),
  holder: z.object({ id: z.number(), kind: HolderKind, name: z.string() }).nullable(),
  owners: z.array(OwnerView),
});
export const UnitListQuery = Pagination.extend({
  q: z.string().trim().max(100).optional(),
  buildingId: Id.optional(),
  kind: UnitKind.optional(),
  delivered: z.enum(['true', 'false']).optional(),
  holderKind: HolderKind.optional(),
});
export const UnitList = z.object({ items: z.array(UnitRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const Building = z.object({ id: z.number(), name: z.string(), unitCount: z.number().int(), entrances: z.array(z.string()) });
export const BuildingList = z.object({ items: z.array(Building) });

// ------------------------------------------------------------------ import

export const ImportRowError = z.object({
  /** 1-based row number as the spreadsheet shows it (header is row 1) */
  row: z.number().int(),
  /** the column header, e.g. 专有部分面积(㎡) */
  column: z.string(),
  code: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export const ImportStatus = z.enum(['queued', 'validating', 'importing', 'succeeded', 'failed']);
export const ImportJob = z.object({
  id: z.number(),
  estateId: z.number(),
  fileName: z.string(),
  status: ImportStatus,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  /** validation first, then writing: 0..100 across both */
  percent: z.number(),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  summary: z
    .object({
      unitsCreated: z.number().int(),
      unitsUpdated: z.number().int(),
      unitsUnchanged: z.number().int(),
      holdersCreated: z.number().int(),
      ownershipsChanged: z.number().int(),
      buildingsCreated: z.number().int(),
    })
    .nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export const ImportJobParams = z.object({ estateId: Id, jobId: Id });
export const ImportJobList = z.object({ items: z.array(ImportJob) });

// ------------------------------------------------------------------ claims

export const DocumentKind = z.enum(['certificate', 'contract']);
/** Sent as multipart/form-data with an optional `proof` file (image or PDF). */
export const ClaimFields = z.object({
  estateId: Id,
  unitNumber: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(6).max(30),
  documentKind: DocumentKind,
  documentNo: z.string().trim().min(1).max(60),
});
export const ClaimStatus = z.enum(['bound', 'pending', 'approved', 'rejected']);
export const ClaimView = z.object({
  id: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  unitId: z.number(),
  unitNumber: z.string(),
  claimantName: z.string(),
  idNumberMasked: z.string(),
  documentKind: DocumentKind,
  documentNo: z.string(),
  hasProof: z.boolean(),
  status: ClaimStatus,
  reason: z.string().nullable(),
  createdAt: Timestamp,
  reviewedAt: Timestamp.nullable(),
});
export const ClaimList = z.object({ items: z.array(ClaimView), total: z.number().int() });
export const ClaimListQuery = Pagination.extend({ status: ClaimStatus.optional() });
export const ClaimParams = z.object({ estateId: Id, claimId: Id });
export const ClaimRejectBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const MyUnit = z.object({
  estateId: z.number(),
  estateName: z.string(),
  unitId: z.number(),
  unitNumber: z.string(),
  building: z.string(),
  area: AreaString,
  kind: UnitKind,
  holderKind: HolderKind,
  holderId: z.number(),
  isVoter: z.boolean(),
});
export const MyUnits = z.object({ items: z.array(MyUnit) });

// ------------------------------------------------------------------ notices and audit

export const Notice = z.object({
  id: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: Timestamp,
});
export const NoticeList = z.object({ items: z.array(Notice) });
export const NoticeCreateBody = z.object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20000) });

export const AuditEntry = z.object({
  id: z.number(),
  at: Timestamp,
  actor: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  estateId: z.number().nullable(),
  estateName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export const AuditQuery = Pagination.extend({
  estateId: Id.optional(),
  jurisdictionId: Id.optional(),
  action: z.string().max(100).optional(),
});
export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string(), demo: z.boolean() });

/** The holiday calendar of statutory clocks: the State Council notices it knows (public data). */
export const CalendarStatus = z.object({
  /** today, China date */
  today: z.string(),
  years: z.array(
    z.object({
      year: z.number().int(),
      /** built into the release, or added by an operator (gongzhi calendar add) */
      origin: z.enum(['release', 'added']),
      title: z.string(),
      issued: z.string(),
      source: z.string(),
      addedAt: z.string().nullable(),
    }),
  ),
  /** from 1 November on: next year when its notice is not loaded (clocks reaching it cannot be computed), else null */
  missingNextYear: z.number().int().nullable(),
});

/** A year's State Council holiday notice added (the body: the year's JSON, as `gongzhi calendar add` reads it). */
export const CalendarYearAdded = z.object({
  year: z.number().int(),
  /** added: stored now; known: the same data was there already (nothing written) */
  outcome: z.enum(['added', 'known']),
});

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    messageZh: z.string(),
    messageEn: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), code: z.string(), messageZh: z.string(), messageEn: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

export type MeT = z.infer<typeof Me>;
export type EstateSummaryT = z.infer<typeof EstateSummary>;
export type EstateDetailT = z.infer<typeof EstateDetail>;
export type UnitRowT = z.infer<typeof UnitRow>;
export type UnitListT = z.infer<typeof UnitList>;
export type ImportJobT = z.infer<typeof ImportJob>;
export type ImportRowErrorT = z.infer<typeof ImportRowError>;
export type ClaimViewT = z.infer<typeof ClaimView>;
export type MyUnitT = z.infer<typeof MyUnit>;
export type NoticeT = z.infer<typeof Notice>;
export type AuditEntryT = z.infer<typeof AuditEntry>;
export type DemoAccountT = z.infer<typeof DemoAccount>;
