import { http } from './http';
import type { JurisdictionTreeT } from './types';

export const jurisdictionsApi = {
  tree: () => http.get<JurisdictionTreeT>('/api/jurisdictions/tree'),
};
