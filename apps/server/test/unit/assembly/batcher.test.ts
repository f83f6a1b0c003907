import { describe, expect, it } from 'vitest';
import { Batcher, groupBy } from '../../../src/batcher';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Batcher (natural batching for the casting path)', () => {
  it('sends a lone request at once, and what queues meanwhile as one batch', async () => {
    const calls: number[][] = [];
    const gates: Array<() => void> = [];
    const b = new Batcher<number, number>(
      async (items) => {
        calls.push(items);
        await new Promise<void>((r) => gates.push(r));
        return items.map((x) => x * 10);
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const first = b.submit(1);
    await tick();
    expect(calls).toEqual([[1]]); // no waiting for company
    const rest = [2, 3, 4, 5, 6].map((x) => b.submit(x));
    await tick();
    expect(calls).toEqual([[1]]); // the one slot is busy: the others queue
    gates.shift()!();
    expect(await first).toBe(10);
    await tick();
    expect(calls).toEqual([[1], [2, 3, 4]]); // at most maxBatch at a time, in order
    gates.shift()!();
    await tick();
    gates.shift()!();
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50, 60]);
    expect(calls).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(b.stats).toEqual({ batches: 3, items: 6, largest: 3 });
  });

  it('fails only the items whose result is an Error, and a whole batch when run throws', async () => {
    const b = new Batcher<number, number>(async (items) => {
      if (items.includes(99)) throw new Error('database down');
      return items.map((x) => (x % 2 ? new Error(`odd ${x}`) : x));
    }, { maxBatch: 10, concurrency: 1 });
    const held = b.submit(0); // takes the slot, so the next three share a batch
    const [a, c, d] = [b.submit(1), b.submit(2), b.submit(4)];
    expect(await held).toBe(0);
    await expect(a).rejects.toThrow('odd 1');
    expect(await c).toBe(2);
    expect(await d).toBe(4);
    await expect(b.submit(99)).rejects.toThrow('database down');
    // a wrong number of results fails the batch instead of mismatching answers
    const short = new Batcher<number, number>(async () => [1], { maxBatch: 10, concurrency: 1 });
    const s0 = short.submit(0);
    const [s1, s2] = [short.submit(1), short.submit(2)];
    expect(await s0).toBe(1);
    await expect(s1).rejects.toThrow(/1 results for 2 items/);
    await expect(s2).rejects.toThrow(/1 results for 2 items/);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let running = 0;
    let most = 0;
    const b = new Batcher<number, number>(async (items) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return items;
    }, { maxBatch: 2, concurrency: 3 });
    expect(await Promise.all(Array.from({ length: 20 }, (_, i) => b.submit(i)))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it('while requests flow, waits up to lingerMs for company; a lone request and a full batch go at once', async () => {
    const calls: number[][] = [];
    const b = new Batcher<number, number>(async (items) => {
      calls.push(items);
      return items;
    }, { maxBatch: 4, concurrency: 4, lingerMs: 200 });
    const first = b.submit(1); // a quiet server: at once
    await tick();
    expect(calls).toEqual([[1]]);
    const more = [2, 3].map((x) => b.submit(x)); // flowing: they wait for company, though slots are free
    await tick();
    expect(calls).toEqual([[1]]);
    const full = [4, 5].map((x) => b.submit(x)); // four queued = maxBatch: no more waiting
    await tick();
    expect(calls).toEqual([[1], [2, 3, 4, 5]]);
    const late = b.submit(6); // still flowing: waits its linger, then goes alone
    await tick();
    expect(calls).toHaveLength(2);
    expect(await late).toBe(6);
    expect(calls).toEqual([[1], [2, 3, 4, 5], [6]]);
    expect(await Promise.all([first, ...more, ...full])).toEqual([1, 2, 3, 4, 5]);
    expect(() => new Batcher(async () => [], { maxBatch: 1, concurrency: 1, lingerMs: -1 })).toThrow(/lingerMs/);
  });

  it('groups items by key, keeping their indexes', () => {
    const g = groupBy(['a1', 'b1', 'a2'], (s) => s[0]!);
    expect([...g.entries()]).toEqual([
      ['a', [{ item: 'a1', index: 0 }, { item: 'a2', index: 2 }]],
      ['b', [{ item: 'b1', index: 1 }]],
    ]);
  });
});
