import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { generateOwnerList } from '../apps/server/src/registry/index';
import { launchBrowser, startPlatform, type RunningPlatform } from './support/platform';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';

// A whole written vote in the browser: the committee convenes a meeting with two resolutions and
// an election and publishes the notice; three owners vote on phones; a clerk enters a paper ballot
// and a second clerk confirms it; a proxy votes; a duplicate is refused; the meeting closes; the
// result shown equals `gongzhi recount` of the exported bundle. The server runs on a test clock
// (GONGZHI_TEST_CLOCK) so that the 15-day notice period passes in a second.

const root = path.resolve(import.meta.dirname, '..');
const START = '2026-03-02T10:00:00+08:00';
const rows = generateOwnerList({ buildings: 10, entrancesPerBuilding: 2, floors: 25, unitsPerFloor: 6, seed: 1000 });
const people = rows.filter((r) => r.holderKind === 'person' && r.delivered && r.certificateNo && r.names.length === 1);
const owners = [people[10]!, people[20]!, people[30]!];
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let platform: RunningPlatform;
let browser: Browser;
beforeAll(async () => {
  platform = await startPlatform({ GONGZHI_TEST_CLOCK: START, GONGZHI_MEETING_CLOCK_SECONDS: '0' });
  browser = await launchBrowser();
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  writeFileSync(path.join(root, '.tmp/e2e-scan.png'), png);
}, 200_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

async function api(request: APIRequestContext, method: 'GET' | 'POST', url: string, data?: unknown, csrf?: string) {
  const r = await request.fetch(`${platform.url}${url}`, { method, data: data as never, headers: csrf ? { 'x-csrf-token': csrf } : {} });
  const text = await r.text();
  return { status: r.status(), body: text && (r.headers()['content-type'] ?? '').includes('json') ? JSON.parse(text) : text };
}

/** Signs a phone in by one-time code through the API of a browser context (cookies stay in it). */
async function otpSignIn(context: BrowserContext, phoneNo: string): Promise<string> {
  const req = await api(context.request, 'POST', '/api/auth/otp/request', { phone: phoneNo });
  const me = await api(context.request, 'POST', '/api/auth/otp/verify', { phone: phoneNo, code: req.body.code });
  expect(me.status).toBe(200);
  return me.body.csrfToken as string;
}

async function staffPage(username: string): Promise<{ context: BrowserContext; page: Page; csrf: string }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const me = await api(context.request, 'POST', '/api/auth/demo/login', { username });
  expect(me.status).toBe(200);
  return { context, page: await context.newPage(), csrf: me.body.csrfToken };
}

