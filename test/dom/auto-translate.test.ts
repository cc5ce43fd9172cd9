// "Translate automatically" across in-page navigation (new Reddit is a single-page app).
import { createAutoTranslate } from "../../src/session/auto-translate";
import type { PageSession } from "../../src/session/page-session";
import type { ContentReport } from "../../src/shared/messages";

function fakeSession() {
  const calls: string[] = [];
  let active = false;
  const session = {
    get active() {
      return active;
    },
    get pageActive() {
      return active;
    },
    newRoute() {},
    async translate() {
      calls.push("translate");
      active = true;
    },
    restore() {
      calls.push("restore");
      active = false;
    },
  } as unknown as PageSession;
  return { session, calls, setActive: (value: boolean) => (active = value) };
}

const original: ContentReport = { status: "original", progress: { total: 3, done: 3, failed: 0 } };

/** Lets pending promise callbacks run (the rule check is asynchronous). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

async function navigate(path: string): Promise<void> {
  history.pushState(null, "", path);
  jest.advanceTimersByTime(1100); // without the Navigation API the address is checked every second
  await settle();
}

beforeEach(() => {
  jest.useFakeTimers();
  history.replaceState(null, "", "/r/de/");
});
afterEach(() => jest.useRealTimers());

const coversRDe = async (url: string) => new URL(url).pathname.startsWith("/r/de");

describe("auto-translate", () => {
  it("translates a covered page, and again after navigating to another covered page", async () => {
    const { session, calls, setActive } = fakeSession();
    createAutoTranslate({ window, covers: coversRDe }).start(session);
    await settle();
    expect(calls).toEqual(["translate"]);
    setActive(false); // e.g. the reader restored on the previous page, then went on
    await navigate("/r/de/comments/abc/");
    expect(calls).toEqual(["translate", "translate"]);
  });

  it("respects 'Show original' on that page: sorting or jumping to a comment does not translate again", async () => {
    const { session, calls, setActive } = fakeSession();
    const auto = createAutoTranslate({ window, covers: coversRDe });
    auto.start(session);
    await settle();
    setActive(false);
    auto.noteReport(original);
    await navigate("/r/de/?sort=new");
    await navigate("/r/de/?sort=new#comment-3");
    expect(calls).toEqual(["translate"]);
    await navigate("/r/de/comments/xyz/"); // a different page: the rule applies again
    expect(calls).toEqual(["translate", "translate"]);
  });

  it("respects 'Show original' on a topic whose address follows the post scrolled to (Discourse)", async () => {
    // Chromium's Navigation API, as it tells every world of the page's history calls (jsdom has none).
    const navigation = new EventTarget();
    Reflect.set(window, "navigation", navigation);
    const moveTo = async (path: string, navigationType: "push" | "replace"): Promise<void> => {
      navigation.dispatchEvent(Object.assign(new Event("navigate"), { navigationType }));
      if (navigationType === "push") history.pushState(null, "", path);
      else history.replaceState(null, "", path);
      navigation.dispatchEvent(new Event("navigatesuccess"));
      await settle();
    };
    try {
      history.replaceState(null, "", "/r/de/t/thema/123/1");
      const { session, calls, setActive } = fakeSession();
      const routes: boolean[] = [];
      session.newRoute = (otherPage) => void routes.push(otherPage);
      const auto = createAutoTranslate({ window, covers: coversRDe });
      auto.start(session);
      await settle();
      setActive(false);
      auto.noteReport(original);
      // The reader scrolls: the site writes the post in view into the address.
      await moveTo("/r/de/t/thema/123/2", "replace");
      await moveTo("/r/de/t/thema/123/3", "replace");
      expect(calls).toEqual(["translate"]);
      expect(routes).toEqual([]);
      await moveTo("/r/de/t/anderes/456/1", "push"); // another topic: the rule applies again
      expect(calls).toEqual(["translate", "translate"]);
      expect(routes).toEqual([true]);
    } finally {
      Reflect.deleteProperty(window, "navigation");
    }
  });

  it("a report of the original that goes out after the page moved on does not decline the new page", async () => {
    const { session, calls, setActive } = fakeSession();
    const auto = createAutoTranslate({ window, covers: coversRDe });
    auto.start(session);
    await settle();
    setActive(false);
    auto.noteReport(original); // Show original on this thread
    history.pushState(null, "", "/r/de/comments/next/");
    // The session's paced report goes out now, still of the original, from the new address.
    auto.noteReport(original);
    jest.advanceTimersByTime(1100);
    await settle();
    expect(calls).toEqual(["translate", "translate"]);
  });

  it("stops a session it started when navigation leaves the rule's scope, but not one the reader started", async () => {
    const first = fakeSession();
    createAutoTranslate({ window, covers: coversRDe }).start(first.session);
    await settle();
    await navigate("/r/popular/");
    expect(first.calls).toEqual(["translate", "restore"]);

    history.replaceState(null, "", "/r/english/");
    const second = fakeSession();
    second.setActive(true); // the reader pressed Alt+Shift+G on an uncovered page
    createAutoTranslate({ window, covers: coversRDe }).start(second.session);
    await settle();
    await navigate("/r/popular/");
    expect(second.calls).toEqual([]);
  });

  it("does not translate a frame Gloss went into for a selection or a reply box, though a rule covers its site", async () => {
    // The menu put the content script into an embedded thread from a site the reader always translates in a tab:
    // only what they asked for there changes, not the whole thread (which the popup could not put back).
    const frame = document.createElement("iframe");
    document.body.append(frame);
    const { session, calls } = fakeSession();
    createAutoTranslate({ window: frame.contentWindow!, covers: async () => true }).start(session);
    await settle();
    expect(calls).toEqual([]);
    frame.remove();
  });

  it("stopped (a script cut off from its extension gave the page back), it no longer follows navigation", async () => {
    const { session, calls, setActive } = fakeSession();
    const routes: string[] = [];
    session.newRoute = () => void routes.push(location.pathname);
    const auto = createAutoTranslate({ window, covers: coversRDe });
    auto.start(session);
    await settle();
    setActive(false);
    auto.stop();
    // Nothing left checking the address, every second for as long as the tab is open.
    expect(jest.getTimerCount()).toBe(0);
    await navigate("/r/de/comments/abc/");
    window.dispatchEvent(new PopStateEvent("popstate"));
    await settle();
    expect(calls).toEqual(["translate"]);
    expect(routes).toEqual([]);
  });
});
