import type { Content, ContentTable, ContentText, TableLayout } from 'pdfmake';
import { chinaWindow } from './format';
import { MONO, pageNumberFooter, renderPdf } from './pdf';
import { qrCanvas } from './qr';
import type { DocumentMotion, PaperBallotDoc, PaperBallotsDoc } from './types';

/**
 * Paper ballots (表决票): one A4 page per holder, each with the holder's one-time code in words
 * and as a QR code, the motions the holder votes on with boxes to tick, and the signature line.
 *
 * Each ballot is one borderless table whose first row (estate, meeting, code) is a header row:
 * should a holder's motions not fit on one page, the continuation page repeats it, so no sheet
 * is ever without its code.
 *
 * Speed: pdfmake splits Chinese text at every character and looks up each fragment's style
 * through the node nesting, so a ballot page costs mostly text fragments. The ballots therefore
 * use inline styles only (no named styles) and print every line known to fit as one unbroken
 * fragment (`oneLine`).
 */

const PAGE_MARGINS: [number, number, number, number] = [48, 40, 48, 44];
/** A4 width minus the side margins */
const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];
const QR_SIZE = 96;
const UNITS_SHOWN = 12;
const CANDIDATE_COLUMNS = 3;
/** left indent of a motion's second line and candidates */
const INDENT = 14;
const GREY = '#444444';

/** a box to tick (a fresh node each time: pdfmake annotates the nodes it lays out) */
const box = (): ContentText => ({ text: '□', fontSize: 15 });
/** the three boxes of a resolution */
const choices = (): (string | ContentText)[] => [box(), ' 同意     ', box(), ' 反对     ', box(), ' 弃权'];
/** width of the choices at 11.5 pt, generously */
const CHOICES_WIDTH = 175;

type RowKind = 'head' | 'body' | 'motion';

const HOLDER_LAYOUT: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: '#999999',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * An upper bound of a text's width in points in Noto Sans SC: ASCII ≤ 1.01 em, CJK ideographs,
 * punctuation and full-width forms 1 em, anything else 2.5 em.
 */
function widthBound(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    ems += c < 0x80 ? 1.01 : (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef) ? 1 : 2.5;
  }
  return ems * fontSize;
}

/** A text node that is laid out as one fragment when it surely fits in `width` points. */
function oneLine(text: string, fontSize: number, width: number, style: Omit<ContentText, 'text'> = {}): ContentText {
  return { text, fontSize, ...style, ...(widthBound(text, fontSize) <= width ? { noWrap: true } : {}) };
}

/**
 * A paragraph broken by us after Chinese punctuation into lines that surely fit, each one
 * fragment; a clause too long for a line is left to pdfmake's own wrapping.
 */
function lines(text: string, fontSize: number, width: number, style: Omit<ContentText, 'text'> = {}): Content {
  if (widthBound(text, fontSize) <= width) return { text, fontSize, ...style, noWrap: true };
  const clauses = text.match(/[^，。；：、）]+[，。；：、）]*/g) ?? [text];
  const out: string[] = [];
  let line = '';
  for (const clause of clauses) {
    if (line !== '' && widthBound(line + clause, fontSize) > width) {
      out.push(line);
      line = '';
    }
    line += clause;
  }
  if (line !== '') out.push(line);
  return { stack: out.map((l) => oneLine(l, fontSize, width)), fontSize, ...style };
}

/** "1-1-101、1-1-102" or, for a holder of many units, the first ones "… 等 120 个". */
export function unitsLabel(units: string[]): string {
  if (units.length <= UNITS_SHOWN) return units.join('、');
  return `${units.slice(0, UNITS_SHOWN).join('、')} 等 ${units.length} 个`;
}

function motionMeta(m: DocumentMotion): Content {
  const scope = m.scopeLabel ? `；表决范围：${m.scopeLabel}` : '';
  return lines(`${m.matterLabel}；表决规则：${m.thresholdLabel}${scope}`, 8.5, CONTENT_WIDTH - INDENT, { color: GREY, margin: [INDENT, 1, 0, 0] });
}