/** An Element Plus or Vant field: the test id sits on the <input> itself or on its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

const STATE_LABEL = { notice: '公告期', voting: '投票中', closed: '已结束' } as const;

const advance = (ms: number) => fetch(`${platform.url}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) }).then((r) => r.json() as Promise<{ now: string }>);

describe('an owners assembly vote in the browser', () => {
  let estateId: number;
  let meetingId: number;
  let motions: Array<{ id: string; number: number; title: string; kind: string; candidates: Array<{ id: string }> }>;

  it('the committee convenes a meeting and publishes the notice', async () => {
    const { context, page } = await staffPage('demo-chair');
    const estates = await api(context.request, 'GET', '/api/estates?q=%E9%98%B3%E5%85%89');
    estateId = (estates.body.items as Array<{ id: number; name: string }>).find((e) => e.name === '阳光花园')!.id;
    await page.goto(`${platform.url}/console/estates/${estateId}?tab=meetings`);
    await page.getByTestId('meeting-new').click();
    await field(page, 'meeting-title').fill('2026年第一次业主大会会议（演示）');
    await page.locator('#meeting-opens').fill('2026-03-18 09:00');
    await page.locator('#meeting-opens').press('Enter');
    await page.locator('#meeting-closes').fill('2026-03-25 18:00');
    await page.locator('#meeting-closes').press('Enter');
    await page.getByTestId('motion-add-resolution').click();
    await field(page, 'motion-title-0').fill('续聘安居物业服务有限公司');
    await page.getByTestId('motion-matter-0').click();
    await page.getByTestId('motion-matter-0-property_manager').click();
    await page.getByTestId('motion-add-resolution').click();
    await field(page, 'motion-title-1').fill('公共收益用于增设充电桩');
    await page.getByTestId('motion-add-election').click();
    await field(page, 'motion-title-2').fill('增补业主委员会委员');
    await field(page, 'candidate-name-2-0').fill('王建国');
    await page.getByTestId('candidate-add-2').click();
    await field(page, 'candidate-name-2-1').fill('李秀英');
    await page.getByTestId('meeting-save').click();
    await page.waitForURL(/\/meetings\/\d+/);
    meetingId = Number(/\/meetings\/(\d+)/.exec(page.url())![1]);
    await expect.poll(async () => page.getByTestId('readiness-blockers').getAttribute('data-count')).toBe('0');
    await page.screenshot({ path: '.tmp/e2e-meeting-draft.png', fullPage: true });
    await page.getByTestId('meeting-publish').click();
    await expect.poll(async () => (await api(page.context().request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}`)).body.state).toBe('notice');
    await page.getByText(STATE_LABEL['notice']).first().waitFor();
    const detail = await api(context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}`);
    motions = detail.body.motions;
    expect(motions.map((m) => m.kind)).toEqual(['resolution', 'resolution', 'election']);
    await context.close();
  });

  it('voting opens once the 15-day notice period has run', async () => {
    await advance(new Date('2026-03-18T09:05:00+08:00').getTime() - new Date((await (await fetch(`${platform.url}/api/test/clock`)).json() as { now: string }).now).getTime());
    const { context, page } = await staffPage('demo-chair');
    await page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: '.tmp/e2e-before-open.png', fullPage: true });
    await page.getByTestId('meeting-open').click();
    await expect.poll(async () => (await api(page.context().request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}`)).body.state).toBe('voting');
    await page.getByText(STATE_LABEL['voting']).first().waitFor();
    await context.close();
  });

  const phones = ['13912350001', '13912350002', '13912350003'];
  it('three owners vote on their phones; a duplicate is refused', async () => {
    for (const [i, row] of owners.entries()) {
      const context = await browser.newContext(phone);
      const csrf = await otpSignIn(context, phones[i]!);
      if (i === 0) {
        // the notice's link opened before the owner has verified a unit: told what to do, not just "forbidden"
        const early = await context.newPage();
        await early.goto(`${platform.url}/m/meetings/${estateId}/${meetingId}`);
        await early.getByTestId('meeting-need-claim').waitFor();
        expect(await early.getByTestId('meeting-need-claim').innerText()).toContain('请先认证您的房屋');
        await early.getByTestId('meeting-claim-link').click();
        await early.waitForURL(/\/m\/claim$/);
        await early.close();
      }
      const claim = await context.request.post(`${platform.url}/api/claims`, {
        headers: { 'x-csrf-token': csrf },
        multipart: { estateId: String(estateId), unitNumber: row.number, name: row.names[0]!, idNumber: row.idNumbers[0]!, documentKind: 'certificate', documentNo: row.certificateNo! },
      });
      expect(claim.status(), await claim.text()).toBe(201);
      const page = await context.newPage();
      await page.goto(`${platform.url}/m`);
      await page.getByTestId(`owner-meeting-${meetingId}`).click();
      await page.waitForURL(new RegExp(`/m/meetings/${estateId}/${meetingId}`));
      await page.getByTestId(`vote-choice-${motions[0]!.id}-approve`).check();
      await page.getByTestId(`vote-choice-${motions[1]!.id}-${i === 2 ? 'reject' : 'approve'}`).check();
      await page.getByTestId(`vote-candidate-${motions[2]!.id}-${motions[2]!.candidates[0]!.id}`).check();
      if (i === 0) await page.screenshot({ path: '.tmp/e2e-vote-phone.png', fullPage: true });
      if (i === 2) {
        // the same holder's ballot arrives first from elsewhere: the phone's submission is refused
        const me = await api(context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/ballot-form`);
        const holderId = me.body.holders[0].holderId;
        const other = await api(context.request, 'POST', `/api/estates/${estateId}/meetings/${meetingId}/ballots`, { holderId, answers: [{ motionId: motions[0]!.id, choice: 'approve' }] }, csrf);
        expect(other.status).toBe(201);
      }
      await page.getByTestId('vote-submit').click();
      await page.getByTestId('vote-confirm').click();
      if (i === 2) {
        await expect.poll(() => page.getByTestId('vote-error').textContent()).toContain('已');
        await page.screenshot({ path: '.tmp/e2e-vote-duplicate.png', fullPage: true });
      } else {
        await page.getByTestId('vote-receipt').first().waitFor();
      }
      if (i === 0) {
        // 验证我的选票 names the motion as the notice does, not by its internal id
        await page.getByTestId(`vote-verify-${motions[0]!.id}`).click();
        await page.waitForURL(/\/m\/verify\//);
        expect(await page.getByTestId('verify-motion').innerText()).toBe(`议题 ${motions[0]!.number} ${motions[0]!.title}`);
      }
      await context.close();
    }
  });

  it('a clerk enters a paper ballot and a second clerk confirms it', async () => {
    const clerk1 = await staffPage('demo-chair');
    const roll = await api(clerk1.context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/roll?pageSize=200&page=3`);
    const paperHolder = (roll.body.items as Array<{ holderId: number }>)[5]!.holderId;
    const pdf = await clerk1.context.request.get(`${platform.url}/api/estates/${estateId}/meetings/${meetingId}/paper/ballots/${paperHolder}.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await pdf.body()) }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join('');
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)![0];
    const page = clerk1.page;
    await page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}?tab=paper`);
    await field(page, 'paper-code-input').fill(code);
    await field(page, 'paper-code-input').press('Enter');
    await page.getByTestId('paper-holder').waitFor();
    await page.getByTestId(`paper-answer-${motions[0]!.id}-approve`).check();
    await page.getByTestId(`paper-answer-${motions[1]!.id}-abstain`).check();
    await page.getByTestId(`paper-answer-${motions[2]!.id}-${motions[2]!.candidates[1]!.id}`).check();
    await page.getByTestId('paper-scan').setInputFiles(path.join(root, '.tmp/e2e-scan.png'));
    await page.getByTestId('paper-submit').click();
    await expect.poll(async () => (await api(clerk1.context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/paper/entries`)).body.items.length).toBe(1);
    const entryId = (await api(clerk1.context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/paper/entries`)).body.items[0].id as number;
    await clerk1.context.close();

    const clerk2 = await staffPage('demo-vice-chair');
    await clerk2.page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}?tab=paper`);
    await clerk2.page.getByTestId(`paper-confirm-${entryId}`).click();
    await clerk2.page.getByTestId(`paper-confirm-answer-${motions[0]!.id}-approve`).check();
    await clerk2.page.getByTestId(`paper-confirm-answer-${motions[1]!.id}-abstain`).check();
    await clerk2.page.getByTestId(`paper-confirm-answer-${motions[2]!.id}-${motions[2]!.candidates[1]!.id}`).check();
    await clerk2.page.getByTestId('paper-confirm-submit').click();
    await expect.poll(async () => (await api(clerk2.context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/paper/entries`)).body.items[0].status).toBe('confirmed');
    await clerk2.page.getByTestId('paper-entries-all').click();
    await expect.poll(async () => clerk2.page.getByTestId(`paper-entry-status-${entryId}`).getAttribute('data-status')).toBe('confirmed');
    await clerk2.page.screenshot({ path: '.tmp/e2e-paper-confirmed.png', fullPage: true });
    await clerk2.context.close();
  });

  it('a proxy with a written authorization votes for a holder', async () => {
    const clerk = await staffPage('demo-chair');
    const roll = await api(clerk.context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/roll?pageSize=200&page=4`);
    const proxyHolder = (roll.body.items as Array<{ holderId: number }>)[7]!.holderId;
    await clerk.page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}?tab=proxies`);
    await field(clerk.page, 'proxy-holder').fill(String(proxyHolder));
    await field(clerk.page, 'proxy-name').fill('赵六');
    await field(clerk.page, 'proxy-phone').fill('13712340009');
    await clerk.page.getByTestId('proxy-file').setInputFiles(path.join(root, '.tmp/e2e-scan.png'));
    await clerk.page.getByTestId('proxy-submit').click();
    await clerk.page.getByTestId('proxies-table').getByText('137****0009').waitFor();
    await clerk.context.close();

    const context = await browser.newContext(phone);
    await otpSignIn(context, '13712340009');
    const page = await context.newPage();
    await page.goto(`${platform.url}/m`);
    await page.getByTestId(`owner-meeting-${meetingId}`).click();
    await page.getByTestId(`vote-choice-${motions[0]!.id}-reject`).check();
    await page.getByTestId(`vote-choice-${motions[1]!.id}-approve`).check();
    await page.getByTestId('vote-submit').click();
    await page.getByTestId('vote-confirm').click();
    await page.getByTestId('vote-receipt').first().waitFor();
    await context.close();
  });

  it('the meeting closes; the result shown is the recount of the exported bundle', async () => {
    const now = (await (await fetch(`${platform.url}/api/test/clock`)).json()) as { now: string };
    await advance(new Date('2026-03-25T18:30:00+08:00').getTime() - new Date(now.now).getTime());
    const { context, page } = await staffPage('demo-chair');
    await page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}`);
    // the browser tab names the meeting (officials keep several open)
    await expect.poll(() => page.title()).toBe('2026年第一次业主大会会议（演示） · 业主大会 · 共治');
    await page.getByTestId('meeting-close').click();
    await expect.poll(async () => (await api(page.context().request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}`)).body.state).toBe('closed');
    await page.getByText(STATE_LABEL['closed']).first().waitFor();
    const head = (await page.getByTestId('chain-head').textContent())!.match(/[0-9a-f]{64}/)![0];
    await page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}?tab=result`);
    await page.getByTestId(`result-outcome-${motions[0]!.id}`).waitFor();
    await page.screenshot({ path: '.tmp/e2e-result.png', fullPage: true });
    const shown = await Promise.all(motions.map((m) => page.getByTestId(`result-outcome-${m.id}`).getAttribute('data-result')));

    const bundle = await context.request.get(`${platform.url}/api/estates/${estateId}/meetings/${meetingId}/bundle`);
    const file = path.join(root, '.tmp/e2e-bundle.json');
    writeFileSync(file, await bundle.body());
    const r = spawnSync(process.execPath, [path.join(root, 'bin/gongzhi.js'), 'recount', file, '--json', '--expect-head', head], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const recount = JSON.parse(r.stdout) as { chainHead: string; motions: Array<{ id: string; result: string; participated: { holders: number } }> };
    expect(recount.chainHead).toBe(head);
    expect(recount.motions.map((m) => m.result)).toEqual(shown);
    // 3 owners (the third counted once) + 1 paper + 1 proxy took part in the first motion
    expect(recount.motions[0]!.participated.holders).toBe(5);
    const stored = await api(context.request, 'GET', `/api/estates/${estateId}/meetings/${meetingId}/result`);
    expect(stored.body.recount).toEqual(recount);
    const notice = await context.request.get(`${platform.url}/api/estates/${estateId}/meetings/${meetingId}/documents/result-preliminary.pdf`);
    expect(notice.headers()['content-type']).toBe('application/pdf');
    // the masked ballot list names each motion as the notice does, and candidates by name
    await page.goto(`${platform.url}/console/estates/${estateId}/meetings/${meetingId}?tab=ballots`);
    const ballots = page.getByTestId('ballots-table');
    await ballots.getByText(`议题 ${motions[0]!.number} ${motions[0]!.title}`).first().waitFor();
    expect(await ballots.getByText(/^m\d+$/).count()).toBe(0);
    await context.close();
  });
});
