import type { CanvasRect, ContentCanvas } from 'pdfmake';
import QRCode from 'qrcode';

/**
 * A QR code as vector graphics: the `qrcode` package encodes (error correction M) and the dark
 * modules become rectangles — horizontal runs, merged downwards where the next row has the same
 * run — over a white square with the 4-module quiet zone. Vector output prints sharp at any
 * size; a few hundred rectangles per code keep a 3,000-page batch light.
 * (pdfmake's canvas `path` is not moved with its node, so rectangles it is.)
 */

const QUIET_ZONE = 4;

/** The dark areas of a module matrix as rectangles in module units. */
export function qrRectangles(size: number, dark: (row: number, col: number) => boolean): { x: number; y: number; w: number; h: number }[] {
  const done: { x: number; y: number; w: number; h: number }[] = [];
  /** rectangles still growing downwards, by "start,end" of their run */
  let open = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (let row = 0; row < size; row++) {
    const next = new Map<string, { x: number; y: number; w: number; h: number }>();
    let col = 0;
    while (col < size) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(row, col)) col++;
      const key = `${start},${col}`;
      const above = open.get(key);
      if (above) {
        above.h++;
        open.delete(key);
        next.set(key, above);
      } else {
        next.set(key, { x: start, y: row, w: col - start, h: 1 });
      }
    }
    for (const r of open.values()) done.push(r);
    open = next;
  }
  for (const r of open.values()) done.push(r);
  return done;
}

/** The QR code of `text`, `size` points wide including its quiet zone. */
export function qrCanvas(text: string, size: number): ContentCanvas {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 2 * QUIET_ZONE);
  const rects: CanvasRect[] = qrRectangles(n, (row, col) => modules.data[row * n + col] === 1).map((r) => ({
    type: 'rect',
    x: (r.x + QUIET_ZONE) * unit,
    y: (r.y + QUIET_ZONE) * unit,
    w: r.w * unit,
    h: r.h * unit,
    color: '#000000',
  }));
  return { canvas: [{ type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff' }, ...rects], width: size };
}
