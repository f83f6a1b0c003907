import { http } from './http';
import type { EstateDetailT, EstateListT, PageQuery, PublicEstateListT } from './types';

export interface EstateListQuery extends PageQuery {
  jurisdictionId?: number;
  q?: string;
}

export const estatesApi = {
  list: (query: EstateListQuery, signal?: AbortSignal) => http.get<EstateListT>('/api/estates', { query: { ...query }, signal }),
  get: (estateId: number) => http.get<EstateDetailT>(`/api/estates/${estateId}`),
  /** for owners claiming a unit: no personal data, any signed-in user */
  searchPublic: (q: string, signal?: AbortSignal) => http.get<PublicEstateListT>('/api/public/estates', { query: { q }, signal }),
};
