import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderPaperBallotsPdf } from './ballots';
import type { PaperBallotsDoc } from './types';

/** The bundled worker next to the CLI bundle (apps/cli/dist/print-worker.mjs), if present. */
function workerFile(): string | null {
  for (const rel of ['../print-worker.mjs', './print-worker.mjs']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * Renders paper ballots in a worker thread when the bundled worker exists (the installed
 * platform), else in this thread (tests running the TypeScript sources). Progress is reported
 * as pages are prepared.
 */
export function renderPaperBallotsIsolated(doc: PaperBallotsDoc, onProgress?: (done: number, total: number) => void): Promise<Buffer> {
  const file = workerFile();
  if (!file) return renderPaperBallotsPdf(doc, onProgress);
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: doc });
    let settled = false;
    worker.on('message', (m: { kind: 'progress'; done: number; total: number } | { kind: 'done'; pdf: Uint8Array } | { kind: 'error'; message: string }) => {
      if (m.kind === 'progress') onProgress?.(m.done, m.total);
      else if (m.kind === 'done') {
        settled = true;
        resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the print worker exited with code ${code}`));
    });
  });
}
