// The content script's translator across the back/forward cache: the browser closes a kept page's ports without
// telling the page, so the page closes its port itself as it is kept and, back, asks for what is unanswered on a
// new port. The one more try after a lost background is still there afterwards, and nothing fails. A page that
// leaves, or a run that stops, ends its jobs at the background at once before their ports close.
import "../helpers/fake-extension"; // the extension API, read as the module loads
import { ext } from "../../src/extension/api";
import { createPortTranslator } from "../../src/content/port-translator";
import { isPortRequest, type PortReply, type PortRequest } from "../../src/shared/messages";
import type { Segment, SegmentResult } from "../../src/shared/translator";

/** jsdom's events are all script-made: the tests stand in for the browser, except where a page's events are meant. */
let browserMade = true;
beforeEach(() => (browserMade = true));

/** A port as the content script sees it, driven by the test as the background would. */
interface FakePort {
  requests: PortRequest[];
  disconnected: boolean;
  reply(message: PortReply): void;
  /** The background went away (the worker stopped). */
  lose(): void;
}

let ports: FakePort[] = [];

beforeEach(() => {
  ports = [];
  (ext.runtime as unknown as { connect: () => unknown }).connect = () => {
    const messageListeners: Array<(message: unknown) => void> = [];
    const disconnectListeners: Array<() => void> = [];
    const port: FakePort = {
      requests: [],
      disconnected: false,
      reply: (message) => messageListeners.forEach((listener) => listener(message)),
      lose: () => disconnectListeners.forEach((listener) => listener()),
    };
    ports.push(port);
    return {
      name: "translate",
      onMessage: { addListener: (listener: (message: unknown) => void) => messageListeners.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => disconnectListeners.push(listener) },
      postMessage: (message: PortRequest) => port.requests.push(message),
      disconnect: () => void (port.disconnected = true),
    };
  };
});

const SEGMENTS: Segment[] = [
  { id: "1", html: "Erster Absatz" },
  { id: "2", html: "Zweiter Absatz" },
  { id: "3", html: "Dritter Absatz" },
];

/** Starts a job and collects its results until it ends. */
function job() {
  const results: SegmentResult[] = [];
  const replies = createPortTranslator(() => undefined, { isTrusted: () => browserMade })(SEGMENTS, {
    targetLang: "en",
    signal: new AbortController().signal,
  });
  const done = (async () => {
    for await (const result of replies) results.push(result);
    return results;
  })();
  return { results, done };
}

const hide = (persisted: boolean) => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted }));
const show = (persisted: boolean) => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted }));
/** The background's message of the passages ready together. */
const result = (...ids: string[]): PortReply => ({
  type: "results",
  results: ids.map((id) => ({ id, html: `translated ${id}` })),
});

/** The second port answers "2" and its background is lost: a third asks for "3" alone, and gets it. */
function secondAnswersThenIsLost(): void {
  ports[1]!.reply(result("2"));
  ports[1]!.lose();
  expect(ports).toHaveLength(3);
  expect(ports[2]!.requests[0]!.segments.map((segment) => segment.id)).toEqual(["3"]);
  ports[2]!.reply(result("3"));
  ports[2]!.reply({ type: "done" });
}

it("kept in the cache mid-job, closes its port; back, asks for the rest on a new one and ends with every result", async () => {
  const { done } = job();
  expect(ports).toHaveLength(1);
  ports[0]!.reply(result("1"));

  hide(true);
  expect(ports[0]!.disconnected).toBe(true);
  show(true);

  expect(ports).toHaveLength(2);
  expect(ports[1]!.requests.map((request) => request.segments.map((segment) => segment.id))).toEqual([["2", "3"]]);
  // The background lost mid-way after the return: the one more try is still there.
  secondAnswersThenIsLost();

  expect(await done).toEqual([
    { id: "1", html: "translated 1" },
    { id: "2", html: "translated 2" },
    { id: "3", html: "translated 3" },
  ]);
});

it("passages that came in one message are each handed on to be written, in order, before the rest of the job comes", async () => {
  const replies = createPortTranslator(() => undefined, { isTrusted: () => browserMade })(SEGMENTS, {
    targetLang: "en",
    signal: new AbortController().signal,
  })[Symbol.asyncIterator]();
  ports[0]!.reply(result("1", "2"));
  expect(await replies.next()).toEqual({ done: false, value: { id: "1", html: "translated 1" } });
  expect(await replies.next()).toEqual({ done: false, value: { id: "2", html: "translated 2" } });
  // Both count as answered: a background lost now is asked only for the third.
  ports[0]!.lose();
  expect(ports[1]!.requests[0]!.segments.map((segment) => segment.id)).toEqual(["3"]);
  ports[1]!.reply(result("3"));
  ports[1]!.reply({ type: "done" });
  expect(await replies.next()).toEqual({ done: false, value: { id: "3", html: "translated 3" } });
  expect(await replies.next()).toEqual({ done: true, value: undefined });
});

