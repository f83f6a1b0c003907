import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { importsApi } from '../api/imports';
import type { ImportJobT } from '../api/types';
import { isApiError } from '../helpers/apiError';
import { isFinished } from '../helpers/importJob';

export const POLL_MS = 500;
const MAX_POLL_FAILURES = 10;

/**
 * Uploads a registry file and follows the import job by polling every ~500 ms until it has
 * succeeded or failed. Polls never overlap: the next one is scheduled after an answer.
 */
export function useImportJob(estateId: () => number, onFinished?: (job: ImportJobT) => void) {
  const job = shallowRef<ImportJobT | null>(null);
  const uploading = ref(false);
  const uploadPercent = ref(0);
  const startError = ref<unknown>(null);
  const pollError = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let generation = 0;

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    generation++;
  }

  function settle(j: ImportJobT, gen: number) {
    if (gen !== generation) return; // a newer job is being followed
    job.value = j;
    if (isFinished(j.status)) {
      timer = null;
      onFinished?.(j);
    } else {
      timer = setTimeout(() => void poll(j.id, gen), POLL_MS);
    }
  }

  async function poll(jobId: number, gen: number) {
    try {
      const j = await importsApi.get(estateId(), jobId);
      failures = 0;
      pollError.value = null;
      settle(j, gen);
    } catch (e) {
      if (gen !== generation) return;
      failures++;
      pollError.value = e;
      const fatal = isApiError(e) && (e.status === 401 || e.status === 403 || e.status === 404);
      if (!fatal && failures < MAX_POLL_FAILURES) timer = setTimeout(() => void poll(jobId, gen), POLL_MS * Math.min(8, 2 ** failures));
    }
  }

  /** Upload a file and follow the job it starts. */
  async function start(file: File, options: { allowNewBuildings?: boolean } = {}): Promise<ImportJobT | null> {
    stop();
    const gen = generation;
    startError.value = null;
    pollError.value = null;
    failures = 0;
    job.value = null;
    uploading.value = true;
    uploadPercent.value = 0;
    try {
      const j = await importsApi.start(estateId(), file, (p) => (uploadPercent.value = p), options);
      settle(j, gen);
      return j;
    } catch (e) {
      startError.value = e;
      return null;
    } finally {
      uploading.value = false;
    }
  }

  /** Show an earlier job (and keep polling it if it is still running). */
  function follow(j: ImportJobT) {
    stop();
    startError.value = null;
    pollError.value = null;
    failures = 0;
    const gen = generation;
    job.value = j;
    if (!isFinished(j.status)) timer = setTimeout(() => void poll(j.id, gen), 0);
  }

  onBeforeUnmount(stop);

  return { job, uploading, uploadPercent, startError, pollError, start, follow, stop };
}
