import type { Content } from 'pdfmake';
import { chinaDate, chinaWindow, civilDay, percentOf } from './format';
import { thresholdWithText } from './meeting-notice';
import { MONO, fieldTable, gridTable, pageNumberFooter, renderPdf } from './pdf';
import type { ResultMotionDoc, ResultNoticeDoc, ResultWeight } from './types';

/**
 * 表决结果公告（初步 / 最终）as an A4 PDF: per motion the eligible and participating area and
 * holders, the quorum, the tally or the candidates, the result; then the chain head and how to
 * recount. Owners appear only as counts and areas, never by name (candidates are named).
 */

const STAGE_LABEL = { preliminary: '初步', final: '最终' } as const;

/** 表决结果公告（初步）/（最终） */
export function resultNoticeTitle(stage: ResultNoticeDoc['stage']): string {
  return `表决结果公告（${STAGE_LABEL[stage]}）`;
}

/** The printed result of a motion. */
export function resultLabel(result: string): string {
  switch (result) {
    case 'passed':
      return '通过';
    case 'failed':
      return '未通过';
    case 'no_quorum':
      return '未达到参与表决人数要求';
    default:
      throw new Error(`未知的表决结果 / unknown result: ${JSON.stringify(result)}`);
  }
}

/** 当选 / 进入决选 / 未当选 */
function candidateOutcome(c: { elected: boolean; runoff: boolean }): string {
  if (c.elected) return '当选';
  if (c.runoff) return '进入决选';
  return '未当选';
}

const right = (text: string): Content => ({ text, alignment: 'right' });

/** a row of area, its share, holders, their share */
function weightCells(w: ResultWeight, of: ResultWeight | null): Content[] {
  return [right(w.area), right(of ? percentOf(w.area, of.area) : '—'), right(String(w.holders)), right(of ? percentOf(w.holders, of.holders) : '—')];
}

const WEIGHT_WIDTHS = ['*', 100, 62, 54, 62];
/** candidates beyond this many may make an election's block taller than a page: let it break */
const UNBREAKABLE_CANDIDATES = 14;

function motionBlock(r: ResultMotionDoc): Content {
  const m = r.motion;
  const block: Content[] = [
    { text: `议题${m.number}：${m.title}`, style: 'motionTitle' },
    {
      text: `${m.matterLabel}；表决规则：${thresholdWithText(m.thresholdLabel)}；表决范围：${m.scopeLabel ?? '全体业主'}`,
      style: 'small',
      margin: [0, 0, 0, 3],
    },
    gridTable(
      ['', '专有部分面积（㎡）', '面积占比', '人数', '人数占比'],
      [
        ['应参与表决（表决权人名册）', ...weightCells(r.eligible, null)],
        ['实际参与表决', ...weightCells(r.participated, r.eligible)],
      ],
      WEIGHT_WIDTHS,
    ),
    { text: ['参与表决人数要求：', { text: r.quorum ? '已达到' : '未达到', bold: true }], margin: [0, 0, 0, 3] },
  ];

  if (r.tally) {
    const t = r.tally;
    const of = r.participated;
    block.push(
      { text: '表决情况（占比以实际参与表决的面积、人数为基数）', style: 'small' },
      gridTable(
        ['表决意见', '专有部分面积（㎡）', '面积占比', '人数', '人数占比'],
        [
          ['同意', ...weightCells(t.approve, of)],
          ['反对', ...weightCells(t.reject, of)],
          ['弃权', ...weightCells(t.abstain, of)],
          ['废票', ...weightCells(t.invalid, of)],
        ],
        WEIGHT_WIDTHS,
      ),
    );
  }
  if (r.candidates) {
    const of = r.participated;
    block.push(
      { text: `选举情况（应选 ${m.seats ?? '—'} 人；占比以实际参与表决的面积、人数为基数）`, style: 'small' },
      gridTable(
        ['候选人', '同意面积（㎡）', '面积占比', '同意人数', '人数占比', '达到同意要求', '结果'],
        r.candidates.map((c) => [
          { text: c.name, bold: c.elected },
          ...weightCells(c.approve, of),
          { text: c.qualified ? '是' : '否', alignment: 'center' },
          { text: candidateOutcome(c), bold: c.elected, alignment: 'center' },
        ]),
        ['*', 80, 54, 50, 54, 62, 50],
      ),
    );
  }
  block.push({ text: ['表决结果：', { text: resultLabel(r.result), bold: true, fontSize: 12 }], margin: [0, 0, 0, 8] });
  return { stack: block, unbreakable: (r.candidates?.length ?? 0) <= UNBREAKABLE_CANDIDATES };
}

/** The result notice's content (exported for tests of the layout). */
export function resultNoticeContent(doc: ResultNoticeDoc): Content[] {
  const until = civilDay(doc.untilDay);
  const periodLine =
    doc.stage === 'preliminary'
      ? `本公告为初步结果。业主对表决结果有异议的，请于 ${until}（含当日）前向召集人书面提出；异议期满无异议或异议处理完毕后，公告最终结果。`
      : `本公告为最终结果，公示至 ${until}（含当日）。`;
  return [
    { text: resultNoticeTitle(doc.stage), style: 'title' },
    { text: `${doc.estate.name} · ${doc.title}`, style: 'subtitle' },
    {
      text: `《${doc.title}》已于 ${chinaWindow(doc.opensAt, doc.closesAt)} 进行表决。表决已结束，现将计票结果公告如下：`,
      margin: [0, 0, 0, 6],
    },
    fieldTable([
      ['收到选票', `${doc.ballotCount} 张（线上 ${doc.channels.online} 张，纸质 ${doc.channels.paper} 张，委托代理 ${doc.channels.proxy} 张）`],
      ['公告日期', chinaDate(doc.publishedAt)],
    ], 70),
    ...doc.motions.map(motionBlock),

    { text: '计票核验', style: 'section' },
    {
      text: '全部选票按顺序组成哈希链，链头如下。任何人可取得表决数据包，用下列命令独立复核计票，并核对链头一致：',
      margin: [0, 0, 0, 4],
    },
    fieldTable([
      ['哈希链头', { text: doc.chainHead, font: MONO, bold: true, fontSize: 9 }],
      ['复核命令', { text: doc.recountHint, font: MONO, fontSize: 8.5 }],
    ], 56),
    { text: periodLine, margin: [0, 4, 0, 0] },
    { text: '本公告仅列明专有部分面积和人数，不公布业主个人信息；业主可依法查阅表决资料。', style: 'small', margin: [0, 4, 0, 0] },
    {
      stack: [doc.estate.name, chinaDate(doc.publishedAt)],
      alignment: 'right',
      margin: [0, 20, 0, 0],
    },
  ];
}

/** Renders the preliminary or final result notice (A4, page numbers in the footer). */
export async function renderResultNoticePdf(doc: ResultNoticeDoc): Promise<Buffer> {
  return renderPdf(
    { content: resultNoticeContent(doc), footer: pageNumberFooter },
    { title: `${doc.estate.name} ${doc.title} ${resultNoticeTitle(doc.stage)}` },
  );
}