it("a port the cache closed without a word is left for a new one on the return, with no error", async () => {
  const { done } = job();
  // No pagehide the translator saw (the port was closed under it); the return alone is enough.
  show(true);
  expect(ports).toHaveLength(2);
  expect(ports[0]!.disconnected).toBe(true);
  ports[0]!.lose(); // the old port's late news changes nothing
  expect(ports).toHaveLength(2);
  for (const segment of SEGMENTS) ports[1]!.reply(result(segment.id));
  ports[1]!.reply({ type: "done" });
  expect((await done).every((r) => "html" in r)).toBe(true);
});

it("a page hidden or shown without the cache keeps its port", async () => {
  const { done } = job();
  hide(false);
  show(false);
  expect(ports).toHaveLength(1);
  expect(ports[0]!.disconnected).toBe(false);
  for (const segment of SEGMENTS) ports[0]!.reply(result(segment.id));
  ports[0]!.reply({ type: "done" });
  expect(await done).toHaveLength(3);
});

it("a finished job no longer follows the page", async () => {
  const { done } = job();
  for (const segment of SEGMENTS) ports[0]!.reply(result(segment.id));
  ports[0]!.reply({ type: "done" });
  await done;
  hide(true);
  show(true);
  expect(ports).toHaveLength(1);
});

it("a page's own pagehide and pageshow, claiming the cache, neither close the port nor send again", async () => {
  const { done } = job();
  browserMade = false;
  hide(true);
  show(true);
  expect(ports).toHaveLength(1);
  expect(ports[0]!.disconnected).toBe(false);
  for (const segment of SEGMENTS) ports[0]!.reply(result(segment.id));
  ports[0]!.reply({ type: "done" });
  expect(await done).toHaveLength(3);
});

