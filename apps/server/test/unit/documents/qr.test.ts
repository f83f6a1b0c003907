import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { CanvasElement } from 'pdfmake';
import { qrCanvas, qrRectangles } from '../../../src/documents/qr';

/** which cells of a size×size grid the rectangles cover, and how often */
function coverage(size: number, rects: { x: number; y: number; w: number; h: number }[]): number[] {
  const cells = new Array<number>(size * size).fill(0);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) cells[y * size + x]! += 1;
  }
  return cells;
}

describe('QR rectangles', () => {
  it('cover exactly the dark modules, each once', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 25 }).chain((size) => fc.tuple(fc.constant(size), fc.array(fc.boolean(), { minLength: size * size, maxLength: size * size }))),
      ([size, dark]) => {
        const rects = qrRectangles(size, (row, col) => dark[row * size + col] === true);
        expect(coverage(size, rects)).toEqual(dark.map((d) => (d ? 1 : 0)));
      },
    ));
  });

  it('merge equal runs of consecutive rows', () => {
    const rects = qrRectangles(3, (_row, col) => col < 2);
    expect(rects).toEqual([{ x: 0, y: 0, w: 2, h: 3 }]);
  });

  it('draw the code the qrcode package encodes (error correction M) with a 4-module quiet zone', () => {
    const text = 'GZB1|12|3|K7QD-2M9X-PA4C|m1,m2,m3';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const canvas = qrCanvas(text, 100);
    const [background, ...dark] = canvas.canvas as [CanvasElement, ...CanvasElement[]];
    expect(background).toMatchObject({ type: 'rect', x: 0, y: 0, w: 100, h: 100, color: '#ffffff' });
    const unit = 100 / (n + 8);
    const rects = dark.map((r) => {
      if (r.type !== 'rect') throw new Error('not a rect');
      return { x: Math.round(r.x / unit) - 4, y: Math.round(r.y / unit) - 4, w: Math.round(r.w / unit), h: Math.round(r.h / unit) };
    });
    expect(coverage(n, rects)).toEqual([...modules.data]);
  });
});
