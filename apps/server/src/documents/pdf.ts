import pdfmake, { type Content, type ContentTable, type DocDefinition, type DynamicContent, type Style, type TableLayout } from 'pdfmake';
import { loadFonts } from './fonts';

/**
 * The one way documents become PDF: pdfmake 0.3 on the server (a process-wide singleton), the
 * Noto Sans SC family for all text, A4, zh-CN, and the document info every file carries.
 */

/** the font family of all Chinese text (bold = the 700 weight; italics fall back to upright) */
export const FONT = 'NotoSansSC';
/** PDF standard font (never embedded) for codes and hashes, where equal widths help reading */
export const MONO = 'Courier';

export const AUTHOR = 'Gongzhi 共治';

const REGULAR_VFS = 'NotoSansSC-Regular.ttf';
const BOLD_VFS = 'NotoSansSC-Bold.ttf';
const STANDARD_FONTS = new Set(['Courier', 'Courier-Bold']);

let configured = false;

/** Loads the fonts into pdfmake's virtual file system and locks down resource access, once. */
function configure(): void {
  if (configured) return;
  const fonts = loadFonts();
  pdfmake.virtualfs.writeFileSync(REGULAR_VFS, fonts.regular);
  pdfmake.virtualfs.writeFileSync(BOLD_VFS, fonts.bold);
  pdfmake.addFonts({
    [FONT]: { normal: REGULAR_VFS, bold: BOLD_VFS, italics: REGULAR_VFS, bolditalics: BOLD_VFS },
    [MONO]: { normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier', bolditalics: 'Courier-Bold' },
  });
  // Documents never fetch URLs or read files: fonts come from the virtual file system (the
  // standard fonts' metrics ship inside pdfkit), so a text in a document cannot pull anything in.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));
  configured = true;
}

export interface PdfMeta {
  title: string;
  subject?: string;
  /** defaults to now */
  creationDate?: Date;
}

/** Renders a document definition (A4, Noto Sans SC, zh-CN unless it says otherwise) to PDF bytes. */
export async function renderPdf(definition: DocDefinition, meta: PdfMeta): Promise<Buffer> {
  configure();
  const full: DocDefinition = {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 56],
    language: 'zh-CN',
    styles: STYLES,
    ...definition,
    defaultStyle: { font: FONT, fontSize: 10.5, lineHeight: 1.35, ...definition.defaultStyle },
    info: {
      title: meta.title,
      author: AUTHOR,
      creator: AUTHOR,
      ...(meta.subject ? { subject: meta.subject } : {}),
      creationDate: meta.creationDate ?? new Date(),
    },
  };
  return pdfmake.createPdf(full).getBuffer();
}

// ---------------------------------------------------------------- shared layout

/** The named styles every document may use. */
export const STYLES: Record<string, Style> = {
  title: { fontSize: 17, bold: true, alignment: 'center', lineHeight: 1.25, margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 11, alignment: 'center', color: '#444444', margin: [0, 0, 0, 14] },
  section: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 5] },
  motionTitle: { fontSize: 11.5, bold: true, margin: [0, 6, 0, 3] },
  label: { color: '#555555' },
  small: { fontSize: 9, color: '#444444' },
  tableHeader: { bold: true, fillColor: '#eeeeee' },
};

/** "第 1 页 / 共 N 页", centred under the page. */
export const pageNumberFooter: DynamicContent = (currentPage, pageCount) => ({
  text: `第 ${currentPage} 页 / 共 ${pageCount} 页`,
  alignment: 'center',
  fontSize: 8.5,
  color: '#666666',
  margin: [0, 20, 0, 0],
});

/** thin grey grid lines */
export const GRID: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: '#999999',
  vLineColor: '#999999',
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** A two-column label/value table without vertical rules. */
export function fieldTable(rows: [string, Content][], labelWidth = 78): ContentTable {
  return {
    table: { widths: [labelWidth, '*'], body: rows.map(([label, value]) => [{ text: label, style: 'label' }, value]) },
    layout: {
      hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.4),
      vLineWidth: () => 0,
      hLineColor: '#999999',
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 6],
  };
}

/** A table with a grey header row. */
export function gridTable(header: string[], rows: Content[][], widths: (number | string)[], extra: Partial<ContentTable> = {}): ContentTable {
  return {
    table: {
      widths,
      headerRows: 1,
      dontBreakRows: true,
      body: [header.map((h) => ({ text: h, style: 'tableHeader' })), ...rows],
    },
    layout: GRID,
    fontSize: 9.5,
    margin: [0, 2, 0, 6],
    ...extra,
  };
}
