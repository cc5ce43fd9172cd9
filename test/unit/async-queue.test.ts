import { AsyncQueue } from "../../src/shared/async-queue";

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("AsyncQueue", () => {
  it("delivers items pushed before and after the consumer waits, then ends", async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    const all = collect(queue);
    queue.push(2);
    await Promise.resolve();
    queue.push(3);
    queue.end();
    queue.push(4); // ignored after the end
    expect(await all).toEqual([1, 2, 3]);
  });

  it("rejects the consumer when failed", async () => {
    const queue = new AsyncQueue<number>();
    const all = collect(queue);
    queue.fail(new Error("boom"));
    await expect(all).rejects.toThrow("boom");
  });

  it("tells the producer when the consumer stops early", async () => {
    let cancelled = 0;
    const queue = new AsyncQueue<number>(() => cancelled++);
    queue.push(1);
    queue.push(2);
    for await (const item of queue) if (item === 1) break;
    expect(cancelled).toBe(1);
  });
});
