import { http } from './http';
import type { NoticeListT, NoticeT } from './types';

export const noticesApi = {
  forEstate: (estateId: number) => http.get<NoticeListT>(`/api/estates/${estateId}/notices`),
  publish: (estateId: number, input: { title: string; body: string }) => http.post<NoticeT>(`/api/estates/${estateId}/notices`, input),
  /** notices of the estates where I hold a unit */
  mine: () => http.get<NoticeListT>('/api/me/notices'),
};
