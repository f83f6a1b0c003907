import { http } from './http';
import type { CoOwnerListT } from '@gongzhi/contracts';
import type { ClaimListT, ClaimStatusT, ClaimViewT, DocumentKindT, PageQuery } from './types';

export interface ClaimInput {
  estateId: number;
  unitNumber: string;
  name: string;
  idNumber: string;
  documentKind: DocumentKindT;
  documentNo: string;
  proof?: File | null;
}

export function claimFormData(input: ClaimInput): FormData {
  const form = new FormData();
  form.append('estateId', String(input.estateId));
  form.append('unitNumber', input.unitNumber.trim());
  form.append('name', input.name.trim());
  form.append('idNumber', input.idNumber.trim());
  form.append('documentKind', input.documentKind);
  form.append('documentNo', input.documentNo.trim());
  if (input.proof) form.append('proof', input.proof, input.proof.name);
  return form;
}

export const claimsApi = {
  create: (input: ClaimInput, onProgress?: (percent: number) => void) => http.upload<ClaimViewT>('/api/claims', claimFormData(input), { onProgress }),
  mine: () => http.get<ClaimListT>('/api/me/claims'),
  forEstate: (estateId: number, query: PageQuery & { status?: ClaimStatusT }) =>
    http.get<ClaimListT>(`/api/estates/${estateId}/claims`, { query: { ...query } }),
  proofUrl: (estateId: number, claimId: number) => `/api/estates/${estateId}/claims/${claimId}/proof`,
  approve: (estateId: number, claimId: number) => http.post<ClaimViewT>(`/api/estates/${estateId}/claims/${claimId}/approve`),
  reject: (estateId: number, claimId: number, reason: string) =>
    http.post<ClaimViewT>(`/api/estates/${estateId}/claims/${claimId}/reject`, { reason }),
  /** co-owners of one of my units, and who of them votes */
  coOwners: (holderId: number) => http.get<CoOwnerListT>(`/api/me/holders/${holderId}/co-owners`),
  /** the designated co-owner hands the vote to another co-owner */
  designateVoter: (holderId: number, ownerId: number) => http.post<CoOwnerListT>(`/api/me/holders/${holderId}/voter`, { ownerId }),
};