describe("the extension updated, reloaded or turned off mid-job (the page stays, cut off)", () => {
  const runtime = ext.runtime as unknown as { id?: string; connect: () => unknown };
  let id: string | undefined;
  beforeEach(() => (id = runtime.id));
  afterEach(() => (runtime.id = id));

  /** What Chromium does to a cut-off script: its port disconnects, the runtime loses its id, connecting throws. */
  const cutOff = (port: FakePort) => {
    delete runtime.id;
    runtime.connect = () => {
      throw new Error("Extension context invalidated.");
    };
    port.lose();
  };

  it("the rest fails with the fix that helps: reload the page (trying again cannot)", async () => {
    const { done } = job();
    ports[0]!.reply(result("1"));
    cutOff(ports[0]!);
    const results = await done;
    expect(results[0]).toEqual({ id: "1", html: "translated 1" });
    for (const failed of results.slice(1)) {
      expect(failed).toMatchObject({
        error: {
          message: "Gloss was updated, reloaded or turned off while this page was open.",
          fix: "Reload the page to use Gloss on it again.",
        },
      });
    }
    expect(results).toHaveLength(3);
  });

  it("cut off with its port never told (Chromium), the job does not wait for ever: the rest fails the same way", async () => {
    jest.useFakeTimers();
    try {
      const { done } = job();
      ports[0]!.reply(result("1"));
      jest.advanceTimersByTime(60_000);
      expect(ports[0]!.disconnected).toBe(false); // the extension is there: the job waits for its answers
      delete runtime.id;
      jest.advanceTimersByTime(60_000);
      const results = await done;
      expect(results.map((r) => ("error" in r ? r.error.fix : r.html))).toEqual([
        "translated 1",
        "Reload the page to use Gloss on it again.",
        "Reload the page to use Gloss on it again.",
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("a background lost twice while the extension is still there says so, with Try again", async () => {
    const { done } = job();
    ports[0]!.lose();
    ports[1]!.lose();
    const results = await done;
    expect(results.map((r) => "error" in r && r.error.message)).toEqual(
      Array(3).fill("Gloss lost the connection to its background while translating."),
    );
  });

  it("a background lost again after it came back and answered part of the job: the rest is still asked once more", async () => {
    // A long job (a queue at the server) can outlive several workers: each new one that answers has earned its try.
    const { done } = job();
    ports[0]!.reply(result("1"));
    ports[0]!.lose();
    secondAnswersThenIsLost();
    expect((await done).map((r) => ("html" in r ? r.html : r.error.message))).toEqual([
      "translated 1",
      "translated 2",
      "translated 3",
    ]);
  });

  it("lost again without an answer since it came back, the rest fails with Try again", async () => {
    const { done } = job();
    ports[0]!.reply(result("1"));
    ports[0]!.lose();
    ports[1]!.lose();
    expect(ports).toHaveLength(2);
    expect((await done).map((r) => ("html" in r ? r.html : r.error.message))).toEqual([
      "translated 1",
      "Gloss lost the connection to its background while translating.",
      "Gloss lost the connection to its background while translating.",
    ]);
  });

  it("a look-up that waited for a slot when the background was lost no longer says it waits: the new request may not", async () => {
    const waiting: boolean[] = [];
    const replies = createPortTranslator(() => undefined, { isTrusted: () => browserMade })([SEGMENTS[0]!], {
      targetLang: "en",
      signal: new AbortController().signal,
      lookup: true,
      onWaiting: (now) => waiting.push(now),
    });
    ports[0]!.reply({ type: "waiting", waiting: true });
    ports[0]!.lose();
    // The new worker has a free slot: it takes it without a word about waiting.
    expect(waiting).toEqual([true, false]);
    ports[1]!.reply(result("1"));
    ports[1]!.reply({ type: "done" });
    for await (const reply of replies) expect(reply).toEqual({ id: "1", html: "translated 1" });
  });
});

it("jobs that ended leave nothing on the session's signal, however many the session sends", async () => {
  // Every request of a page's session shares its signal: a feed read for hours sends thousands.
  const { signal } = new AbortController();
  const listening = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: "abort", listener: () => void, options?: AddEventListenerOptions) => {
    listening.add(listener);
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: "abort", listener: () => void) => {
    listening.delete(listener);
    remove(type, listener);
  }) as typeof signal.removeEventListener;
  const translate = createPortTranslator(() => undefined, { isTrusted: () => browserMade });
  for (let i = 0; i < 50; i++) {
    const replies = translate(SEGMENTS, { targetLang: "en", signal });
    const port = ports.at(-1)!;
    for (const segment of SEGMENTS) port.reply(result(segment.id));
    port.reply({ type: "done" });
    for await (const reply of replies) expect(reply).toBeDefined();
  }
  expect(ports).toHaveLength(50);
  expect(listening.size).toBe(0);
});

describe("the reader leaves the tab mid-job, and comes back", () => {
  let visibility: DocumentVisibilityState = "visible";
  beforeAll(() => Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility }));
  afterAll(() => delete (document as { visibilityState?: unknown }).visibilityState);
  beforeEach(() => (visibility = "visible"));
  const turn = (state: DocumentVisibilityState) => {
    visibility = state;
    document.dispatchEvent(new Event("visibilitychange"));
  };

  it("tells its port each time, so that its waiting request follows the tab; a new port asks as the page is then", async () => {
    const { done } = job();
    const sent = () => ports.map((port) => port.requests.map((m) => (m.type === "translate" ? "request" : m)));
    turn("hidden");
    document.dispatchEvent(new Event("visibilitychange")); // a page's own: nothing changed, nothing said
    turn("visible");
    expect(sent()).toEqual([["request", { type: "visibility", hidden: true }, { type: "visibility", hidden: false }]]);
    // Left again; the background is lost: the rest is asked for as a hidden page's, and later news go to the new port.
    turn("hidden");
    ports[0]!.reply(result("1"));
    ports[0]!.lose();
    expect(ports[1]!.requests[0]).toMatchObject({ type: "translate", hidden: true });
    turn("visible");
    expect(sent()[1]).toEqual(["request", { type: "visibility", hidden: false }]);
    for (const id of ["2", "3"]) ports[1]!.reply(result(id));
    ports[1]!.reply({ type: "done" });
    expect(await done).toHaveLength(3);
    // A finished job has nothing to tell.
    turn("hidden");
    expect(sent()[1]).toHaveLength(2);
  });
});

describe("ending a page's jobs at the background all at once (its ports close one by one after)", () => {
  /** Messages a port carried after its request. */
  const after = (port: FakePort) => port.requests.slice(1);
  function start(signal: AbortSignal) {
    const replies = createPortTranslator(() => undefined, { isTrusted: () => browserMade })(SEGMENTS, {
      targetLang: "en",
      signal,
    });
    void (async () => {
      for await (const _ of replies);
    })();
  }

  it("leaving, kept or not, each job says so on its port first; a page's own pagehide says nothing", () => {
    const run = new AbortController();
    start(run.signal);
    start(run.signal);
    browserMade = false;
    hide(false);
    expect(ports.map(after)).toEqual([[], []]);
    browserMade = true;
    hide(false);
    expect(ports.map(after)).toEqual([[{ type: "end", of: "page" }], [{ type: "end", of: "page" }]]);
    hide(true);
    expect(ports.map((port) => port.disconnected)).toEqual([true, true]);
    expect(after(ports[0]!).at(-1)).toEqual({ type: "end", of: "page" });
  });

  it("stopped, the jobs of one signal end their group, and only they: each signal's jobs are a group of their own", () => {
    const run = new AbortController();
    const reply = new AbortController();
    start(run.signal);
    start(reply.signal);
    start(run.signal);
    const [first, other, second] = ports as [FakePort, FakePort, FakePort];
    expect(first.requests[0]!.group).toBe(second.requests[0]!.group);
    expect(other.requests[0]!.group).not.toBe(first.requests[0]!.group);
    run.abort();
    expect([after(first), after(second)]).toEqual([[{ type: "end", of: "group" }], [{ type: "end", of: "group" }]]);
    expect([first.disconnected, second.disconnected]).toEqual([true, true]);
    expect([after(other), other.disconnected]).toEqual([[], false]);
  });

  it("each document's content script names its groups as no other does, so its ends never reach the next page's jobs", () => {
    /** The group of a job asked by a content script loaded afresh, as in the next document of the frame. */
    const groupInNextDocument = (): string | undefined => {
      let group: string | undefined;
      jest.isolateModules(() => {
        const fresh = jest.requireActual<{ createPortTranslator: typeof createPortTranslator }>(
          "../../src/content/port-translator",
        );
        const before = ports.length;
        const stop = new AbortController();
        void fresh.createPortTranslator(() => undefined)(SEGMENTS, { targetLang: "en", signal: stop.signal });
        const request = ports[before]!.requests[0]!;
        // Still a request the background takes.
        expect(isPortRequest(request)).toBe(true);
        group = request.group;
        stop.abort();
      });
      return group;
    };
    const groups = [groupInNextDocument(), groupInNextDocument()];
    expect(groups[0]).toEqual(expect.any(String));
    expect(groups[1]).not.toBe(groups[0]);
  });
});

describe("a job larger than one port request may be (the background refuses those without a word)", () => {
  const ids = (port: FakePort) => port.requests[0]!.segments.map((segment) => segment.id);
  const answerAll = (port: FakePort) => {
    port.reply(result(...ids(port)));
    port.reply({ type: "done" });
  };

  it("a page with a very long title still asks: its context is cut to what a request may carry", async () => {
    const title = `Page title: ${"Sehr langer Titel ".repeat(200)}`;
    const replies = createPortTranslator(() => undefined)(SEGMENTS, {
      targetLang: "en",
      signal: new AbortController().signal,
      context: title,
    });
    const request = ports[0]!.requests[0]!;
    expect(isPortRequest(request)).toBe(true);
    expect(title.startsWith(request.context!)).toBe(true);
    expect(request.context!.length).toBeGreaterThan(1000);
    answerAll(ports[0]!);
    const results: SegmentResult[] = [];
    for await (const reply of replies) results.push(reply);
    expect(results).toHaveLength(3);
  });

  it("a reply of hundreds of lines is asked over several ports, each line once, and every answer comes back", async () => {
    const lines: Segment[] = Array.from({ length: 450 }, (_, i) => ({ id: `line-${i}`, html: `Zeile ${i}` }));
    const replies = createPortTranslator(() => undefined)(lines, {
      targetLang: "en",
      signal: new AbortController().signal,
    });
    expect(ports.length).toBeGreaterThan(1);
    for (const port of ports) expect(isPortRequest(port.requests[0])).toBe(true);
    expect(ports.flatMap(ids)).toEqual(lines.map((line) => line.id));
    ports.forEach(answerAll);
    const results: SegmentResult[] = [];
    for await (const reply of replies) results.push(reply);
    expect(results.map((r) => r.id).sort()).toEqual(lines.map((line) => line.id).sort());
  });

  it("a passage too long for any request fails at once, saying so; the others are asked", async () => {
    const huge: Segment = { id: "huge", html: "Wort ".repeat(20_000) };
    const replies = createPortTranslator(() => undefined)([SEGMENTS[0]!, huge], {
      targetLang: "en",
      signal: new AbortController().signal,
    });
    expect(ports).toHaveLength(1);
    expect(isPortRequest(ports[0]!.requests[0])).toBe(true);
    expect(ids(ports[0]!)).toEqual(["1"]);
    answerAll(ports[0]!);
    const results: SegmentResult[] = [];
    for await (const reply of replies) results.push(reply);
    expect(results).toEqual(
      expect.arrayContaining([
        { id: "1", html: "translated 1" },
        { id: "huge", error: expect.objectContaining({ message: expect.stringMatching(/too long/) }) },
      ]),
    );
    expect(results).toHaveLength(2);
  });
});
