import { http } from './http';
import type { BuildingListT, HolderKindT, MyUnitsT, PageQuery, UnitKindT, UnitListT } from './types';

export interface UnitListQuery extends PageQuery {
  q?: string;
  buildingId?: number;
  kind?: UnitKindT;
  delivered?: 'true' | 'false';
  holderKind?: HolderKindT;
}

export const registryApi = {
  buildings: (estateId: number) => http.get<BuildingListT>(`/api/estates/${estateId}/buildings`),
  units: (estateId: number, query: UnitListQuery, signal?: AbortSignal) =>
    http.get<UnitListT>(`/api/estates/${estateId}/units`, { query: { ...query }, signal }),
  myUnits: () => http.get<MyUnitsT>('/api/me/units'),
  templateUrl: '/api/registry/template.xlsx',
  exportUrl: (estateId: number) => `/api/estates/${estateId}/export.xlsx`,
};
