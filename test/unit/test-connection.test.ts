// "Test connection" against the llama-server double: what a reader is told when the sample translation does not come
// back in time (the server's slots busy with other requests, or a model too slow for the computer).
import { testConnection } from "../../src/connection/test-connection";
import { DEFAULTS } from "../../src/shared/settings";
import { type DoubleHandle, startDouble } from "../double/server";

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 1, genTps: 400, promptTps: 4000 });
});
afterAll(() => double.close());

test("a sample that outlasts its time limit says so and what to do, not that it was cancelled", async () => {
  double.hold(); // the one slot takes the sample and answers nothing
  try {
    const report = await testConnection({ ...DEFAULTS, baseUrl: double.url }, "en", { sampleTimeoutMs: 1000 });
    expect(report.ok).toBe(false);
    expect(report.model).toBeDefined(); // the server itself answered: only the sample failed
    expect(report.sample?.error).toEqual({
      message: "The sample translation took longer than 1 s, so Gloss stopped waiting.",
      fix: expect.stringMatching(/busy with requests from other tabs or programs.*wait and test again/),
      kind: "timeout",
    });
  } finally {
    double.release();
  }
});
