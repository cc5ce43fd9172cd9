// A userscript's translation open as the page goes into the back/forward cache: its request is dropped at once (the
// server serves the pages being read) and what is still unanswered is asked again when the page comes back, so the
// page finishes instead of waiting on a manager that no longer answers it. A page's own events move nothing.
import { keptPageTranslator } from "../../src/session/kept-page-translator";
import { AsyncQueue } from "../../src/shared/async-queue";
import type { Segment, SegmentResult, Translator } from "../../src/shared/translator";

/** jsdom's events are all script-made: the tests stand in for the browser, except where a page's events are meant. */
let browserMade = true;
beforeEach(() => (browserMade = true));

const hide = () => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true }));
const show = () => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));

const SEGMENTS: Segment[] = ["a", "b", "c"].map((id) => ({ id, html: `Satz ${id}` }));
const ok = (id: string): SegmentResult => ({ id, html: `SATZ ${id.toUpperCase()}` });

/** An inner translator whose requests the test answers: each call's segments, signal and answer queue. */
function managerRequests() {
  const calls: Array<{ ids: string[]; signal: AbortSignal; answers: AsyncQueue<SegmentResult> }> = [];
  const inner: Translator = (batch, opts) => {
    const answers = new AsyncQueue<SegmentResult>();
    calls.push({ ids: batch.map((segment) => segment.id), signal: opts.signal, answers });
    return answers;
  };
  return { inner, calls };
}

/** Reads the translator's results into `got` as they come; resolves when they end. */
function consume(results: AsyncIterable<SegmentResult>, got: string[]): Promise<void> {
  return (async () => {
    for await (const result of results) got.push("error" in result ? `${result.id}: error` : result.id);
  })();
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The manager's request answers these segments, then ends. */
function answerAll(call: { answers: AsyncQueue<SegmentResult> }, ...ids: string[]): void {
  for (const id of ids) call.answers.push(ok(id));
  call.answers.end();
}

/** A translation of SEGMENTS through the kept-page translator, read as it comes: the manager's requests, what came. */
function started(signal: AbortSignal = new AbortController().signal) {
  const { inner, calls } = managerRequests();
  const got: string[] = [];
  const translate = keptPageTranslator(inner, window, () => browserMade);
  const done = consume(translate(SEGMENTS, { targetLang: "en", signal }), got);
  return { calls, got, done };
}

/** The page comes back: only "b" and "c" are asked again, and once they are answered each segment came once. */
async function returnAsksForBAndC({ calls, got, done }: ReturnType<typeof started>): Promise<void> {
  show();
  expect(calls.map((call) => call.ids)).toEqual([
    ["a", "b", "c"],
    ["b", "c"],
  ]);
  answerAll(calls[1]!, "b", "c");
  await done;
  expect(got).toEqual(["a", "b", "c"]);
}

test("a request open as the page is kept is dropped, and what it left unanswered is asked again on the return", async () => {
  const run = started();
  const { calls } = run;
  calls[0]!.answers.push(ok("a"));
  await tick();
  hide();
  // Dropped at once: the manager aborts it at the server.
  expect(calls[0]!.signal.aborted).toBe(true);
  // Whatever the dropped request still says is not taken.
  calls[0]!.answers.push({ id: "b", error: { kind: "aborted", message: "The request was aborted." } });
  calls[0]!.answers.end();
  await tick();
  expect(calls).toHaveLength(1);
  await returnAsksForBAndC(run);
});

test("a page's own pagehide and pageshow drop nothing and ask nothing again", async () => {
  const { calls, got, done } = started();
  browserMade = false;
  hide();
  show();
  expect(calls).toHaveLength(1);
  expect(calls[0]!.signal.aborted).toBe(false);
  answerAll(calls[0]!, "a", "b", "c");
  await done;
  expect(got).toEqual(["a", "b", "c"]);
});

test("stopped while the page is away (Show original on the way out): nothing is asked on the return", async () => {
  const caller = new AbortController();
  const { calls, got, done } = started(caller.signal);
  hide();
  caller.abort();
  await done;
  show();
  expect(calls).toHaveLength(1);
  expect(got).toEqual([]);
});

test("every segment answered before the page went: its return ends the translation without a request", async () => {
  const { calls, got, done } = started();
  for (const id of ["a", "b", "c"]) calls[0]!.answers.push(ok(id));
  await tick();
  hide(); // the request had answered everything but had not ended yet
  show();
  await done;
  expect(calls).toHaveLength(1);
  expect(got).toEqual(["a", "b", "c"]);
});

test("a translation already on its way as the page goes counts: the return asks only for the rest", async () => {
  const run = started();
  const { calls } = run;
  calls[0]!.answers.push(ok("a"));
  hide(); // before the translator has passed "a" on
  calls[0]!.answers.end();
  await tick();
  await returnAsksForBAndC(run);
});

test("a request still open on the return (no pagehide heard) is dropped and asked again; each segment once", async () => {
  const { calls, got, done } = started();
  show();
  expect(calls[0]!.signal.aborted).toBe(true);
  expect(calls.map((call) => call.ids)).toEqual([
    ["a", "b", "c"],
    ["a", "b", "c"],
  ]);
  // The dropped request's late translation and the new one's: one result for "a".
  answerAll(calls[0]!, "a");
  answerAll(calls[1]!, "a", "b", "c");
  await done;
  expect(got).toEqual(["a", "b", "c"]);
});
