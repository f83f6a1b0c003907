import { describe, expect, it } from 'vitest';
import { generateOwnerList } from '../apps/server/src/registry/index';
import { usePlatformAndBrowser } from './support/platform';

// 阳光花园 of the demo city: the same generator and seed as apps/server/src/demo/seed.ts.
const rows = generateOwnerList({ buildings: 10, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 6, seed: 1000 });
const mine = rows.filter((r) => r.holderKind === 'person' && r.delivered && r.certificateNo).at(-1)!;

describe('an owner on a phone', () => {
  const env = usePlatformAndBrowser();

  it('signs in with a one-time code and claims a unit', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('login-tab-owner').click();
    await page.getByLabel('手机号').fill('13912340000');
    await page.getByTestId('otp-request').click();
    const demoCode = page.getByTestId('otp-demo-code');
    await demoCode.waitFor();
    const code = await demoCode.getAttribute('data-code');
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('验证码').fill(code!);
    await page.getByTestId('otp-verify').click();
    await page.waitForURL(/\/m(\/|$)/);

    await page.getByTestId('tab-claim').click();
    await page.waitForURL(/\/m\/claim/);
    await page.getByTestId('claim-estate-search').locator('input').fill('阳光');
    const option = page.locator('[data-testid^="claim-estate-option-"]').filter({ hasText: '阳光花园' }).first();
    await option.click();
    await page.getByLabel('房号').fill(mine.number);
    await page.getByLabel('姓名').fill(mine.names[0]!);
    await page.getByLabel('证件号码').fill(mine.idNumbers[0]!);
    await page.getByTestId('claim-doc-certificate').check();
    await page.getByLabel('证书/合同编号').fill(mine.certificateNo!);
    await page.screenshot({ path: '.tmp/e2e-owner-claim-form.png', fullPage: true });
    await page.getByTestId('claim-submit').click();
    const result = page.getByTestId('claim-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('bound');

    await page.getByTestId('tab-home').click();
    const units = page.getByTestId('owner-units');
    await units.getByText(mine.number).first().waitFor();
    await page.screenshot({ path: '.tmp/e2e-owner-home.png', fullPage: true });
    // named at sign-up by the phone's last four digits, in the reader's language
    expect(await page.getByTestId('owner-greeting').textContent()).toBe('您好，业主0000');
    await page.getByTestId('lang-switch').first().click();
    await expect.poll(() => page.getByTestId('owner-greeting').textContent()).toBe('Hello, Owner 0000');
    await page.getByTestId('tab-me').click();
    await page.getByText('Owner 0000').waitFor();
    await context.close();
  });

  it('in the elderly-friendly mode the claim form puts each label above a full-width input as tall as a touch target', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-owner').click();
    await page.waitForURL(/\/m(\/|$)/, { timeout: 30_000 });
    await page.getByTestId('tab-claim').click();
    await page.waitForURL(/\/m\/claim/);
    await page.getByTestId('elderly-toggle').click();
    await expect.poll(() => page.evaluate('document.documentElement.classList.contains("elderly-mode")')).toBe(true);
    for (const label of ['房号', '姓名', '证件号码', '证书/合同编号']) {
      const box = (await page.getByLabel(label).boundingBox())!;
      expect(box.height, label).toBeGreaterThanOrEqual(44);
      expect(box.width, label).toBeGreaterThan(300); // the placeholder "如 1-1-101（楼栋-单元-房号）" fits
    }
    await page.getByTestId('elderly-toggle').click(); // the preference is kept per browser: leave it as found
    await context.close();
  });

  it('without a registry match is asked for a proof, and the claim goes to review', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('login-tab-owner').click();
    await page.getByLabel('手机号').fill('13912340001');
    await page.getByTestId('otp-request').click();
    const code = await page.getByTestId('otp-demo-code').getAttribute('data-code');
    await page.getByLabel('验证码').fill(code!);
    await page.getByTestId('otp-verify').click();
    await page.waitForURL(/\/m(\/|$)/);
    await page.getByTestId('tab-claim').click();
    await page.getByTestId('claim-estate-search').locator('input').fill('阳光');
    await page.locator('[data-testid^="claim-estate-option-"]').filter({ hasText: '阳光花园' }).first().click();
    await page.getByLabel('房号').fill(rows[5]!.number);
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('证件号码').fill('110105199001011234');
    await page.getByTestId('claim-doc-contract').check();
    await page.getByLabel('证书/合同编号').fill('HT-2020-000');
    await page.getByTestId('claim-submit').click();
    await page.getByTestId('claim-proof-required').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('王小明');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await page.getByTestId('claim-proof').setInputFiles({ name: '购房合同.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('claim-submit').click();
    const result = page.getByTestId('claim-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('pending');
    await context.close();
  });
});
