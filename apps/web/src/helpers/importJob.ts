import type { ImportJobT, ImportStatusT } from '../api/types';

export function isFinished(status: ImportStatusT): boolean {
  return status === 'succeeded' || status === 'failed';
}

/** el-progress status: colour of the bar */
export function progressStatus(job: Pick<ImportJobT, 'status'>): '' | 'success' | 'exception' {
  if (job.status === 'succeeded') return 'success';
  if (job.status === 'failed') return 'exception';
  return '';
}

/** 0..100, rounded to one decimal; a finished job is always shown full. */
export function displayPercent(job: Pick<ImportJobT, 'status' | 'percent'>): number {
  if (isFinished(job.status)) return 100;
  const p = Number.isFinite(job.percent) ? job.percent : 0;
  return Math.min(100, Math.max(0, Math.round(p * 10) / 10));
}

/** One page of a long client-side list (import row errors can number in the thousands). */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = Math.max(0, (page - 1) * pageSize);
  return items.slice(start, start + pageSize);
}

export const IMPORT_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name);
}
