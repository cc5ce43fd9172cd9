// Test connection and Check model (options page, popup) ask the reader's server for up to two minutes (a sample
// translation, the model check's questions); a model loading on a CPU keeps the first answer for longer than Chrome
// leaves a silent worker running (~30 s, and a fetch's answer no longer than that): stopped, the worker never
// answered, and the options page waited on a test that had ended. They hold the worker as a translation does.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import { createHandlers } from "../../src/background/handlers";
import type { TranslationService } from "../../src/connection/translation-service";

const page = { id: chrome.runtime.id };
const realFetch = globalThis.fetch;
/** The server's answers, held until the test lets them fail. */
const held: Array<() => void> = [];

beforeEach(() => {
  resetFakeChrome();
  jest.useFakeTimers();
  globalThis.fetch = (() =>
    new Promise<Response>((_resolve, reject) => held.push(() => reject(new TypeError("Failed to fetch"))))) as never;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  jest.useRealTimers();
});

async function pass(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) await jest.advanceTimersByTimeAsync(1000);
}

it.each(["testConnection", "checkModel"] as const)(
  "%s keeps the worker up while the server is slow to answer, and lets it rest once it has",
  async (name) => {
    const handlers = createHandlers({} as TranslationService);
    let over = false;
    const asked = handlers[name]({}, page as never).finally(() => (over = true));
    await pass(45_000);
    expect(fakeChrome.platformInfoCalls).toBeGreaterThanOrEqual(2);
    while (!over) {
      held.splice(0).forEach((fail) => fail());
      await pass(1_000);
    }
    await asked;
    const after = fakeChrome.platformInfoCalls;
    await pass(60_000);
    expect(fakeChrome.platformInfoCalls).toBe(after);
  },
);
