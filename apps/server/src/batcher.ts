/**
 * Natural batching ("group commit") for the hot path of voting: while `concurrency` batches are
 * with the database, new requests wait in a queue; when a batch comes back, everything queued
 * (up to `maxBatch`) goes out as the next batch. A lone request goes out at once, so a quiet
 * server adds no delay; under load one statement serves many requests, which saves the per
 * statement, per round trip and per commit cost of PostgreSQL and of the driver.
 *
 * `run` gets the items in order and returns, for each, its result or an Error (that request
 * alone fails). If `run` itself throws, every request of the batch fails with that error.
 */
export class Batcher<I, O> {
  private readonly queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private running = 0;
  /** batches sent and items in them, for the benchmark and tests */
  readonly stats = { batches: 0, items: 0, largest: 0 };

  constructor(
    private readonly run: (items: I[]) => Promise<Array<O | Error>>,
    private readonly opts: { maxBatch: number; concurrency: number },
  ) {
    if (opts.maxBatch < 1 || opts.concurrency < 1) throw new Error('Batcher: maxBatch and concurrency must be at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0) {
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
