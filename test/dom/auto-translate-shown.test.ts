// "Translate automatically" waits for the reader to see the page: a page Chromium prerendered, or a tab opened in the
// background, asks neither the rule nor the server until it is shown, then translates as on a normal load.
import { createAutoTranslate } from "../../src/session/auto-translate";
import { createPageSession, type PageSession } from "../../src/session/page-session";
import type { ContentReport } from "../../src/shared/messages";
import { createFakeTranslator } from "../helpers/fake-translator";

/** Lets pending promise callbacks run (the rule check is asynchronous). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Overrides one of the document's own properties, as the browser (or the page) would have it; undone after each. */
const overridden: Array<[Document, string]> = [];
function define(doc: Document, name: string, get: () => unknown): void {
  Object.defineProperty(doc, name, { configurable: true, get });
  overridden.push([doc, name]);
}

const live: PageSession[] = [];
afterEach(() => {
  for (const [doc, name] of overridden.splice(0)) delete (doc as unknown as Record<string, unknown>)[name];
  for (const session of live.splice(0)) session.restore();
});

/** What the background would hand the session (not the point here). */
const CONFIG = {
  targetLang: "en",
  neverTranslate: [],
  maxBatchChars: 200,
  maxConcurrent: 1,
  displayMode: "replace" as const,
  bilingualStyle: "quiet" as const,
};

const GERMAN = ["Das ist der erste Absatz auf Deutsch.", "Und das ist der zweite Absatz auf Deutsch."];

/** A German page with a real session (fake server) and auto-translate on it: a rule covers every page, or those
 * `covered` says. */
function germanPage(covered: (url: string) => boolean = () => true) {
  document.body.replaceChildren(
    ...GERMAN.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  const fake = createFakeTranslator();
  const reports: ContentReport[] = [];
  let onTranslated = () => {};
  const translated = new Promise<void>((resolve) => (onTranslated = resolve));
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: async () => CONFIG,
    onReport(report) {
      reports.push(report);
      if (report.status === "translated") onTranslated();
    },
  });
  live.push(session);
  const rulesAsked: string[] = [];
  const auto = createAutoTranslate({
    window,
    covers: async (url) => {
      rulesAsked.push(url);
      return covered(url);
    },
  });
  const texts = () => [...document.querySelectorAll("p")].map((p) => p.textContent);
  return { session, auto, fake, reports, translated, rulesAsked, texts };
}

/** The German page, started while the document says it is unseen; `show()` then shows it as the browser does. */
async function startedUnseen(name: "prerendering" | "visibilityState", unseen: unknown, seen: unknown, event: string) {
  let value = unseen;
  define(document, name, () => value);
  const page = germanPage();
  page.auto.start(page.session);
  await settle();
  const show = () => {
    value = seen;
    document.dispatchEvent(new Event(event));
  };
  return { ...page, show };
}
const prerendered = () => startedUnseen("prerendering", true, false, "prerenderingchange");
const inBackground = () => startedUnseen("visibilityState", "hidden", "visible", "visibilitychange");

it("a page Chromium prerendered asks nothing, the rule or the server, until it is shown; then it is translated", async () => {
  const page = await prerendered();
  expect(page.rulesAsked).toEqual([]);
  expect(page.fake.calls).toHaveLength(0);
  expect(page.reports).toEqual([]); // nothing for the badge of the tab the reader is on
  expect(page.texts()).toEqual(GERMAN);

  // The page's own event while it is still prerendered shows nothing.
  document.dispatchEvent(new Event("prerenderingchange"));
  await settle();
  expect(page.rulesAsked).toEqual([]);

  page.show();
  await page.translated;
  expect(page.rulesAsked).toEqual([location.href]);
  expect(page.texts()).toEqual(GERMAN.map((text) => text.toUpperCase()));
});

it("a tab opened in the background is translated when the reader goes to it, not before", async () => {
  const page = await inBackground();
  expect(page.rulesAsked).toEqual([]);
  expect(page.fake.calls).toHaveLength(0);

  page.show();
  await page.translated;
  expect(page.texts()).toEqual(GERMAN.map((text) => text.toUpperCase()));
});

it("a script that gave the page back while it waited (cut off from its extension) does not translate it when shown", async () => {
  const page = await prerendered();
  page.auto.stop();
  page.show();
  await settle();
  expect(page.rulesAsked).toEqual([]);
  expect(page.texts()).toEqual(GERMAN);
});

it("where the browser has no prerendering (Firefox), a shown page is translated at once", async () => {
  expect((document as Document & { prerendering?: boolean }).prerendering).toBeUndefined();
  const page = germanPage();
  page.auto.start(page.session);
  await page.translated;
  expect(page.texts()).toEqual(GERMAN.map((text) => text.toUpperCase()));
});

it("a route that leaves the rule's scope while the tab is hidden shows the original at once, not when shown", async () => {
  let visibility = "visible";
  define(document, "visibilityState", () => visibility);
  const start = location.href;
  const page = germanPage((url) => url === start);
  page.auto.start(page.session);
  await page.translated;
  expect(page.texts()).toEqual(GERMAN.map((text) => text.toUpperCase()));

  visibility = "hidden";
  document.dispatchEvent(new Event("visibilitychange"));
  history.pushState(null, "", "/elsewhere");
  window.dispatchEvent(new PopStateEvent("popstate"));
  await settle();
  // The run the rule started ended with its scope: nothing of the new route goes to the reader's server meanwhile.
  expect(page.rulesAsked).toEqual([start, new URL("/elsewhere", start).href]);
  expect(page.texts()).toEqual(GERMAN);
  expect(page.session.active).toBe(false);

  page.auto.stop();
  history.replaceState(null, "", start);
});

describe("a page that lies about being prerendered", () => {
  /** Another page, its own top window and document, whose session is a stand-in that counts calls. */
  function otherPage(url: string) {
    const doc = document.implementation.createHTMLDocument();
    const win = { document: doc, location: new URL(url), addEventListener() {}, removeEventListener() {} };
    const calls: string[] = [];
    const session = {
      active: false,
      pageActive: false,
      newRoute: () => calls.push("newRoute"),
      translate: async () => void calls.push("translate"),
      restore: () => calls.push("restore"),
    } as unknown as PageSession;
    const auto = createAutoTranslate({
      window: Object.assign(win, { top: win }) as unknown as Window,
      covers: async () => true,
    });
    return { doc, calls, session, auto };
  }

  it("only delays itself: a page that says so for ever, or whose getter throws, waits; the page shown is translated", async () => {
    const forever = otherPage("https://forum.example/a");
    define(forever.doc, "prerendering", () => true);
    const throwing = otherPage("https://forum.example/b");
    define(throwing.doc, "prerendering", () => {
      throw new Error("no");
    });
    expect(() => forever.auto.start(forever.session)).not.toThrow();
    expect(() => throwing.auto.start(throwing.session)).not.toThrow();
    // Each fires the event, as if it had been shown.
    forever.doc.dispatchEvent(new Event("prerenderingchange"));
    throwing.doc.dispatchEvent(new Event("prerenderingchange"));

    const shown = germanPage();
    shown.auto.start(shown.session);
    await shown.translated;
    expect(shown.texts()).toEqual(GERMAN.map((text) => text.toUpperCase()));
    await settle();
    expect(forever.calls).toEqual([]);
    expect(throwing.calls).toEqual([]);

    forever.auto.stop();
    throwing.auto.stop();
  });
});
