// Item 12 at the queue level: batches by size and count, priorities, retries first.

import {
  JobQueue,
  MIN_SPREAD_CHARS,
  PRIORITY_NEAR,
  PRIORITY_REST,
  PRIORITY_VISIBLE,
  type Priority,
} from "../../src/core/schedule/scheduler";

interface J {
  html: string;
  priority: Priority;
  name: string;
}

const job = (name: string, chars: number, priority: Priority = PRIORITY_REST): J => ({
  name,
  html: "x".repeat(chars),
  priority,
});

test("batches group jobs up to maxChars; a larger job goes alone", () => {
  const q = new JobQueue<J>();
  for (const j of [job("a", 400), job("b", 400), job("c", 400), job("d", 2000), job("e", 10)]) q.add(j);
  const limits = { maxChars: 1000, maxSegments: 10 };
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["a", "b"]);
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["c"]);
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["d"]);
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["e"]);
  expect(q.size).toBe(0);
});

test("batches hold at most maxSegments", () => {
  const q = new JobQueue<J>();
  for (let i = 0; i < 7; i++) q.add(job(`j${i}`, 1));
  expect(q.takeBatch({ maxChars: 1000, maxSegments: 3 })).toHaveLength(3);
});

test("visible first, then near, then the rest, each in arrival order; priorities can change", () => {
  const q = new JobQueue<J>();
  const jobs = [
    job("r1", 1),
    job("n1", 1, PRIORITY_NEAR),
    job("v1", 1, PRIORITY_VISIBLE),
    job("r2", 1),
    job("v2", 1, PRIORITY_VISIBLE),
  ];
  for (const j of jobs) q.add(j);
  q.setPriority(jobs[3] as J, PRIORITY_VISIBLE);
  expect(q.takeBatch({ maxChars: 100, maxSegments: 100 }).map((j) => j.name)).toEqual(["v1", "v2", "r2", "n1", "r1"]);
});

test("a retried job goes first", () => {
  const q = new JobQueue<J>();
  q.add(job("a", 1));
  q.add(job("b", 1));
  q.addFirst(job("retry", 1));
  const limits = { maxChars: 100, maxSegments: 100 };
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["retry", "a", "b"]);
});

describe("spreading work over the server's slots", () => {
  const limits = { maxChars: 4000, maxSegments: 100 };

  test("the viewport is split over all the slots, and not padded with work below it", () => {
    const q = new JobQueue<J>();
    for (let i = 0; i < 6; i++) q.add(job(`v${i}`, 300, PRIORITY_VISIBLE));
    for (let i = 0; i < 6; i++) q.add(job(`r${i}`, 300));
    const spread = { slots: 2 };
    expect(q.takeBatch(limits, spread).map((j) => j.name)).toEqual(["v0", "v1", "v2"]);
    expect(q.takeBatch(limits, spread).map((j) => j.name)).toEqual(["v3"]);
    expect(q.takeBatch(limits, spread).map((j) => j.name)).toEqual(["v4"]);
    expect(q.takeBatch(limits, spread).map((j) => j.name)).toEqual(["v5"]);
    expect(q.takeBatch(limits, spread).map((j) => j.name)).toEqual(["r0", "r1", "r2"]);
  });

  test("a slot that frees while the others work takes a share of the screen left, not all of it", () => {
    // Four slots, one free: the other three will free soon and take the rest, so the screen is not written by one
    // slot alone, one segment after another.
    const q = new JobQueue<J>();
    for (let i = 0; i < 8; i++) q.add(job(`v${i}`, 100, PRIORITY_VISIBLE));
    expect(q.takeBatch(limits, { slots: 4 }).map((j) => j.name)).toEqual(["v0", "v1"]);
  });

  test("batches shrink towards the end of the page, so no slot is left finishing a big batch alone", () => {
    const q = new JobQueue<J>();
    for (let i = 0; i < 8; i++) q.add(job(`r${i}`, 250));
    const spread = { slots: 2 };
    const sizes = [q.takeBatch(limits, spread), q.takeBatch(limits, spread), q.takeBatch(limits, spread)];
    expect(sizes.map((b) => b.length)).toEqual([4, 2, 1]);
  });

  test("never below a floor that makes a request worth its overhead, never above maxChars", () => {
    const q = new JobQueue<J>();
    for (let i = 0; i < 4; i++) q.add(job(`v${i}`, 60, PRIORITY_VISIBLE));
    expect(q.takeBatch(limits, { slots: 4 })).toHaveLength(Math.floor(MIN_SPREAD_CHARS / 60));
    const big = new JobQueue<J>();
    for (let i = 0; i < 40; i++) big.add(job(`r${i}`, 250));
    expect(big.takeBatch({ maxChars: 1000, maxSegments: 100 }, { slots: 1 })).toHaveLength(4);
  });
});
