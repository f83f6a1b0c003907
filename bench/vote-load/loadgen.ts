// A lean HTTP/1.1 load generator for the vote-load benchmark: keep-alive connections on raw
// sockets, requests built by the caller as bytes, responses read by content-length.
//
// Why not autocannon (used before): on this 2-core machine the load generator shares the CPU
// with the server and PostgreSQL, and autocannon spent ~0.09 ms of CPU per request, a seventh of
// the whole budget; and its paced mode (overallRate) releases each second's quota at once, so the
// latency it reports for a "rate" is that of bursts. Here a paced run is an open loop: request i
// is due at start + i / rate; it goes out on the first idle connection, and its latency is
// counted from when it was DUE (a request that waited for a connection has waited; no
// coordinated omission). A closed loop (rate 0) sends on each connection as soon as it answered.
import net from 'node:net';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

export interface Exchange {
  /** the whole request, head and body */
  bytes: Buffer;
  /** what the caller needs back with the response */
  tag: unknown;
}

export interface LoadOptions {
  host: string;
  port: number;
  connections: number;
  /** requests per second over all connections; 0 = closed loop, as fast as answered */
  rate: number;
  /** stop sending after this long (ms); replies in flight are still awaited */
  durationMs: number;
  /** the next request to send, or null when there is none left */
  next: () => Exchange | null;
  /** a response: status, body, latency (ms, from due time in paced runs, from send otherwise) */
  onResponse: (status: number, body: string, latencyMs: number, tag: unknown) => void;
  /** in-flight replies are awaited at most this long after the end (ms) */
  drainMs?: number;
}

export interface LoadStats {
  sent: number;
  answered: number;
  socketErrors: number;
  /** requests due but never sent because no connection was free when the run ended */
  notSent: number;
  elapsedMs: number;
  /** requests that were due at the end but still waited for a connection (paced) */
  maxQueue: number;
  /** the load generator's own event-loop delay (ms): time it could not send or read, counted as latency */
  loopDelay: { p99: number; max: number };
  /** the load generator's own GC pauses during the run (ms): they delay sending and reading too */
  gc: { count: number; major: number; totalMs: number; maxMs: number };
}

interface Conn {
  socket: net.Socket;
  busy: boolean;
  due: number;
  sentAt: number;
  tag: unknown;
  buf: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export function runLoad(opts: LoadOptions): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const stats: LoadStats = { sent: 0, answered: 0, socketErrors: 0, notSent: 0, elapsedMs: 0, maxQueue: 0, loopDelay: { p99: 0, max: 0 }, gc: { count: 0, major: 0, totalMs: 0, maxMs: 0 } };
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        stats.gc.count += 1;
        stats.gc.totalMs += e.duration;
        stats.gc.maxMs = Math.max(stats.gc.maxMs, e.duration);
        if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) stats.gc.major += 1; // NODE_PERFORMANCE_GC_MAJOR
      }
    });
    gcs.observe({ entryTypes: ['gc'] });
    const conns: Conn[] = [];
    const idle: Conn[] = [];
    const started = performance.now();
    const endAt = started + opts.durationMs;
    let exhausted = false;
    let stopping = false;
    let scheduled = 0; // paced: requests that have become due so far
    const queue: number[] = []; // paced: due times waiting for a free connection
    let finished = false;
    let ticker: NodeJS.Timeout | null = null;

    const finish = () => {
      if (finished) return;
      finished = true;
      if (ticker) clearInterval(ticker);
      stats.notSent = queue.length;
      stats.elapsedMs = performance.now() - started;
      delay.disable();
      gcs.disconnect();
      stats.loopDelay = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
      for (const c of conns) c.socket.destroy();
      resolve(stats);
    };
    const maybeDone = () => {
      if (!stopping) return;
      if (conns.every((c) => !c.busy)) finish();
    };

    const send = (c: Conn, due: number): boolean => {
      const ex = opts.next();
      if (!ex) {
        exhausted = true;
        return false;
      }
      c.busy = true;
      c.due = due;
      c.sentAt = performance.now();
      c.tag = ex.tag;
      stats.sent += 1;
      c.socket.write(ex.bytes);
      return true;
    };

    const onIdle = (c: Conn) => {
      c.busy = false;
      const now = performance.now();
      if (stopping || now >= endAt) {
        stopping = true;
        maybeDone();
        return;
      }
      if (opts.rate > 0) {
        const due = queue.shift();
        if (due !== undefined) {
          if (!send(c, due)) stop();
          return;
        }
        idle.push(c);
      } else if (!send(c, now)) stop();
    };

    const stop = () => {
      stopping = true;
      maybeDone();
    };

    const onData = (c: Conn, chunk: Buffer) => {
      c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
      for (;;) {
        const end = c.buf.indexOf(HEADER_END);
        if (end < 0) return;
        const head = c.buf.toString('latin1', 0, end);
        const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
        const len = /\r\ncontent-length: *(\d+)/i.exec(head);
        if (!m || !len) {
          reject(new Error(`loadgen: a response without status or content-length:\n${head}`));
          finish();
          return;
        }
        const total = end + 4 + Number(len[1]);
        if (c.buf.length < total) return;
        const body = c.buf.toString('utf8', end + 4, total);
        c.buf = c.buf.subarray(total);
        if (!c.busy) {
          reject(new Error('loadgen: a response nobody asked for'));
          finish();
          return;
        }
        stats.answered += 1;
        const latency = performance.now() - (opts.rate > 0 ? c.due : c.sentAt);
        opts.onResponse(Number(m[1]), body, latency, c.tag);
        onIdle(c);
      }
    };

    let open = 0;
    for (let i = 0; i < opts.connections; i += 1) {
      const socket = net.connect({ host: opts.host, port: opts.port, noDelay: true });
      const c: Conn = { socket, busy: false, due: 0, sentAt: 0, tag: null, buf: Buffer.alloc(0) };
      conns.push(c);
      socket.on('data', (d: Buffer) => onData(c, d));
      socket.on('error', () => {
        stats.socketErrors += 1;
      });
      socket.on('close', () => {
        if (finished) return;
        if (c.busy) {
          c.busy = false;
          stats.socketErrors += 1;
        }
        const k = idle.indexOf(c);
        if (k >= 0) idle.splice(k, 1);
        maybeDone();
      });
      socket.once('connect', () => {
        open += 1;
        if (open === opts.connections) begin();
      });
    }

    const begin = () => {
      const t0 = performance.now();
      if (opts.rate <= 0) {
        for (const c of conns) if (!send(c, t0)) break;
      } else {
        idle.push(...conns);
        const interval = 1000 / opts.rate;
        const tick = () => {
          const now = performance.now();
          const until = Math.min(now, endAt);
          // every request due by now: onto an idle connection, or into the queue
          while (t0 + scheduled * interval <= until && !exhausted) {
            const due = t0 + scheduled * interval;
            scheduled += 1;
            const c = idle.pop();
            if (c) {
              if (!send(c, due)) {
                idle.push(c);
                break;
              }
            } else queue.push(due);
          }
          if (queue.length > stats.maxQueue) stats.maxQueue = queue.length;
          if (now >= endAt || exhausted) {
            if (ticker) clearInterval(ticker);
            ticker = null;
            stop();
          }
        };
        ticker = setInterval(tick, 1);
      }
      setTimeout(stop, opts.durationMs).unref();
      setTimeout(finish, opts.durationMs + (opts.drainMs ?? 15_000)).unref();
    };
  });
}
