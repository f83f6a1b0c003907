/**
 * Worker thread that renders a batch of paper ballots (pdfmake lays out all pages in one
 * synchronous run: ~12 ms of CPU and ~0.35 MB per page), so a 3,000-ballot estate does not stall
 * the server's event loop for tens of seconds. Bundled as apps/cli/dist/print-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderPaperBallotsPdf } from './ballots';
import type { PaperBallotsDoc } from './types';

const port = parentPort;
if (port) {
  renderPaperBallotsPdf(workerData as PaperBallotsDoc, (done, total) => port.postMessage({ kind: 'progress', done, total }))
    .then((pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      port.postMessage({ kind: 'done', pdf: bytes }, [bytes.buffer]);
    })
    .catch((err: unknown) => port.postMessage({ kind: 'error', message: (err as Error).message }));
}
