import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** What a PDF says, read back with pdf.js: the text of every page and the document info. */
export interface PdfText {
  pages: string[];
  /** all pages, whitespace removed (pdfmake places Chinese text in many fragments) */
  compact: string;
  info: Record<string, unknown>;
}

export const squeeze = (s: string): string => s.replace(/\s+/g, '');

export async function pdfText(buf: Buffer): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const meta = await pdf.getMetadata();
    return { pages, compact: squeeze(pages.join('\n')), info: meta.info as Record<string, unknown> };
  } finally {
    await pdf.destroy();
  }
}

/** Names of the fonts a PDF embeds as TrueType subsets, e.g. "NotoSansSC-Regular". */
export function embeddedFonts(buf: Buffer): string[] {
  const text = buf.toString('latin1');
  const names = [...text.matchAll(/\/BaseFont \/[A-Z]{6}\+([A-Za-z0-9-]+)/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}
