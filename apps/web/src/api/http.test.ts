import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildUrl, configureHttp, http } from './http';
import { ApiError } from '../helpers/apiError';

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

describe('http client', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onUnauthorized = vi.fn();

  beforeEach(() => {
    fetchMock.mockReset();
    onUnauthorized.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ csrfToken: () => 'tok-123', onUnauthorized });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the CSRF token on non-GET requests only, with same-origin credentials', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: 1 })).mockResolvedValueOnce(jsonResponse(200, { ok: 2 }));
    await http.get('/api/estates', { query: { q: '阳光', page: 2, jurisdictionId: undefined } });
    await http.post('/api/estates/1/notices', { title: 'a', body: 'b' });

    const [getUrl, getInit] = fetchMock.mock.calls[0]!;
    expect(getUrl).toBe('/api/estates?q=%E9%98%B3%E5%85%89&page=2');
    expect((getInit?.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect(getInit?.credentials).toBe('same-origin');

    const [, postInit] = fetchMock.mock.calls[1]!;
    const headers = postInit?.headers as Record<string, string>;
    expect(postInit?.method).toBe('POST');
    expect(headers['x-csrf-token']).toBe('tok-123');
    expect(headers['content-type']).toBe('application/json');
    expect(postInit?.body).toBe(JSON.stringify({ title: 'a', body: 'b' }));
  });

  it('sends no body and no content type on an empty POST', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    const res = await http.post('/api/auth/logout');
    expect(res).toBeUndefined();
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('throws a typed ApiError from the error envelope', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(400, { error: { code: 'CLAIM_PROOF_REQUIRED', messageZh: '请上传', messageEn: 'Upload' } }));
    const err = await http.post('/api/claims', new FormData()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('CLAIM_PROOF_REQUIRED');
    expect((err as ApiError).status).toBe(400);
    expect(onUnauthorized).not.toHaveBeenCalled();
    // FormData goes as multipart: the browser sets the boundary
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
  });

  it('reports 401 to the session handler unless the call allows it', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(401, { error: { code: 'SESSION_EXPIRED', messageZh: '登录已过期', messageEn: 'Expired' } }));
    await expect(http.get('/api/me/units')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(http.get('/api/auth/me', { allowUnauthenticated: true })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a failed fetch into NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(http.get('/api/health')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });

  it('maps a non-JSON error page by status', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>502</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(http.get('/api/health')).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });
});

describe('buildUrl', () => {
  it('skips empty values and appends to an existing query', () => {
    expect(buildUrl('/api/x', { a: '', b: null, c: undefined, d: 0, e: false })).toBe('/api/x?d=0&e=false');
    expect(buildUrl('/api/x?z=1', { a: 1 })).toBe('/api/x?z=1&a=1');
    expect(buildUrl('/api/x')).toBe('/api/x');
  });
});
