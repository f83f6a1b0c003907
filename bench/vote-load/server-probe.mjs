// vote-load --probe: loaded into the server (`node --import`) to see where its latency goes
// without changing the server. On SIGUSR2 it prints, on stderr, one line
//   gongzhi-probe {"loop":{...},"gc":{...}}
// with the event loop's delay (a request that arrives while the loop is busy waits that long)
// and the garbage collector's pauses since the last SIGUSR2, then starts counting afresh; `late`:
// when (seconds since then) the loop was late by more than 15 ms, and by how much.
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const fresh = () => ({ count: 0, totalMs: 0, maxMs: 0, over5ms: 0, major: 0 });
let gc = fresh();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count += 1;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
    if (e.duration > 5) gc.over5ms += 1;
    // NODE_PERFORMANCE_GC_MAJOR = 4 (mark-sweep-compact)
    if (e.detail?.kind === 4) gc.major += 1;
  }
}).observe({ entryTypes: ['gc'] });

// when the loop was late by more than 15 ms (a 5-ms timer that fired late), from the last reset
let t0 = performance.now();
let late = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const lag = now - last - 5;
  if (lag > 15 && late.length < 50) late.push(`${((last - t0) / 1000).toFixed(2)}s ${Math.round(lag)}`);
  last = now;
}, 5).unref();

process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const line = {
    loop: { p50: ms(loop.percentile(50)), p90: ms(loop.percentile(90)), p99: ms(loop.percentile(99)), max: ms(loop.max), mean: ms(loop.mean) },
    gc: { ...gc, totalMs: Math.round(gc.totalMs), maxMs: Math.round(gc.maxMs * 10) / 10 },
    late,
  };
  process.stderr.write(`gongzhi-probe ${JSON.stringify(line)}\n`);
  loop.reset();
  gc = fresh();
  late = [];
  t0 = performance.now();
});
