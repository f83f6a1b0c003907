import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { ImportJobT } from '../api/types';
import { useImportJob, POLL_MS } from './useImportJob';

vi.mock('../api/imports', () => ({
  importsApi: { start: vi.fn(), get: vi.fn(), list: vi.fn() },
}));
const { importsApi } = await import('../api/imports');

function job(over: Partial<ImportJobT>): ImportJobT {
  return {
    id: 9,
    estateId: 1,
    fileName: 'owners.xlsx',
    status: 'queued',
    totalRows: 100,
    processedRows: 0,
    percent: 0,
    errors: [],
    errorCount: 0,
    summary: null,
    createdAt: '2025-01-01T00:00:00Z',
    finishedAt: null,
    ...over,
  };
}

function harness(onFinished: (j: ImportJobT) => void) {
  let api!: ReturnType<typeof useImportJob>;
  const w = mount(
    defineComponent({
      setup() {
        api = useImportJob(() => 1, onFinished);
        return () => h('div');
      },
    }),
    { global: { plugins: [createPinia()] } },
  );
  return { w, api };
}

describe('useImportJob', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
    vi.mocked(importsApi.start).mockReset();
    vi.mocked(importsApi.get).mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uploads, then polls every ~500 ms until the job has finished', async () => {
    const onFinished = vi.fn();
    vi.mocked(importsApi.start).mockResolvedValue(job({ status: 'queued' }));
    vi.mocked(importsApi.get)
      .mockResolvedValueOnce(job({ status: 'validating', percent: 30, processedRows: 60 }))
      .mockResolvedValueOnce(job({ status: 'importing', percent: 80, processedRows: 60 }))
      .mockResolvedValueOnce(job({ status: 'succeeded', percent: 100, processedRows: 100, summary: { unitsCreated: 100, unitsUpdated: 0, unitsUnchanged: 0, holdersCreated: 90, ownershipsChanged: 0, buildingsCreated: 3 } }));
    const { api, w } = harness(onFinished);

    await api.start(new File(['x'], 'owners.xlsx'));
    expect(api.job.value?.status).toBe('queued');
    expect(importsApi.get).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.job.value?.status).toBe('validating');
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.job.value?.percent).toBe(80);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(api.job.value?.status).toBe('succeeded');
    expect(onFinished).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(POLL_MS * 10);
    expect(importsApi.get).toHaveBeenCalledTimes(3);
    w.unmount();
  });

  it('keeps the start error and does not poll', async () => {
    const { ApiError } = await import('../helpers/apiError');
    vi.mocked(importsApi.start).mockRejectedValue(new ApiError({ status: 409, code: 'IMPORT_IN_PROGRESS' }));
    const { api, w } = harness(vi.fn());
    expect(await api.start(new File(['x'], 'a.csv'))).toBeNull();
    expect(api.startError.value).toMatchObject({ code: 'IMPORT_IN_PROGRESS' });
    await vi.advanceTimersByTimeAsync(POLL_MS * 4);
    expect(importsApi.get).not.toHaveBeenCalled();
    w.unmount();
  });

  it('stops polling when the component goes away', async () => {
    vi.mocked(importsApi.start).mockResolvedValue(job({ status: 'validating' }));
    vi.mocked(importsApi.get).mockResolvedValue(job({ status: 'validating' }));
    const { api, w } = harness(vi.fn());
    await api.start(new File(['x'], 'a.csv'));
    w.unmount();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(importsApi.get).not.toHaveBeenCalled();
  });
});
