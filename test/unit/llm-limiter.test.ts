// The concurrency bound shared by all tabs: FIFO (look-ups before shown pages before hidden ones, a queued request
// following its tab as it is hidden or shown), never above the limit, aborting a queued waiter removes it.
import { AbortedWhileQueued, Limiter, type Lane } from "../../src/llm/limiter";

test("never more than the limit; FIFO; release lets the next one in", async () => {
  const limiter = new Limiter(2);
  const order: number[] = [];
  const releases: (() => void)[] = [];
  const waits = [0, 1, 2, 3].map((i) =>
    limiter.acquire().then((release) => {
      order.push(i);
      releases.push(release);
    }),
  );
  await Promise.all(waits.slice(0, 2));
  expect(limiter.active).toBe(2);
  expect(limiter.queued).toBe(2);
  releases[0]?.();
  releases[0]?.(); // releasing twice is harmless
  await waits[2];
  expect(order).toEqual([0, 1, 2]);
  expect(limiter.active).toBe(2);
  releases[1]?.();
  await waits[3];
  expect(order).toEqual([0, 1, 2, 3]);
});

test("aborting a queued waiter removes it from the queue; onQueued tells it had to wait", async () => {
  const limiter = new Limiter(1);
  const release = await limiter.acquire();
  const controller = new AbortController();
  let queued = false;
  const waiting = limiter.acquire(controller.signal, () => (queued = true));
  const next = limiter.acquire();
  expect(queued).toBe(true);
  controller.abort();
  await expect(waiting).rejects.toBeInstanceOf(AbortedWhileQueued);
  expect(limiter.queued).toBe(1);
  release();
  await expect(next).resolves.toBeInstanceOf(Function);
  await expect(limiter.acquire(controller.signal)).rejects.toBeInstanceOf(AbortedWhileQueued);
});

test("raising the limit starts waiters at once", async () => {
  const limiter = new Limiter(1);
  await limiter.acquire();
  const second = limiter.acquire();
  limiter.setLimit(2);
  await expect(second).resolves.toBeInstanceOf(Function);
  expect(limiter.max).toBe(2);
});

test("a hidden page's requests (a background tab) wait while the shown page's are queued, then go in order", async () => {
  const limiter = new Limiter(1);
  const release = await limiter.acquire(undefined, undefined, "hidden");
  const order: string[] = [];
  const take = (name: string, hidden: boolean) =>
    limiter.acquire(undefined, undefined, hidden ? "hidden" : "shown").then((next) => {
      order.push(name);
      next();
    });
  const waits = [take("hidden 1", true), take("hidden 2", true), take("shown 1", false), take("shown 2", false)];
  // The hidden tab's request in a slot keeps it (a request is never stopped for another).
  expect(limiter.active).toBe(1);
  release();
  await Promise.all(waits);
  expect(order).toEqual(["shown 1", "shown 2", "hidden 1", "hidden 2"]);
});

test("a queued request follows its tab: left, it lets the shown tab's go first; back, it goes before background tabs'", async () => {
  const limiter = new Limiter(1);
  const release = await limiter.acquire();
  const hidden: Record<string, boolean> = { A: false, B: true, C: true };
  const lane = (tab: string) => (): Lane => (hidden[tab] ? "hidden" : "shown");
  const order: string[] = [];
  const take = (name: string, tab: string) =>
    limiter.acquire(undefined, undefined, lane(tab)).then((next) => {
      order.push(name);
      return next;
    });
  // Tab C asked in the background; the reader translates tab A, then leaves it for tab B and translates that.
  const c = take("C 1", "C");
  const a = [take("A 1", "A"), take("A 2", "A")];
  hidden.A = true;
  hidden.B = false;
  const b = take("B 1", "B");
  release();
  const releaseB = await b;
  expect(order).toEqual(["B 1"]);
  // Back on tab A while B's request runs: A's go before tab C's, asked first, and keep their order.
  hidden.A = false;
  hidden.B = true;
  releaseB();
  for (const waiter of [...a, c]) (await waiter)();
  expect(order).toEqual(["B 1", "A 1", "A 2", "C 1"]);
});

test("aborting a hidden page's queued request removes it too", async () => {
  const limiter = new Limiter(1);
  const release = await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal, undefined, "hidden");
  expect(limiter.queued).toBe(1);
  controller.abort();
  await expect(waiting).rejects.toBeInstanceOf(AbortedWhileQueued);
  expect(limiter.queued).toBe(0);
  release();
});

test("a look-up takes the next free slot ahead of every queued page request, shown or hidden; look-ups in order", async () => {
  const limiter = new Limiter(2);
  const running = [await limiter.acquire(), await limiter.acquire(undefined, undefined, "hidden")];
  const order: string[] = [];
  const take = (name: string, lane: Lane) =>
    limiter.acquire(undefined, undefined, lane).then((next) => {
      order.push(name);
      return next;
    });
  const pages = [take("shown 1", "shown"), take("hidden 1", "hidden"), take("shown 2", "shown")];
  const lookups = [take("look-up 1", "lookup"), take("look-up 2", "lookup")];
  // The running requests keep their slots: the look-ups wait for them (their work would be wasted otherwise).
  await Promise.resolve();
  expect(limiter.active).toBe(2);
  expect(order).toEqual([]);
  running[0]!();
  (await lookups[0]!)();
  running[1]!();
  (await lookups[1]!)();
  for (const page of pages) (await page)();
  expect(order).toEqual(["look-up 1", "look-up 2", "shown 1", "shown 2", "hidden 1"]);
});

test("a look-up aborted while queued leaves the queue; the page requests behind it are served as before", async () => {
  const limiter = new Limiter(1);
  const release = await limiter.acquire();
  const controller = new AbortController();
  let queued = false;
  const page = limiter.acquire();
  const lookup = limiter.acquire(controller.signal, () => (queued = true), "lookup");
  expect(queued).toBe(true);
  expect(limiter.queued).toBe(2);
  controller.abort();
  await expect(lookup).rejects.toBeInstanceOf(AbortedWhileQueued);
  expect(limiter.queued).toBe(1);
  release();
  await expect(page).resolves.toBeInstanceOf(Function);
});

test("a look-up with a free slot starts at once and is not told to wait", async () => {
  const limiter = new Limiter(2);
  await limiter.acquire();
  let queued = false;
  await expect(limiter.acquire(undefined, () => (queued = true), "lookup")).resolves.toBeInstanceOf(Function);
  expect(queued).toBe(false);
});

test("a slot freed while a leaving page's jobs are stopped one after another goes to none of them", async () => {
  const limiter = new Limiter(1);
  const page = [new AbortController(), new AbortController()];
  const running = await limiter.acquire(page[0]!.signal);
  const queuedSamePage = limiter.acquire(page[1]!.signal);
  const otherTab = limiter.acquire();
  // The page's jobs end in one loop; the running one's request releases its slot as it is stopped (a browser runs
  // an aborted fetch's reactions then), before the loop reaches the queued one.
  page[0]!.signal.addEventListener("abort", running);
  for (const job of page) job.abort();
  await expect(queuedSamePage).rejects.toBeInstanceOf(AbortedWhileQueued);
  await expect(otherTab).resolves.toBeInstanceOf(Function);
  expect(limiter.active).toBe(1);
});