function resolutionRow(m: DocumentMotion): Content {
  return {
    stack: [
      {
        columns: [
          { stack: [lines(`${m.number}. ${m.title}`, 10.5, CONTENT_WIDTH - CHOICES_WIDTH - 10, { bold: true })], width: '*' },
          { text: choices(), width: 'auto', fontSize: 11.5, noWrap: true, margin: [10, -2, 0, 0] },
        ],
      },
      motionMeta(m),
    ],
  };
}

function electionRow(m: DocumentMotion): Content {
  const seats = m.seats ?? m.candidates.length;
  const cellWidth = (CONTENT_WIDTH - INDENT) / CANDIDATE_COLUMNS - 8;
  const cells: Content[] = m.candidates.map((c) => ({ text: [box(), ' ', oneLine(c.name, 11.5, cellWidth - 20)], fontSize: 11.5 }));
  while (cells.length % CANDIDATE_COLUMNS !== 0) cells.push('');
  const grid: Content[][] = [];
  for (let i = 0; i < cells.length; i += CANDIDATE_COLUMNS) grid.push(cells.slice(i, i + CANDIDATE_COLUMNS));
  return {
    stack: [
      lines(`${m.number}. ${m.title}（应选 ${seats} 人，最多选 ${seats} 人）`, 10.5, CONTENT_WIDTH, { bold: true }),
      motionMeta(m),
      grid.length > 0
        ? { table: { widths: Array<string>(CANDIDATE_COLUMNS).fill('*'), body: grid }, layout: 'noBorders', margin: [INDENT, 4, 0, 0] }
        : { text: '（无候选人）', fontSize: 9, margin: [INDENT, 4, 0, 0] },
    ],
  };
}

const INSTRUCTIONS = [
  '请用黑色或蓝色笔在所选方框内划“√”。每个表决议题只能选择一项；选举议题所选人数不得超过应选人数，超过的该议题选票无效。',
  '本表决票须由业主本人签名；委托他人表决的，请附业主签名的书面委托书。',
  '每位表决权人对每一议题只计一次表决。本票编码仅供本次会议使用，请勿涂改、复印。议题详情见会议通知。',
];

/** The fixed lines under the signature: how to fill in and return the ballot. */
function instructions(doc: PaperBallotsDoc): Content {
  const width = CONTENT_WIDTH - 16; // the list's numbers
  return {
    stack: [
      { text: '填写说明', bold: true, fontSize: 8.5, noWrap: true },
      { ol: [...INSTRUCTIONS, doc.returnInstructions].map((text) => lines(text, 8, width)), fontSize: 8, lineHeight: 1.25, color: GREY },
    ],
  };
}

