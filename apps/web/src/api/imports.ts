import { http } from './http';
import type { ImportJobListT, ImportJobT } from './types';

export const importsApi = {
  /** multipart field `file` (.xlsx or .csv); the server answers 202 with the queued job */
  start: (estateId: number, file: File, onProgress?: (percent: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.upload<ImportJobT>(`/api/estates/${estateId}/imports`, form, { onProgress });
  },
  list: (estateId: number) => http.get<ImportJobListT>(`/api/estates/${estateId}/imports`),
  get: (estateId: number, jobId: number, signal?: AbortSignal) => http.get<ImportJobT>(`/api/estates/${estateId}/imports/${jobId}`, { signal }),
};
