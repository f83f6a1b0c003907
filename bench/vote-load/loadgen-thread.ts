// The load generator's own thread (vote-load): runLoad in a worker with a heap of its own.
//
// Why: the bench process also did the set-up (150,000 units imported, 126,000 accounts), so its
// heap is large and long-lived; run there, the load generator's garbage collector paused it for
// up to 42 ms within an 8-s paced run (147 ms in all), and a request due or answered during such
// a pause counts the pause as latency. Here the thread holds only the prepared requests (one
// buffer) and what it records per request (typed arrays), so its pauses stay short.
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { runLoad } from './loadgen';

export interface ThreadSpec {
  host: string;
  port: number;
  connections: number;
  rate: number;
  durationMs: number;
  /** the requests, whole, one after the other; request k is bytes[offsets[k], offsets[k + 1]) */
  bytes: Uint8Array;
  offsets: Uint32Array;
  /** receipts a 201 must carry (one per motion) */
  receipts: number;
}

export interface ThreadResult {
  stats: Awaited<ReturnType<typeof runLoad>>;
  /** requests handed out (always the first `sent` of the list) */
  sent: number;
  /** per request: the status (0 = no reply), the latency (ms) and the 100-ms slot it was due in */
  status: Uint16Array;
  latency: Float64Array;
  dueSlot: Int32Array;
  /** 201s without one receipt per motion */
  receiptsMissing: number[];
  /** the error code of every reply other than 201 */
  codes: Array<[number, string]>;
}

const spec = workerData as ThreadSpec;
const n = spec.offsets.length - 1;
const status = new Uint16Array(n);
const latency = new Float64Array(n);
const dueSlot = new Int32Array(n);
const receiptsMissing: number[] = [];
const codes: Array<[number, string]> = [];
const bytes = Buffer.from(spec.bytes.buffer, spec.bytes.byteOffset, spec.bytes.byteLength);
let next = 0;
// ready: the caller starts its clocks (CPU per process) now, and says go
parentPort!.postMessage('ready');
await once(parentPort!, 'message');
const t0 = performance.now();
const stats = await runLoad({
  host: spec.host,
  port: spec.port,
  connections: spec.connections,
  rate: spec.rate,
  durationMs: spec.durationMs,
  next() {
    if (next >= n) return null;
    const k = next++;
    return { bytes: bytes.subarray(spec.offsets[k], spec.offsets[k + 1]), tag: k };
  },
  onResponse(code, body, latencyMs, tag) {
    const k = tag as number;
    status[k] = code;
    latency[k] = latencyMs;
    dueSlot[k] = Math.floor((performance.now() - latencyMs - t0) / 100);
    if (code === 201) {
      const receipts = (JSON.parse(body) as { receipts?: unknown[] }).receipts;
      if (!Array.isArray(receipts) || receipts.length !== spec.receipts) receiptsMissing.push(k);
      return;
    }
    let error = '';
    try {
      error = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
    } catch {
      error = body.slice(0, 80);
    }
    codes.push([k, error]);
  },
});
const result: ThreadResult = { stats, sent: next, status, latency, dueSlot, receiptsMissing, codes };
parentPort!.postMessage(result, [status.buffer, latency.buffer, dueSlot.buffer]);