function ballotTable(doc: PaperBallotsDoc, ballot: PaperBallotDoc, motions: ReadonlyMap<string, DocumentMotion>, first: boolean): ContentTable {
  const window = chinaWindow(doc.opensAt, doc.closesAt);
  const leftWidth = CONTENT_WIDTH - QR_SIZE - 12;
  const rows: [RowKind, Content][] = [];
  rows.push([
    'head',
    {
      columns: [
        { ...oneLine(`${doc.estate.name} · ${doc.title}`, 9, CONTENT_WIDTH - 190, { color: GREY }), width: '*' },
        { text: ['表决票编码 ', { text: ballot.code, font: MONO, bold: true }], width: 'auto', fontSize: 9, color: GREY, noWrap: true },
      ],
      margin: [0, 0, 0, 4],
    },
  ]);
  rows.push([
    'body',
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: '业主大会会议表决票', fontSize: 19, bold: true, noWrap: true, margin: [0, 0, 0, 2] },
            oneLine(doc.title, 11.5, leftWidth, { bold: true }),
            oneLine(`${doc.estate.name}　表决时间：${window}`, 9, leftWidth, { color: GREY, margin: [0, 1, 0, 6] }),
            { text: '表决票编码', fontSize: 9, color: GREY, noWrap: true },
            { text: ballot.code, font: MONO, bold: true, fontSize: 23, characterSpacing: 1, noWrap: true },
          ],
        },
        { width: QR_SIZE, stack: [qrCanvas(ballot.qrText, QR_SIZE), { text: '录入时扫描此码', fontSize: 7.5, color: '#666666', alignment: 'center', noWrap: true }] },
      ],
      columnGap: 12,
      margin: [0, 2, 0, 6],
    },
  ]);
  rows.push([
    'body',
    {
      table: {
        widths: [52, '*', 70, 96],
        body: [
          [
            { text: '表决权人', color: '#555555', noWrap: true },
            oneLine(ballot.holderLabel, 10.5, CONTENT_WIDTH - 240, { bold: true }),
            { text: '专有部分面积', color: '#555555', noWrap: true },
            oneLine(`${ballot.area} 平方米`, 10.5, 90),
          ],
          [{ text: '房号', color: '#555555', noWrap: true }, { ...oneLine(unitsLabel(ballot.units), 10.5, CONTENT_WIDTH - 64), colSpan: 3 }, '', ''],
        ],
      },
      layout: HOLDER_LAYOUT,
    },
  ]);
  rows.push(['body', { text: '表决事项（请在所选方框内划“√”）', bold: true, noWrap: true, margin: [0, 8, 0, 3] }]);
  for (const id of ballot.motionIds) {
    const motion = motions.get(id);
    if (!motion) throw new Error(`表决票引用了不存在的议题 / the ballot names an unknown motion: ${id}`);
    rows.push(['motion', motion.kind === 'election' ? electionRow(motion) : resolutionRow(motion)]);
  }
  rows.push([
    'body',
    { text: '业主（或委托代理人）签名：____________________        日期：________年____月____日', fontSize: 11, noWrap: true, margin: [0, 18, 0, 8] },
  ]);
  rows.push(['body', instructions(doc)]);

  const kinds = rows.map(([kind]) => kind);
  return {
    table: { widths: ['*'], headerRows: 1, body: rows.map(([, cell]) => [cell]) },
    layout: {
      // a rule under the header row and between the motions
      hLineWidth: (i) => (i === 1 || kinds[i] === 'motion' || (kinds[i - 1] === 'motion' && i < kinds.length) ? 0.6 : 0),
      vLineWidth: () => 0,
      hLineColor: '#888888',
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: (i) => (kinds[i] === 'motion' ? 5 : 0),
      paddingBottom: (i) => (kinds[i] === 'motion' ? 5 : 0),
    },
    ...(first ? {} : { pageBreak: 'before' as const }),
  };
}

/** The ballots' content, one table per ballot; `onProgress(done, total)` after each ballot. */
export function paperBallotsContent(doc: PaperBallotsDoc, onProgress?: (done: number, total: number) => void): Content[] {
  const motions = new Map(doc.motions.map((m) => [m.id, m]));
  const total = doc.ballots.length;
  if (total === 0) return [{ text: '（没有表决票）', alignment: 'center', margin: [0, 200, 0, 0] }];
  return doc.ballots.map((ballot, i) => {
    const table = ballotTable(doc, ballot, motions, i === 0);
    onProgress?.(i + 1, total);
    return table;
  });
}

/**
 * Renders the paper ballots of a meeting, one A4 page per holder (a holder with more motions
 * than fit on a page gets continuation pages that repeat the code). `onProgress` reports the
 * building of the document definition (QR codes included); the layout and rendering that follow
 * are ONE synchronous pdfmake run that blocks the event loop: measured on 2 busy cores, 300
 * ballots ≈ 4 s, 3,000 ballots ≈ 38 s, 12 MB, ~1.1 GB RSS — run big batches off the request
 * path (a worker thread or a separate process).
 */
export async function renderPaperBallotsPdf(doc: PaperBallotsDoc, onProgress?: (done: number, total: number) => void): Promise<Buffer> {
  return renderPdf(
    { content: paperBallotsContent(doc, onProgress), footer: pageNumberFooter, pageMargins: PAGE_MARGINS },
    { title: `${doc.estate.name} ${doc.title} 表决票`, subject: `表决票 ${doc.ballots.length} 张` },
  );
}
