import { beforeAll, describe, expect, it } from 'vitest';
import { renderMeetingNoticePdf, renderPaperBallotsPdf, renderResultNoticePdf } from '../../../src/documents/index';
import type { DocumentMotion, PaperBallotsDoc, ResultNoticeDoc } from '../../../src/documents/types';
import { CHAIN_HEAD, MEETING_TITLE, MOTIONS, meetingNotice, paperBallots, resultNotice } from './fixtures';
import { embeddedFonts, pdfText, squeeze, type PdfText } from './pdf-text';

// Rendering loads two 10 MB fonts once and lays out Chinese text: allow for a slow machine.
const SLOW = 60_000;

describe('meeting notice', () => {
  let buf: Buffer;
  let pdf: PdfText;
  beforeAll(async () => {
    buf = await renderMeetingNoticePdf(meetingNotice);
    pdf = await pdfText(buf);
  }, SLOW);

  it('is a PDF with the title, the estate and the voting window in China time', () => {
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.compact).toContain(squeeze(`关于召开《${MEETING_TITLE}》的通知`));
    expect(pdf.compact).toContain('阳光花园小区业主委员会');
    expect(pdf.compact).toContain(squeeze('2026年12月8日 00:00 至 2026年12月20日 24:00'));
    expect(pdf.compact).toContain('2026年11月20日');
  });

  it('lists every motion with its matter, threshold, scope and the candidates with their statements', () => {
    for (const m of MOTIONS) expect(pdf.compact).toContain(squeeze(`议题${m.number}：${m.title}`));
    expect(pdf.compact).toContain(squeeze('选聘和解聘物业服务企业或者其他管理人（民法典第二百七十八条第四项）'));
    expect(pdf.compact).toContain('双四分之三');
    expect(pdf.compact).toContain('3号楼的业主');
    expect(pdf.compact).toContain('5人（每张选票最多选5人）');
    expect(pdf.compact).toContain('李晓梅');
    expect(pdf.compact).toContain('注册会计师，愿意负责公共收益账目公开。');
  });

  it('gives the roll summary, how to vote and the legal basis', () => {
    expect(pdf.compact).toContain('专有部分1268个，表决权人1204人，专有部分总面积118342.57平方米');
    expect(pdf.compact).toContain('https://gongzhi.example.cn/m/meetings/12/3');
    expect(pdf.compact).toContain('纸质表决');
    expect(pdf.compact).toContain('《物业管理条例》第十二条、第十四条');
  });

  it('numbers its pages "第 n 页 / 共 N 页"', () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((text, i) => expect(squeeze(text)).toContain(`第${i + 1}页/共${pdf.pages.length}页`));
  });

  it('embeds Noto Sans SC and carries the document info', () => {
    expect(embeddedFonts(buf)).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    expect(pdf.info.Title).toBe(`关于召开《${MEETING_TITLE}》的通知`);
    expect(pdf.info.Author).toBe('Gongzhi 共治');
    expect(pdf.info.CreationDate).toMatch(/^D:\d{14}/);
  });

  it('adds 业主大会会议 to a title that does not name the meeting', async () => {
    const text = await pdfText(await renderMeetingNoticePdf({ ...meetingNotice, title: '选聘物业服务企业', location: null }));
    expect(text.compact).toContain('关于召开《选聘物业服务企业》业主大会会议的通知');
    expect(text.compact).not.toContain('会议地点');
  }, SLOW);
});

