import type { Content } from 'pdfmake';
import { chinaDate, chinaWindow } from './format';
import { fieldTable, gridTable, pageNumberFooter, renderPdf } from './pdf';
import type { DocumentMotion, MeetingNoticeDoc } from './types';

/** 业主大会会议通知（公告）as an A4 PDF. */

const CHINESE_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "一" … "十", then Arabic numerals: section numbers of the notice. */
function numeral(n: number): string {
  return CHINESE_NUMERALS[n] ?? String(n);
}

/** The notice's title: 关于召开《…》业主大会会议的通知 (without doubling a title that already names the meeting). */
export function meetingNoticeTitle(title: string): string {
  return /(业主大会会议|会议)$/.test(title) ? `关于召开《${title}》的通知` : `关于召开《${title}》业主大会会议的通知`;
}

/** What a threshold label means (民法典第二百七十八条第二款). */
export const THRESHOLD_TEXT: Record<string, string> = {
  双过半: '经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意',
  双四分之三: '经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意',
};

/** "双过半（经参与表决…同意）", or the bare label when it is not one of the two known ones. */
export function thresholdWithText(label: string): string {
  const text = THRESHOLD_TEXT[label];
  return text ? `${label}（${text}）` : label;
}

/** A free text's lines as paragraphs. */
function paragraphs(text: string): Content[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => ({ text: p, margin: [0, 0, 0, 4] as [number, number, number, number] }));
}

function motionBlock(m: DocumentMotion): Content {
  const rows: [string, Content][] = [
    ['事项类别', m.matterLabel],
    ['表决规则', thresholdWithText(m.thresholdLabel)],
    ['表决范围', m.scopeLabel ? `${m.scopeLabel}的业主` : '全体业主'],
  ];
  if (m.kind === 'election') rows.push(['应选人数', `${m.seats ?? '—'} 人（每张选票最多选 ${m.seats ?? '—'} 人）`]);
  const block: Content[] = [
    { text: `议题${m.number}：${m.title}`, style: 'motionTitle' },
    fieldTable(rows),
    ...paragraphs(m.description),
  ];
  if (m.kind === 'election') {
    block.push(
      gridTable(
        ['序号', '候选人', '个人陈述'],
        m.candidates.map((c, i) => [{ text: String(i + 1), alignment: 'center' }, { text: c.name, bold: true }, c.statement || '—']),
        [30, 80, '*'],
      ),
    );
  }
  // Keep a motion on one page unless it could be taller than a page.
  const short = m.description.length <= 600 && m.candidates.length <= 10;
  return { stack: block, margin: [0, 0, 0, 6], unbreakable: short };
}

/** The notice's document definition content (exported for tests of the layout). */
export function meetingNoticeContent(doc: MeetingNoticeDoc): Content[] {
  let section = 0;
  const heading = (text: string): Content => ({ text: `${numeral(++section)}、${text}`, style: 'section' });
  const basics: [string, Content][] = [
    ['会议名称', doc.title],
    ['召集人', `${doc.estate.name}${doc.convenerLabel}`],
    ['会议形式', doc.formLabel],
  ];
  if (doc.location) basics.push(['会议地点', doc.location]);
  basics.push(
    ['表决时间', { text: chinaWindow(doc.opensAt, doc.closesAt), bold: true }],
    ['公告日期', `${chinaDate(doc.publishedAt)}（会议召开 ${doc.noticeDays} 日前通知全体业主）`],
    ['小区地址', doc.estate.address],
  );

  return [
    { text: meetingNoticeTitle(doc.title), style: 'title' },
    { text: doc.estate.name, style: 'subtitle' },
    { text: '全体业主：', bold: true, margin: [0, 0, 0, 4] },
    {
      text:
        `依照有关法律法规（见本通知“法律依据”），经${doc.convenerLabel}决定，以${doc.formLabel}形式召开${doc.estate.name}业主大会会议，` +
        `就下列 ${doc.motions.length} 项议题进行表决。现将有关事项通知如下：`,
      margin: [0, 0, 0, 4],
    },

    heading('会议基本情况'),
    fieldTable(basics),
    ...paragraphs(doc.description),

    heading('表决事项'),
    ...doc.motions.map(motionBlock),

    heading('表决权人名册'),
    {
      text: [
        '本次会议按表决权人名册表决：专有部分 ',
        { text: String(doc.roll.units), bold: true },
        ' 个，表决权人 ',
        { text: String(doc.roll.holders), bold: true },
        ' 人，专有部分总面积 ',
        { text: doc.roll.totalArea, bold: true },
        ' 平方米。一名业主拥有多个专有部分的，按一人计算，面积合并计算。',
      ],
    },

    heading('表决方式'),
    {
      ol: [
        { text: ['线上表决：在表决时间内访问 ', { text: doc.voteUrl, color: '#0b4fa3' }, '，完成身份核验后逐项表决。'] },
        '纸质表决：书面表决票（每位表决权人一张，印有一次性表决票编码和二维码）送达各表决权人；请逐项填写并签名，在表决截止前交回。',
        '委托他人表决的，受托人应出具业主签名的书面委托书，并按委托事项表决。',
        '每位表决权人对每一议题只计一次表决。',
      ],
      margin: [0, 0, 0, 4],
    },

    heading('法律依据'),
    { text: doc.legalBasis },

    {
      stack: [`${doc.estate.name}${doc.convenerLabel}`, chinaDate(doc.publishedAt)],
      alignment: 'right',
      margin: [0, 24, 0, 0],
    },
  ];
}

/** Renders the meeting notice (A4, page numbers in the footer). */
export async function renderMeetingNoticePdf(doc: MeetingNoticeDoc): Promise<Buffer> {
  return renderPdf(
    { content: meetingNoticeContent(doc), footer: pageNumberFooter },
    { title: meetingNoticeTitle(doc.title), subject: `${doc.estate.name} 业主大会会议通知` },
  );
}
