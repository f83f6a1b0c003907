import { http } from './http';
import type { AuditListT, PageQuery } from './types';

export interface AuditQuery extends PageQuery {
  estateId?: number;
  jurisdictionId?: number;
  action?: string;
}

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => http.get<AuditListT>('/api/audit', { query: { ...query }, signal }),
};
