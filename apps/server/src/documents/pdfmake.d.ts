/**
 * The part of pdfmake 0.3's server API and document definition that the documents use
 * (pdfmake ships no types; see node_modules/pdfmake/src/base.js and the 0.3 docs).
 */
declare module 'pdfmake' {
  export type Margins = number | [number, number] | [number, number, number, number];
  export type Alignment = 'left' | 'right' | 'center' | 'justify';

  /** style properties, also allowed inline on every node */
  export interface Style {
    font?: string;
    fontSize?: number;
    bold?: boolean;
    italics?: boolean;
    color?: string;
    background?: string;
    alignment?: Alignment;
    lineHeight?: number;
    characterSpacing?: number;
    margin?: Margins;
    fillColor?: string;
    decoration?: 'underline' | 'lineThrough' | 'overline';
    noWrap?: boolean;
    preserveLeadingSpaces?: boolean;
  }

  interface NodeBase extends Style {
    style?: string | string[];
    pageBreak?: 'before' | 'after';
    unbreakable?: boolean;
    /** width inside columns: a number (pt), 'auto', '*' or a percentage */
    width?: number | string;
    /** inside a table: spans */
    colSpan?: number;
    rowSpan?: number;
    border?: [boolean, boolean, boolean, boolean];
  }

  export interface ContentText extends NodeBase {
    text: string | number | (string | ContentText)[];
  }
  export interface ContentStack extends NodeBase {
    stack: Content[];
  }
  export interface ContentColumns extends NodeBase {
    columns: Content[];
    columnGap?: number;
  }
  export interface ContentList extends NodeBase {
    ul?: Content[];
    ol?: Content[];
    type?: string;
  }

  export interface TableNode {
    table: { body: Content[][]; widths?: (number | string)[] };
  }
  export interface TableLayout {
    hLineWidth?: (i: number, node: TableNode) => number;
    vLineWidth?: (i: number, node: TableNode) => number;
    hLineColor?: string | ((i: number, node: TableNode) => string);
    vLineColor?: string | ((i: number, node: TableNode) => string);
    paddingLeft?: (i: number, node: TableNode) => number;
    paddingRight?: (i: number, node: TableNode) => number;
    paddingTop?: (i: number, node: TableNode) => number;
    paddingBottom?: (i: number, node: TableNode) => number;
    fillColor?: (rowIndex: number, node: TableNode) => string | null;
  }
  export interface ContentTable extends NodeBase {
    table: {
      body: Content[][];
      widths?: (number | string)[];
      headerRows?: number;
      keepWithHeaderRows?: number;
      dontBreakRows?: boolean;
    };
    layout?: 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines' | TableLayout;
  }

  export interface CanvasRect {
    type: 'rect';
    x: number;
    y: number;
    w: number;
    h: number;
    r?: number;
    color?: string;
    lineColor?: string;
    lineWidth?: number;
  }
  export interface CanvasLine {
    type: 'line';
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    lineWidth?: number;
    lineColor?: string;
    dash?: { length: number; space?: number };
  }
  /** an SVG path ("M0 0h1v1h-1z"); it adds nothing to the canvas' measured size */
  export interface CanvasPath {
    type: 'path';
    d: string;
    color?: string;
    lineColor?: string;
    lineWidth?: number;
  }
  export type CanvasElement = CanvasRect | CanvasLine | CanvasPath;
  export interface ContentCanvas extends NodeBase {
    canvas: CanvasElement[];
  }

  export type Content = string | Content[] | ContentText | ContentStack | ContentColumns | ContentList | ContentTable | ContentCanvas;

  export interface PageSize {
    width: number;
    height: number;
  }
  export type DynamicContent = (currentPage: number, pageCount: number, pageSize: PageSize) => Content | null;

  export interface DocInfo {
    title?: string;
    author?: string;
    subject?: string;
    keywords?: string;
    creator?: string;
    producer?: string;
    creationDate?: Date;
  }

  export interface DocDefinition {
    content: Content;
    pageSize?: 'A4' | 'A5' | PageSize;
    pageOrientation?: 'portrait' | 'landscape';
    pageMargins?: Margins;
    info?: DocInfo;
    language?: string;
    defaultStyle?: Style;
    styles?: Record<string, Style>;
    header?: DynamicContent;
    footer?: DynamicContent;
    compress?: boolean;
  }

  export interface FontFamily {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }

  export interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }

  export interface PdfMake {
    /** pdfmake's virtual file system: fonts written here are read by name, never from disk */
    virtualfs: {
      existsSync(name: string): boolean;
      writeFileSync(name: string, content: Buffer): void;
    };
    addFonts(fonts: Record<string, FontFamily>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: DocDefinition): OutputDocument;
  }

  const pdfmake: PdfMake;
  export default pdfmake;
}
