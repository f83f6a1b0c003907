/**
 * The linger of the casting path's batchers (sessions, voter checks, casts). Measured at 1,200
 * ballots/s on PostgreSQL, two runs each (docs/benchmarks.md): 0 ms → 1.0 statements per ballot,
 * machine 87 % busy, p50 31–34 ms; 3 ms → 0.6–0.7 statements, 74–80 % busy, p50 20–27 ms.
 */
export const BATCH_LINGER_MS = 3;

/**
 * Natural batching ("group commit") for the hot path of voting: while `concurrency` batches are
 * with the database, new requests wait in a queue; when a batch comes back, everything queued
 * (up to `maxBatch`) goes out as the next batch. Under load one statement serves many requests,
 * which saves the per statement, per round trip and per commit cost of PostgreSQL and of the
 * driver.
 *
 * `lingerMs`: natural batching alone gathers only what arrives during one round trip, which is
 * short when the server is not saturated, so at a moderate rate most batches hold one or two
 * requests and each pays the whole cost of a statement (measured: ~1.3 statements and ~1.7 ms
 * of CPU per ballot at 1,000 ballots/s, against 0.2 and ~0.7 ms when saturated). So while
 * requests are flowing (the previous one came less than `lingerMs` ago) a request waits up to
 * `lingerMs` for company before its batch goes out; a lone request on a quiet server still goes
 * at once, and a full batch never waits.
 *
 * `run` gets the items in order and returns, for each, its result or an Error (that request
 * alone fails). If `run` itself throws, every request of the batch fails with that error.
 */
export class Batcher<I, O> {
  private readonly queue: Array<{ item: I; due: number; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private running = 0;
  private lastSubmit = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  /** batches sent and items in them, for the benchmark and tests */
  readonly stats = { batches: 0, items: 0, largest: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<Array<O | Error>>,
    private readonly opts: { maxBatch: number; concurrency: number; lingerMs?: number },
  ) {
    if (opts.maxBatch < 1 || opts.concurrency < 1) throw new Error('Batcher: maxBatch and concurrency must be at least 1');
    if ((opts.lingerMs ?? 0) < 0) throw new Error('Batcher: lingerMs must not be negative');
  }

  submit(item: I): Promise<O> {
    const linger = this.opts.lingerMs ?? 0;
    const now = performance.now();
    const flowing = now - this.lastSubmit < linger;
    this.lastSubmit = now;
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, due: flowing ? now + linger : now, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0) {
      const wait = this.queue.length >= this.opts.maxBatch ? 0 : this.queue[0]!.due - performance.now();
      if (wait > 0) {
        // the oldest request may still gather company; come back when it is due
        if (!this.timer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.pump();
          }, Math.ceil(wait));
        }
        return;
      }
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running += 1;
      this.stats.batches += 1;
      this.stats.items += batch.length;
      if (batch.length > this.stats.largest) this.stats.largest = batch.length;
      let outs: Promise<Array<O | Error>>;
      try {
        outs = this.run(batch.map((b) => b.item));
      } catch (err) {
        outs = Promise.reject(err);
      }
      outs
        .then(
          (results) => {
            if (results.length !== batch.length) throw new Error(`Batcher: ${results.length} results for ${batch.length} items`);
            batch.forEach((b, i) => {
              const r = results[i] as O | Error;
              if (r instanceof Error) b.reject(r);
              else b.resolve(r);
            });
          },
          (err: unknown) => {
            for (const b of batch) b.reject(err);
          },
        )
        .catch((err: unknown) => {
          for (const b of batch) b.reject(err);
        })
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }
}

/** Groups items by a key, keeping each item's index, so one statement can serve each group. */
export function groupBy<I>(items: I[], key: (i: I) => string): Map<string, Array<{ item: I; index: number }>> {
  const groups = new Map<string, Array<{ item: I; index: number }>>();
  items.forEach((item, index) => {
    const k = key(item);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push({ item, index });
  });
  return groups;
}
