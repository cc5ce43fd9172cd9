// A call the page waits on while it is kept in the back/forward cache: Firefox never answers it, Chromium fails it.
// Either way the page that comes back asks again and takes only the new answer (a write it takes as done); a page's
// own events move nothing.
import { createKeptPage } from "../../src/session/kept-page";

/** jsdom's events are all script-made: the tests stand in for the browser, except where a page's events are meant. */
let browserMade = true;
beforeEach(() => (browserMade = true));

const hide = () => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true }));
const show = () => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));

/** A call whose answers the test gives, one per time it was made. */
function controlledCall<T>() {
  const made: Array<{ resolve(value: T): void; reject(error: unknown): void }> = [];
  const call = () => new Promise<T>((resolve, reject) => made.push({ resolve, reject }));
  return { call, made };
}

/** Whether the promise has settled, and how, after everything queued so far ran. */
async function state<T>(promise: Promise<T>): Promise<string> {
  let result = "open";
  promise.then(
    (value) => (result = `answered ${String(value)}`),
    (error: unknown) => (result = `failed ${String(error)}`),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return result;
}

test("an answer that comes before the page goes is taken as it is, and nothing is asked again", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<string>();
  const answer = kept.ask(call);
  made[0]!.resolve("en");
  expect(await state(answer)).toBe("answered en");
  hide();
  show();
  expect(made).toHaveLength(1);
});

test("a call open as the page is kept is made again when it comes back, and its new answer is taken", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<string>();
  const answer = kept.ask(call);
  hide();
  expect(made).toHaveLength(1);
  show();
  expect(made).toHaveLength(2);
  // The first answer (had it come at all) is from before the page went: not taken.
  made[0]!.resolve("stale");
  expect(await state(answer)).toBe("open");
  made[1]!.resolve("fresh");
  expect(await state(answer)).toBe("answered fresh");
});

test("a failure because the page was kept (Chromium closes its channels) is not taken: the call is made again", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<string>();
  const answer = kept.ask(call);
  hide();
  made[0]!.reject(new Error("The page keeping the extension port is moved into back/forward cache"));
  expect(await state(answer)).toBe("open");
  show();
  made[1]!.reject(new Error("background gone"));
  expect(await state(answer)).toBe("failed Error: background gone");
});

test("a call made while the page goes (after its pagehide) is made again as it comes back", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<number>();
  hide();
  const answer = kept.ask(call);
  made[0]!.resolve(1);
  expect(await state(answer)).toBe("open");
  show();
  made[1]!.resolve(2);
  expect(await state(answer)).toBe("answered 2");
});

test("a page's own pagehide and pageshow neither drop an answer nor make a call again", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<string>();
  const answer = kept.ask(call);
  browserMade = false;
  hide();
  show();
  expect(made).toHaveLength(1);
  made[0]!.resolve("en");
  expect(await state(answer)).toBe("answered en");
});

test("a call that throws fails at once and is not made again", async () => {
  const kept = createKeptPage(window, () => browserMade);
  let calls = 0;
  const answer = kept.ask<string>(() => {
    calls++;
    throw new Error("extension context invalidated");
  });
  expect(await state(answer)).toBe("failed Error: extension context invalidated");
  hide();
  show();
  expect(calls).toBe(1);
});

test("a write open as the page is kept is taken as done on its return, not made again over what others wrote", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<void>();
  const written = kept.write(call);
  hide();
  show();
  expect(made).toHaveLength(1);
  expect(await state(written)).toBe("answered undefined");
  // Its late answer changes nothing.
  made[0]!.reject(new Error("late"));
  expect(await state(written)).toBe("answered undefined");
});

test("a write answered before the page goes keeps its answer, a failure included", async () => {
  const kept = createKeptPage(window, () => browserMade);
  const { call, made } = controlledCall<void>();
  const written = kept.write(call);
  made[0]!.reject(new Error("storage full"));
  expect(await state(written)).toBe("failed Error: storage full");
  hide();
  show();
  expect(made).toHaveLength(1);
});
