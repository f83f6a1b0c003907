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
  MyUnits,
  NoticeList,
  OtpRequestReply,
  OwnerView,
  PublicEstate,
  PublicEstateList,
  UnitKind,
  AreaSource,
  JurisdictionLevel,
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
} from '@gongzhi/contracts';

export type OtpRequestReplyT = z.infer<typeof OtpRequestReply>;
export type DemoAccountsT = z.infer<typeof DemoAccounts>;
export type JurisdictionTreeT = z.infer<typeof JurisdictionTree>;
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

export interface PageQuery {
  page?: number;
  pageSize?: number;
}