describe('paper ballots', () => {
  const doc = paperBallots(12);
  const progress: [number, number][] = [];
  let buf: Buffer;
  let pdf: PdfText;
  beforeAll(async () => {
    buf = await renderPaperBallotsPdf(doc, (done, total) => progress.push([done, total]));
    pdf = await pdfText(buf);
  }, SLOW);

  it('has one page per ballot', () => {
    expect(pdf.pages).toHaveLength(doc.ballots.length);
  });

  it('prints on each page its holder (masked), units, area and code', () => {
    doc.ballots.forEach((ballot, i) => {
      const page = squeeze(pdf.pages[i] ?? '');
      expect(page).toContain(ballot.holderLabel);
      expect(page).toContain(ballot.units[0]);
      expect(page).toContain(`${ballot.area}平方米`);
      expect(page).toContain(ballot.code);
      expect(page).toContain(squeeze(MEETING_TITLE));
      expect(page).toContain('阳光花园小区');
    });
  });

  it('lists exactly the holder’s motions, with boxes for resolutions and candidates for elections', () => {
    doc.ballots.forEach((ballot, i) => {
      const page = squeeze(pdf.pages[i] ?? '');
      for (const m of MOTIONS) {
        const line = squeeze(`${m.number}. ${m.title}`);
        if (ballot.motionIds.includes(m.id)) expect(page).toContain(line);
        else expect(page).not.toContain(line);
      }
      expect(page).toContain('□同意□反对□弃权');
      expect(page).toContain('（应选5人，最多选5人）');
      expect(page).toContain('□王建国');
      expect(page).toContain('业主（或委托代理人）签名：');
      expect(page).toContain('日期：');
      expect(page).toContain(squeeze(doc.returnInstructions));
    });
    expect(doc.ballots.some((b) => !b.motionIds.includes('m4'))).toBe(true);
  });

  it('reports progress for every ballot', () => {
    expect(progress).toEqual(doc.ballots.map((_, i) => [i + 1, doc.ballots.length]));
  });

  it('embeds Noto Sans SC', () => {
    expect(embeddedFonts(buf)).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
  });

  it('repeats the code on the continuation page of a ballot too long for one page', async () => {
    const many: DocumentMotion[] = Array.from({ length: 16 }, (_, i) => ({
      ...(MOTIONS[0] as DocumentMotion),
      id: `m${i + 1}`,
      number: i + 1,
      title: `第${i + 1}项：关于调整小区公共设施维护方案的议案`,
    }));
    const one = paperBallots(1);
    const ballot = { ...one.ballots[0]!, motionIds: many.map((m) => m.id) };
    const long: PaperBallotsDoc = { ...one, motions: many, ballots: [ballot] };
    const text = await pdfText(await renderPaperBallotsPdf(long));
    expect(text.pages.length).toBeGreaterThan(1);
    for (const page of text.pages) expect(squeeze(page)).toContain(ballot.code);
    expect(text.compact).toContain(squeeze('16. 第16项：关于调整小区公共设施维护方案的议案'));
  }, SLOW);

  it('refuses a ballot naming a motion the meeting does not have', async () => {
    const one = paperBallots(1);
    const bad = { ...one, ballots: [{ ...one.ballots[0]!, motionIds: ['m1', 'm99'] }] };
    await expect(renderPaperBallotsPdf(bad)).rejects.toThrow(/m99/);
  });

  it('renders an empty batch as one page saying so', async () => {
    const text = await pdfText(await renderPaperBallotsPdf({ ...paperBallots(0) }));
    expect(text.pages).toHaveLength(1);
    expect(text.compact).toContain('没有表决票');
  }, SLOW);
});

describe('result notice', () => {
  let buf: Buffer;
  let pdf: PdfText;
  beforeAll(async () => {
    buf = await renderResultNoticePdf(resultNotice('preliminary'));
    pdf = await pdfText(buf);
  }, SLOW);

  it('is titled as preliminary and names the objection period', () => {
    expect(pdf.compact).toContain('表决结果公告（初步）');
    expect(pdf.compact).toContain('2027年1月5日（含当日）前');
    expect(pdf.info.Title).toContain('表决结果公告（初步）');
  });

  it('shows eligible and participating area and holders with exact percentages', () => {
    // 86420.13 / 118342.57 = 73.025…%, 912 / 1204 = 75.747…%
    expect(pdf.compact).toContain('118342.57');
    expect(pdf.compact).toContain('86420.1373.03%91275.75%');
    // approve 59131.20 / 86420.13 = 68.422…%, 624 / 912 = 68.421…%
    expect(pdf.compact).toContain('同意59131.2068.42%62468.42%');
    expect(pdf.compact).toContain('废票0.000.00%00.00%');
  });

  it('gives each motion its quorum and result', () => {
    for (const m of MOTIONS) expect(pdf.compact).toContain(squeeze(`议题${m.number}：${m.title}`));
    expect(pdf.compact).toContain('参与表决人数要求：已达到');
    expect(pdf.compact).toContain('参与表决人数要求：未达到');
    expect(pdf.compact).toContain('表决结果：通过');
    expect(pdf.compact).toContain('表决结果：未通过');
    expect(pdf.compact).toContain('表决结果：未达到参与表决人数要求');
  });

  it('lists the candidates with their approvals and outcome', () => {
    expect(pdf.compact).toContain('王建国70111.0081.13%74081.14%是当选');
    expect(pdf.compact).toContain('孙文20000.0023.14%21023.03%否未当选');
  });

  it('prints the chain head, the ballots per channel and the recount command', () => {
    expect(pdf.compact).toContain(CHAIN_HEAD);
    expect(pdf.compact).toContain('4510张（线上3622张，纸质801张，委托代理87张）');
    expect(pdf.compact).toContain(`gongzhirecountbundle.json--expect-head${CHAIN_HEAD}`);
  });

  it('names no owner', () => {
    expect(pdf.compact).not.toMatch(/\*/);
    expect(embeddedFonts(buf)).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
  });

  it('has a final form with the posting period and a runoff', async () => {
    const final = resultNotice('final');
    const election = final.motions[2]!;
    const runoff: ResultNoticeDoc = {
      ...final,
      motions: [{ ...election, result: 'failed', candidates: election.candidates!.map((c, i) => (i >= 3 ? { ...c, elected: false, runoff: i < 5 } : c)) }],
    };
    const text = await pdfText(await renderResultNoticePdf(runoff));
    expect(text.compact).toContain('表决结果公告（最终）');
    expect(text.compact).toContain('公示至2027年1月20日（含当日）');
    expect(text.compact).toContain('赵丽华55000.0063.64%60065.79%是进入决选');
    expect(text.compact).not.toContain('异议');
  }, SLOW);

  it('refuses an unknown result', async () => {
    const doc = resultNotice('final');
    await expect(renderResultNoticePdf({ ...doc, motions: [{ ...doc.motions[0]!, result: 'maybe' }] })).rejects.toThrow(/maybe/);
  });
});
