// Settings sync's steps: a change rests before it is written; the worker's last moments write it at once.
import { createSyncSteps } from "../../src/background/sync-steps";

const steps = () => createSyncSteps({ before: async () => undefined, failed: async () => undefined, settleMs: 60_000 });

it("settled(true) writes a change still resting at once, and only once", async () => {
  const sync = steps();
  const written: string[] = [];
  sync.schedule(async () => void written.push("first"));
  sync.schedule(async () => void written.push("second")); // a newer change: the rest starts again, one write
  await sync.settled(true);
  expect(written).toEqual(["second"]);
  await sync.settled(true);
  expect(written).toEqual(["second"]);
});

it("settled() waits for the change's rest", async () => {
  jest.useFakeTimers();
  try {
    const sync = steps();
    let written = false;
    sync.schedule(async () => void (written = true));
    let done = false;
    void sync.settled().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(written && done).toBe(true);
  } finally {
    jest.useRealTimers();
  }
});
