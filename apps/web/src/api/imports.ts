import { http } from './http';
import type { ImportJobListT, ImportJobT } from './types';

export const importsApi = {
  /** multipart field `file` (.xlsx or .csv); the server answers 202 with the queued job */
  start: (estateId: number, file: File, onProgress?: (percent: number) => void, options: { allowNewBuildings?: boolean } = {}) => {
    const form = new FormData();
    // fields before the file: the server reads the stream in order
    if (options.allowNewBuildings) form.append('allowNewBuildings', 'true');
    form.append('file', file, file.name);
    return http.upload<ImportJobT>(`/api/estates/${estateId}/imports`, form, { onProgress });
  },
  list: (estateId: number) => http.get<ImportJobListT>(`/api/estates/${estateId}/imports`),
  /** one page of a finished job's row errors (the job reply carries the first page only) */
  errors: (estateId: number, jobId: number, page: number, pageSize: number) =>
    http.get<ImportJobT>(`/api/estates/${estateId}/imports/${jobId}?errorsPage=${page}&errorsPageSize=${pageSize}`),
  get: (estateId: number, jobId: number, signal?: AbortSignal) => http.get<ImportJobT>(`/api/estates/${estateId}/imports/${jobId}`, { signal }),
};
