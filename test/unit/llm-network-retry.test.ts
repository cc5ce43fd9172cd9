// The client's one quiet retry after a network error (a reset connection): a request the reader stops during the
// pause before it (they left the page) ends then, so its slot goes to the next page's request at once rather than
// when the pause is over.
import { runChat, type Transport } from "../../src/llm/client";
import { holdTimers, withClockRunning, withClockStill } from "../helpers/held-timers";
import { llamaConfig } from "../helpers/llm-harness";

afterEach(() => jest.useRealTimers());

const URL = "http://127.0.0.1:9/v1/chat/completions";

function callWith(transport: Transport, signal: AbortSignal) {
  return runChat({
    config: llamaConfig("http://127.0.0.1:9"),
    transport,
    url: URL,
    body: {},
    signal,
    stallTimeoutMs: 5_000,
    timeoutMs: 20_000,
    onText: () => undefined,
  });
}

test("a request stopped while it waits to retry a reset connection ends at once, without the retry", async () => {
  holdTimers();
  let sent = 0;
  let failed!: () => void;
  const firstFailed = new Promise<void>((resolve) => (failed = resolve));
  const transport: Transport = () => {
    sent++;
    failed();
    return Promise.reject(new TypeError("NetworkError when attempting to fetch resource."));
  };
  const caller = new AbortController();
  const ending = callWith(transport, caller.signal);
  await firstFailed;
  caller.abort();
  // The clock stands still: the pause before the retry never runs out, so only the abort can end the call.
  await expect(withClockStill(ending)).resolves.toEqual({ type: "aborted" });
  expect(sent).toBe(1);
});

test("a reset connection is still asked once more after the pause", async () => {
  holdTimers();
  let sent = 0;
  const transport: Transport = () => {
    sent++;
    return Promise.reject(new TypeError("NetworkError when attempting to fetch resource."));
  };
  // The held clock moves on to each next timer: the pause runs out, and the retry goes.
  const settled = await withClockRunning(callWith(transport, new AbortController().signal));
  expect(sent).toBe(2);
  expect(settled.type).toBe("error");
});
