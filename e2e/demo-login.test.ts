import { describe, expect, it } from 'vitest';
import { usePlatformAndBrowser } from './support/platform';

/** Each demo role signs in with one click and lands where that role works, seeing only its part. */
const cases: Array<{ username: string; home: RegExp; sees?: string[]; seesNot?: string[] }> = [
  { username: 'demo-admin', home: /\/console/, sees: ['阳光花园', '光明里'] },
  { username: 'demo-district', home: /\/console/, sees: ['阳光花园', '光明里'] },
  { username: 'demo-subdistrict', home: /\/console/, sees: ['阳光花园', '和谐家园'], seesNot: ['光明里', '团结新村'] },
  { username: 'demo-subdistrict-west', home: /\/console/, sees: ['光明里', '团结新村'], seesNot: ['阳光花园'] },
  { username: 'demo-neighborhood', home: /\/console/, sees: ['阳光花园', '荷塘小区'], seesNot: ['和谐家园'] },
  { username: 'demo-chair', home: /\/console/, sees: ['阳光花园'], seesNot: ['荷塘小区'] },
  { username: 'demo-vice-chair', home: /\/console/, sees: ['阳光花园'] },
  { username: 'demo-member', home: /\/console/, sees: ['阳光花园'] },
  { username: 'demo-prep', home: /\/console/, sees: ['荷塘小区'], seesNot: ['阳光花园'] },
  { username: 'demo-property', home: /\/console/, sees: ['阳光花园'] },
  { username: 'demo-party', home: /\/console/, sees: ['阳光花园'] },
  { username: 'demo-provider', home: /\/console/, sees: ['阳光花园'] },
  { username: 'demo-owner', home: /\/m(\/|$)/, sees: ['阳光花园'] },
];

describe('one-click demo sign-in per role', () => {
  const env = usePlatformAndBrowser();

  for (const c of cases) {
    it(`${c.username} signs in and sees what the role may see`, async () => {
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: c.username === 'demo-owner' ? { width: 390, height: 844 } : { width: 1366, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${env.platform.url}/login`);
      const button = page.getByTestId(`demo-login-${c.username}`);
      expect(await button.getAttribute('aria-label')).toMatch(/^以 .+ 身份登录 \/ Sign in as /);
      await button.click();
      await page.waitForURL(c.home, { timeout: 30_000 });
      for (const text of c.sees ?? []) await page.getByText(text).first().waitFor({ timeout: 30_000 });
      for (const text of c.seesNot ?? []) expect(await page.getByText(text, { exact: true }).count(), `${c.username} must not see ${text}`).toBe(0);
      await context.close();
    });
  }

  it('the console warns officials when next year\'s holiday arrangement is missing, exactly when the API says so', async () => {
    const status = (await (await fetch(`${env.platform.url}/api/calendar`)).json()) as { missingNextYear: number | null };
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-district').click();
    await page.getByText('阳光花园').first().waitFor({ timeout: 30_000 });
    const banner = page.getByRole('alert').filter({ hasText: '法定节假日安排' });
    if (status.missingNextYear !== null) {
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.innerText()).toContain(`缺少 ${status.missingNextYear} 年法定节假日安排`);
      expect(await banner.innerText()).toContain('gongzhi calendar add');
    } else {
      expect(await banner.count()).toBe(0);
    }
    await context.close();
  });

  it('the login page is in Chinese by default and switches to English', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.platform.url}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getAttribute('html', 'lang'), { timeout: 10_000 }).toBe('en');
    await page.getByTestId('demo-login-demo-subdistrict').getByText('Subdistrict officer').waitFor();
    expect(await page.getByRole('button', { name: /Sign in as Subdistrict officer/ }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the demo owner sees the final meeting as not theirs to vote (every motion limited to a building where they own nothing), not as a missed vote', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-owner').click();
    await page.waitForURL(/\/m(\/|$)/, { timeout: 30_000 });
    const final = page.locator('[data-testid^="owner-meeting-"][data-state="final"]');
    await final.waitFor({ timeout: 30_000 });
    expect(await final.getAttribute('data-voted')).toBe('notInScope');
    expect(await final.innerText()).toContain('无需表决');
    expect(await final.innerText()).not.toContain('未投票');
    await final.click();
    const why = page.getByTestId('vote-not-in-scope');
    await why.waitFor();
    expect(await why.innerText()).toMatch(/只由部分楼栋（.+号楼）表决，您的房屋不在其中/);
    await context.close();
  });

  it('keyboard focus is visible: on the owners\' pages (Vant) and in the console after them', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    // the outline of whatever has the keyboard focus after `tabs` presses of Tab
    const focusRing = async (tabs: number) => {
      for (let i = 0; i < tabs; i++) await page.keyboard.press('Tab');
      // a string: the e2e tests are typed without the DOM library
      return page.evaluate<{ tag: string; text: string; style: string; width: string }>(`(() => {
        const el = document.activeElement;
        const css = getComputedStyle(el);
        return { tag: el.tagName.toLowerCase(), text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40), style: css.outlineStyle, width: css.outlineWidth };
      })()`);
    };
    await page.goto(`${env.platform.url}/login`);
    await page.getByTestId('demo-login-demo-chair').waitFor();
    // Vant's base style (outline: none on every focused a, button, input) is loaded here
    for (const tabs of [1, 1, 1, 1]) {
      const ring = await focusRing(tabs);
      expect(ring.style, `${ring.tag} ${ring.text}`).toBe('solid');
      expect(ring.width).toBe('2px');
    }
    // and stays loaded when the console opens in the same visit
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('demo-login-demo-chair').click();
    await page.waitForURL(/\/console/, { timeout: 30_000 });
    await page.getByText('阳光花园').first().waitFor({ timeout: 30_000 });
    for (const tabs of [1, 1, 1]) {
      const ring = await focusRing(tabs);
      expect(ring.style, `${ring.tag} ${ring.text}`).toBe('solid');
    }
    await context.close();
  });
});
