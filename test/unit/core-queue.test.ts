// Item 12 at the queue level: batches by size and count, priorities, solo retries.

import { JobQueue, PRIORITY_NEAR, PRIORITY_REST, PRIORITY_VISIBLE, type Priority } from "../../src/core/scheduler";

interface J {
  html: string;
  priority: Priority;
  solo?: boolean;
  name: string;
}

const job = (name: string, chars: number, priority: Priority = PRIORITY_REST, solo = false): J => ({
  name,
  html: "x".repeat(chars),
  priority,
  solo,
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

test("a solo job (retry) is sent in a batch of its own, first", () => {
  const q = new JobQueue<J>();
  q.add(job("a", 1));
  q.add(job("b", 1));
  q.addFirst(job("retry", 1, PRIORITY_REST, true));
  const limits = { maxChars: 100, maxSegments: 100 };
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["retry"]);
  expect(q.takeBatch(limits).map((j) => j.name)).toEqual(["a", "b"]);
});
