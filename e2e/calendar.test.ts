import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usePlatformAndBrowser } from './support/platform';

// A platform administrator adds next year's holiday arrangement in the console, as an operator
// does with `gongzhi calendar add`; the warning banner goes away for every official. The clock
// is set to 4 December 2026 (2027 is then missing). The 2027 data is the labelled test fixture,
// not the published arrangement.
const fixtureText = readFileSync(new URL('../packages/core/test/fixtures/calendar/2027-test-fixture.json', import.meta.url), 'utf8');
const dir = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-calendar-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('the holiday calendar in the officials\' console', () => {
  const env = usePlatformAndBrowser({ GONGZHI_TEST_CLOCK: '2026-12-04T10:00:00+08:00' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a platform administrator adds 2027: bad files are refused with the reason, the good one clears the warning', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-admin').click();
    await page.waitForURL(/\/console/, { timeout: 30_000 });

    const banner = page.getByTestId('calendar-missing');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain('缺少 2027 年法定节假日安排');
    await page.getByTestId('calendar-add-link').click();
    await page.waitForURL(/\/console\/calendar$/);
    await page.getByRole('heading', { name: '节假日日历', level: 1 }).waitFor();
    const table = page.getByTestId('calendar-years');
    for (const y of ['2024', '2025', '2026']) await table.getByText(y, { exact: true }).waitFor();
    // on this page the banner still warns but does not link to the page itself
    expect(await banner.count()).toBe(1);
    expect(await page.getByTestId('calendar-add-link').count()).toBe(0);
    expect(await table.getByText('随版本发布').count()).toBe(3);

    const upload = page.getByTestId('calendar-upload');
    expect(await upload.isDisabled()).toBe(true);
    // the file input is reachable by its label (keyboard and screen readers)
    const input = page.getByLabel('通知 JSON 文件');
    // drawn as the app's button, in the app's language (not the browser's own file button)
    await page.getByText('选择 JSON 文件', { exact: true }).waitFor();
    const chosen = page.getByTestId('calendar-file-name');
    expect(await chosen.innerText()).toBe('未选择文件');

    await input.setInputFiles(file('not-json.json', '国务院办公厅通知（网页复制）'));
    expect(await chosen.innerText()).toBe('not-json.json');
    await upload.click();
    const error = page.getByTestId('calendar-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('不是有效的 JSON 文件');

    const broken = JSON.parse(fixtureText) as { holidays: Array<{ days: number }> };
    broken.holidays[0]!.days += 1;
    await input.setInputFiles(file('2027-broken.json', JSON.stringify(broken)));
    await upload.click();
    await page.getByTestId('calendar-error').filter({ hasText: 'CALENDAR_DATA_INVALID' }).waitFor();
    expect(await page.getByTestId('calendar-error').innerText()).toContain('2027 年节假日数据无效');
    expect(await banner.count()).toBe(1); // nothing stored

    await input.setInputFiles(file('2027.json', fixtureText));
    await upload.click();
    const added = page.getByTestId('calendar-added');
    await added.waitFor();
    expect(await added.innerText()).toContain('已加入 2027 年法定节假日安排');
    await table.getByText('2027', { exact: true }).waitFor();
    expect(await table.getByText('管理员添加').count()).toBe(1);
    await banner.waitFor({ state: 'detached' });
    expect(await chosen.innerText()).toBe('未选择文件'); // the stored file is no longer offered

    await input.setInputFiles(file('2027-again.json', fixtureText));
    await upload.click();
    await page.getByTestId('calendar-added').filter({ hasText: '内容相同' }).waitFor();
    await context.close();
  });

  it('other officials see the calendar but cannot add to it (and the server refuses them)', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-district').click();
    await page.getByText('阳光花园').first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').filter({ hasText: '法定节假日安排' }).count()).toBe(0); // 2027 was added above
    await page.getByTestId('calendar-link').click();
    await page.getByTestId('calendar-years').getByText('2027', { exact: true }).waitFor();
    expect(await page.getByTestId('calendar-add').count()).toBe(0);
    await page.getByText('只有平台管理员可以添加年度安排').waitFor();
    const refused = await page.evaluate(async (body) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/calendar/years', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body });
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    }, fixtureText);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await context.close();
  });
});
