import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateOwnerList, writeOwnerListXlsx, type OwnerListRow } from '../apps/server/src/registry/index';
import { usePlatformAndBrowser } from './support/platform';

const tmp = path.resolve(import.meta.dirname, '../.tmp');

async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  const me = await page.request.get('/api/auth/me');
  const csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
  const r = await page.request.fetch(url, { method, headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, ...(body ? { data: JSON.stringify(body) } : {}) });
  if (!r.ok()) throw new Error(`${method} ${url}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

describe('an official imports an owner list', () => {
  const env = usePlatformAndBrowser();

  it('imports a 2,000-unit .xlsx with progress, then a bad file shows its row errors and imports nothing', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, baseURL: env.platform.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('demo-login-demo-subdistrict').click();
    await page.waitForURL(/\/console/);

    // A new estate in the officer's subdistrict (幸福社区).
    type Node = { id: number; name: string; children: Node[] };
    const tree = await api<{ roots: Node[] }>(page, 'GET', '/api/jurisdictions/tree');
    const all: Node[] = [];
    const walk = (n: Node) => { all.push(n); n.children.forEach(walk); };
    tree.roots.forEach(walk);
    const neighborhood = all.find((n) => n.name === '幸福社区')!;
    const estate = await api<{ id: number }>(page, 'POST', '/api/estates', { neighborhoodId: neighborhood.id, name: '新城佳苑', address: '东华路 300 号' });

    const rows = generateOwnerList({ buildings: 10, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 4, seed: 77 });
    expect(rows).toHaveLength(2000);
    const good = path.join(tmp, 'e2e-owner-list-2000.xlsx');
    writeFileSync(good, await writeOwnerListXlsx(rows));

    await page.goto(`/console/estates/${estate.id}?tab=import`);
    await page.getByTestId('import-file').setInputFiles(good);
    await page.getByTestId('import-submit').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 120_000, interval: 250 }).toMatch(/succeeded|failed/);
    expect(await status.getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('import-summary-unitsCreated').getAttribute('data-value')).toBe('2000');
    await page.screenshot({ path: path.join(tmp, 'e2e-import-ok.png'), fullPage: true });

    // A bad file: a duplicate unit, a negative area, three decimals, a bad ID, an unknown building.
    const bad: OwnerListRow[] = rows.slice(0, 30).map((r) => ({ ...r, area: r.area }));
    bad[3] = { ...bad[3]!, number: bad[2]!.number };
    bad[5] = { ...bad[5]!, area: '-12.50' };
    bad[7] = { ...bad[7]!, area: '88.123' };
    bad[9] = { ...bad[9]!, holderKind: 'person', names: ['张三'], idNumbers: ['110105199001011235'], phones: [null] };
    bad[11] = { ...bad[11]!, building: '99号楼' };
    const badFile = path.join(tmp, 'e2e-owner-list-bad.xlsx');
    writeFileSync(badFile, await writeOwnerListXlsx(bad));
    await page.getByTestId('import-file').setInputFiles(badFile);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000, interval: 250 }).toBe('failed');
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    for (const rowNo of ['4', '5', '7', '9', '11', '13']) expect(text).toContain(rowNo);
    expect(text).toMatch(/重复|duplicate/i);
    expect(text).toContain('专有部分面积');
    await page.screenshot({ path: path.join(tmp, 'e2e-import-errors.png'), fullPage: true });

    // A file with more errors than one reply carries: every page comes from the server.
    const many = rows.slice(0, 300).map((r) => ({ ...r, area: '-1' }));
    const manyFile = path.join(tmp, 'e2e-owner-list-300-errors.xlsx');
    writeFileSync(manyFile, await writeOwnerListXlsx(many));
    await page.getByTestId('import-file').setInputFiles(manyFile);
    await page.getByTestId('import-submit').click();
    await expect.poll(() => errors.getAttribute('data-count'), { timeout: 60_000, interval: 250 }).toBe('300');
    const pager = page.getByTestId('import-errors-pagination');
    await pager.getByText('共 300 条').waitFor();
    const jump = pager.locator('.el-pagination__jump input');
    await jump.fill('6');
    await jump.press('Enter');
    await errors.getByRole('cell', { name: '301', exact: true }).waitFor({ timeout: 10_000 });

    // Nothing of the bad files was imported.
    const detail = await api<{ unitCount: number; totalArea: string }>(page, 'GET', `/api/estates/${estate.id}`);
    expect(detail.unitCount).toBe(2000);
    const cents = rows.reduce((s, r) => s + Math.round(Number(r.area) * 100), 0);
    expect(detail.totalArea).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    await context.close();
  });
});
