// Lookups of a server's facts wait for the translation requests on their way to it, never for long.
import { requestsFirst } from "../../src/connection/requests-first";

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe("requests first", () => {
  it("lets a lookup go at once when no batch is on its way", async () => {
    expect(await settled(requestsFirst(10_000).turn())).toBe(true);
  });

  it("holds a lookup until the batch on its way had its first reply", async () => {
    const order = requestsFirst(10_000);
    const answered = order.onTheWay();
    const turn = order.turn();
    expect(await settled(turn)).toBe(false);
    answered();
    expect(await settled(turn)).toBe(true);
  });

  it("lets it go when the batches on their way end without a request (all from the cache)", async () => {
    const order = requestsFirst(10_000);
    const leaveA = order.onTheWay();
    const leaveB = order.onTheWay();
    const turn = order.turn();
    leaveA();
    leaveA(); // twice is once
    expect(await settled(turn)).toBe(false);
    leaveB();
    expect(await settled(turn)).toBe(true);
  });

  it("waits no longer than its bound for a batch that waits for a slot", async () => {
    jest.useFakeTimers();
    try {
      const order = requestsFirst(300);
      order.onTheWay();
      let done = false;
      void order.turn().then(() => (done = true));
      await jest.advanceTimersByTimeAsync(299);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
