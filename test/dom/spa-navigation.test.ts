// Single-page sites change "page" without loading one: the address changes with history.pushState and the main
// region is replaced, or kept with new text (React reuses elements). What a reader sees across such route changes,
// with the real page session and engine, and "Translate automatically" on or off.
import type { DisplayMode } from "../../src/core";
import { ProgressReporter } from "../../src/core/progress";
import { createAutoTranslate } from "../../src/session/auto-translate";
import { createPageSession, HOLD_LONGEST_MS, type PageSession } from "../../src/session/page-session";
import { VISIT_QUIET_MS } from "../../src/session/router-visit";
import { createPageContext } from "../../src/sites/page-context";
import type { ContentReport } from "../../src/shared/messages";
import type { TranslateError } from "../../src/shared/translator";
import { eventually } from "../helpers/eventually";
import { createFakeTranslator, type FakeTranslator } from "../helpers/fake-translator";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";
import { statusCard } from "../helpers/in-page-ui";

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
  Reflect.deleteProperty(window, "navigation");
});

/** A thread: a title and its comments, in German. */
function thread(title: string, comments: string[]): HTMLElement {
  const main = document.createElement("main");
  const h1 = document.createElement("h1");
  h1.textContent = title;
  main.append(h1, ...comments.map((text) => Object.assign(document.createElement("p"), { textContent: text })));
  return main;
}

/** The page's own router: a new address, then (as React does) the new route's content. */
function route(path: string, render: () => void): void {
  history.pushState(null, "", path);
  render();
  // What Chromium's Navigation API then tells every world of the page's pushState (checked in Chromium 156).
  const navigation = Reflect.get(window, "navigation") as EventTarget | undefined;
  queueMicrotask(() => navigation?.dispatchEvent(new Event("navigatesuccess")));
}

function setup(options: { covers?: (url: string) => boolean; fake?: FakeTranslator; displayMode?: DisplayMode } = {}) {
  // jsdom has no Navigation API: a stand-in the test fires as Chromium does (see route()).
  Reflect.set(window, "navigation", new EventTarget());
  const fake = options.fake ?? createFakeTranslator();
  const reports: ContentReport[] = [];
  const covers = options.covers ?? (() => false);
  const auto = createAutoTranslate({ window, covers: async (url) => covers(url) });
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: async () => ({
      targetLang: "en",
      neverTranslate: [],
      maxBatchChars: 400,
      maxConcurrent: 2,
      ...(options.displayMode ? { displayMode: options.displayMode } : {}),
    }),
    onReport(report) {
      auto.noteReport(report);
      reports.push(report);
    },
  });
  live.push(session);
  auto.start(session);
  const last = () => reports.at(-1)!;
  return { fake, session, reports, last };
}

const mainText = () => document.querySelector("main")!.textContent!;

beforeEach(() => history.replaceState(null, "", "/r/de/comments/a/"));

describe("route changes on a single-page site", () => {
  it("with 'Translate automatically', the next thread is translated and Show original gives back the page as it is now", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup({ covers: (url) => new URL(url).pathname.startsWith("/r/de") });
    await eventually(() => expect(mainText()).toContain("ERSTER BEITRAG"));

    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(mainText()).toContain("EINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));
    expect(mainText()).not.toMatch(/erster|ERSTER/i);

    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.");
  });

  it("with 'Translate automatically', a thread opened after Show original on the last one is translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup({ covers: () => true });
    await eventually(() => expect(mainText()).toContain("ERSTER BEITRAG"));
    session.restore();
    expect(last().status).toBe("original");

    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
  });

  it("with 'Translate automatically', a covered thread opened after translating a passage elsewhere is translated", async () => {
    history.replaceState(null, "", "/r/popular/");
    document.body.replaceChildren(thread("Beliebt", ["Ein Beitrag auf der Startseite.", "Noch ein Beitrag dort."]));
    const { session } = setup({ covers: (url) => new URL(url).pathname.startsWith("/r/de") });
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("main p")!);
    await session.translatePassage([range]);
    expect(mainText()).toBe("BeliebtEIN BEITRAG AUF DER STARTSEITE.Noch ein Beitrag dort.");

    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
  });

  it("Back to the last thread shows it translated again, from the translations kept (no new request)", async () => {
    const first = () => thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]);
    document.body.replaceChildren(first());
    const { fake } = setup({ covers: () => true });
    await eventually(() => expect(mainText()).toContain("ERSTER BEITRAG"));
    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    const requested = fake.answered.length;

    // Back, as the router sees it: the address of the first thread, which it renders afresh. (Not history.back():
    // its popstate would reach the auto-translate of every earlier test's page too.)
    route("/r/de/comments/a/", () => document.querySelector("main")!.replaceWith(first()));
    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG."));
    expect(fake.answered.length).toBe(requested);
  });

  it("an element React reuses for the next route's text never shows the last route's translation", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session } = setup({ covers: () => true });
    await eventually(() => expect(mainText()).toContain("DAS IST EIN KOMMENTAR"));

    const p = document.querySelector("main p")!;
    route("/r/de/comments/b/", () => {
      // Same elements, same Text nodes, new text.
      (document.querySelector("main h1")!.firstChild as Text).data = "Zweiter Beitrag";
      (p.firstChild as Text).data = "Eine Antwort im zweiten Faden.";
    });
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.");
  });

  it("in bilingual view, an element React reuses shows the next route's text under it, not the last route's", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session } = setup({ covers: () => true, displayMode: "bilingual" });
    await eventually(() => expect(mainText()).toContain("DAS IST EIN KOMMENTAR"));

    route("/r/de/comments/b/", () => {
      (document.querySelector("main h1")!.firstChild as Text).data = "Zweiter Beitrag";
      (document.querySelector("main p")!.firstChild as Text).data = "Eine Antwort im zweiten Faden.";
    });
    await eventually(() =>
      expect(mainText()).toBe(
        "Zweiter BeitragZWEITER BEITRAGEine Antwort im zweiten Faden.EINE ANTWORT IM ZWEITEN FADEN.",
      ),
    );
    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.");
  });

  it("a route change while the last route's requests are out: their replies are not written into the new route", async () => {
    document.body.replaceChildren(
      thread(
        "Erster Beitrag",
        Array.from({ length: 6 }, (_, i) => `Kommentar Nummer ${i + 1} zum ersten Beitrag.`),
      ),
    );
    const fake = createFakeTranslator({ hold: true });
    const { session, last } = setup({ fake, covers: () => true });
    await fake.nextBatch();

    const reused = Array.from(document.querySelectorAll("main p"));
    route("/r/de/comments/b/", () => {
      // React keeps the first two comment elements with new text, and drops the rest.
      (document.querySelector("main h1")!.firstChild as Text).data = "Zweiter Beitrag";
      (reused[0]!.firstChild as Text).data = "Eine Antwort im zweiten Faden.";
      (reused[1]!.firstChild as Text).data = "Noch eine Antwort im zweiten Faden.";
      for (const p of reused.slice(2)) p.remove();
    });
    fake.unhold();
    await eventually(() =>
      expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN.NOCH EINE ANTWORT IM ZWEITEN FADEN."),
    );
    await eventually(() => expect(last().status).toBe("translated"));
    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.Noch eine Antwort im zweiten Faden.");
  });
});

const UNREACHABLE: TranslateError = {
  kind: "unreachable",
  message: "Gloss cannot reach the server at http://127.0.0.1:8080.",
  fix: "Start llama-server.",
};

describe("route changes after an error", () => {
  it("leaving the rule's scope after the rule's run failed: the error is not shown on the next page", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    let down = true;
    const fake = createFakeTranslator({ fail: () => (down ? UNREACHABLE : undefined) });
    const { last, reports } = setup({ fake, covers: (url) => new URL(url).pathname.startsWith("/r/de") });
    await eventually(() => expect(last().status).toBe("error"));
    down = false;
    const before = reports.length;
    route("/r/popular/", () =>
      document.querySelector("main")!.replaceWith(thread("Beliebt", ["Ein Beitrag auf der Startseite."])),
    );
    await eventually(() => expect(reports.length).toBeGreaterThan(before));
    expect(last().status).not.toBe("error");
    expect(last().error).toBeUndefined();
    expect(mainText()).toBe("BeliebtEin Beitrag auf der Startseite.");
  });

  it("reaching a covered page after the last one failed: the new page is translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    let down = true;
    const fake = createFakeTranslator({ fail: () => (down ? UNREACHABLE : undefined) });
    const { last } = setup({ fake, covers: () => true });
    await eventually(() => expect(last().status).toBe("error"));
    down = false;
    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));
  });
});

describe("route changes after a notice", () => {
  /** A thread in English, which the reader asked Gloss to translate into English. */
  const english = () =>
    document.body.replaceChildren(
      Object.assign(thread("First post", []), { lang: "en" }),
      Object.assign(document.createElement("p"), { lang: "en", textContent: "A comment on the first post." }),
    );

  it("'already in English' is not said of the next thread, in German: the card goes and the popup says nothing of it", async () => {
    english();
    const { session, last } = setup();
    const { panel, root } = statusCard();
    const shown = () => !root()?.querySelector(".card")?.hasAttribute("hidden");
    await session.translate();
    panel.show(last());
    expect(last().notice).toBe("This page is already in English.");
    expect(shown()).toBe(true);
    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."])),
    );
    await eventually(() => expect(last().notice).toBeUndefined());
    panel.show(last());
    expect(shown()).toBe(false);
    expect(last().status).toBe("idle");
  });

  it("sorting the same thread (only the query changes) keeps saying it is already in English", async () => {
    english();
    const { session, reports, last } = setup();
    await session.translate();
    const before = reports.length;
    route("/r/de/comments/a/?sort=new", () => undefined);
    await Promise.resolve();
    await Promise.resolve();
    expect(reports.length).toBe(before);
    expect(last().notice).toBe("This page is already in English.");
  });
});

describe("what the page is about, sent with each request", () => {
  it("the next route's requests carry its own title, even when the address changed before the router rendered it", async () => {
    document.title = "Erster Beitrag";
    document.body.replaceChildren(
      thread(
        "Erster Beitrag",
        Array.from({ length: 4 }, (_, i) => `Kommentar Nummer ${i + 1} zum ersten Beitrag.`),
      ),
    );
    const fake = createFakeTranslator({ hold: true });
    const session = createPageSession({
      document,
      translator: fake.translate,
      context: createPageContext(document),
      getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 60, maxConcurrent: 1 }),
      onReport: () => undefined,
    });
    live.push(session);
    void session.translate();
    await fake.nextBatch();

    // A router that loads the next thread's data before rendering it: the address changes first, the old thread
    // stays on screen meanwhile, and its translation goes on.
    history.pushState(null, "", "/r/de/comments/b/");
    fake.release();
    await fake.nextBatch();
    document.title = "Zweiter Beitrag";
    document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."]));
    fake.unhold();
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));

    const askedFor = (text: string) =>
      fake.calls[fake.batches.findIndex((batch) => batch.some((segment) => segment.html.includes(text)))]?.context;
    expect(askedFor("Eine Antwort")).toBe("Page title: Zweiter Beitrag");
  });
});

describe("progress across routes", () => {
  it("counts what the page shows now: threads the router removed no longer count, done or failed", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    // The first thread's comment cannot be translated: its failure leaves with it.
    const fake = createFakeTranslator({
      fail: (s) => (s.html.includes("Kommentar zum ersten") ? { kind: "server-error", message: "500" } : undefined),
    });
    const { last } = setup({ fake, covers: () => true });
    await eventually(() =>
      expect(last()).toMatchObject({ status: "translated", progress: { total: 2, done: 1, failed: 1 } }),
    );

    route("/r/de/comments/b/", () =>
      document
        .querySelector("main")!
        .replaceWith(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden.", "Noch eine Antwort dort."])),
    );
    await eventually(() =>
      expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN.NOCH EINE ANTWORT DORT."),
    );
    await eventually(() =>
      expect(last()).toMatchObject({ status: "translated", progress: { total: 3, done: 3, failed: 0 } }),
    );
    expect(last().failure).toBeUndefined();
  });

  it("names why passages of the thread shown now failed, not the reasons of threads the router removed", async () => {
    const comments = (n: number) => Array.from({ length: n }, (_, i) => `Ein langer Kommentar Nummer ${i}.`);
    document.body.replaceChildren(thread("Erster Beitrag", comments(3)));
    // Three comments of the first thread time out; one of the second is refused by the model.
    const fake = createFakeTranslator({
      fail: (s): TranslateError | undefined =>
        s.html.includes("Ein langer")
          ? { kind: "timeout", message: "The server stopped sending data." }
          : s.html.includes("Eine kurze")
            ? { kind: "bad-reply", reason: "refusal", message: "The model refused to translate." }
            : undefined,
    });
    const { last } = setup({ fake, covers: () => true });
    await eventually(() => expect(last()).toMatchObject({ status: "translated", progress: { failed: 3 } }));
    expect(last().failure?.message).toBe("The server stopped sending data.");

    route("/r/de/comments/b/", () =>
      document.querySelector("main")!.replaceWith(thread("Zweiter Beitrag", ["Eine kurze Antwort dort."])),
    );
    await eventually(() =>
      expect(last()).toMatchObject({ status: "translated", progress: { total: 2, done: 1, failed: 1 } }),
    );
    expect(last().failure?.message).toBe("The model refused to translate.");
  });
});

describe("reading through threads quickly", () => {
  it("an element React reuses on every route is translated on each, however fast the reader goes", async () => {
    document.body.replaceChildren(thread("Beitrag Nummer 0 im Forum", ["Ein Kommentar zu diesem Beitrag hier."]));
    const { last } = setup({ covers: () => true });
    const h1 = document.querySelector("main h1")!;
    await eventually(() => expect(h1.textContent).toBe("BEITRAG NUMMER 0 IM FORUM"));
    for (let i = 1; i <= 7; i++) {
      route(`/r/de/comments/${i}/`, () => ((h1.firstChild as Text).data = `Beitrag Nummer ${i} im Forum`));
      await eventually(() => expect(h1.textContent).toBe(`BEITRAG NUMMER ${i} IM FORUM`));
      await eventually(() => expect(last().status).toBe("translated"));
    }
  });
});

describe("a page that writes the post in view into its address (Discourse)", () => {
  it("a counter ticking on it is still left alone after a few rounds while the reader scrolls", async () => {
    const main = thread("Ein Thema im Forum", ["Ein Kommentar zu diesem Thema hier."]);
    const count = Object.assign(document.createElement("span"), { textContent: "Noch 60 Sekunden" });
    main.append(count);
    document.body.replaceChildren(main);
    const { fake, last } = setup({ covers: () => true });
    await eventually(() => expect(last().status).toBe("translated"));
    const navigation = Reflect.get(window, "navigation") as EventTarget;
    for (let i = 1; i <= 12; i++) {
      count.textContent = `Noch ${60 - i} Sekunden`;
      // Every other tick the reader has scrolled to the next post, and the site rewrites the address in place.
      if (i % 2 === 0) {
        navigation.dispatchEvent(Object.assign(new Event("navigate"), { navigationType: "replace" }));
        history.replaceState(null, "", `/r/de/comments/a/thema/${i / 2}`);
        navigation.dispatchEvent(new Event("navigatesuccess"));
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // the page's changes are taken a moment later
      await eventually(() => expect(last().status).toBe("translated"));
    }
    expect(fake.batches.flat().filter((s) => s.html.startsWith("Noch")).length).toBeLessThanOrEqual(6);
    expect(count.textContent).toBe("Noch 48 Sekunden");
  });
});

describe("a site that swaps in a new <body> for each page (Turbo Drive)", () => {
  /** Turbo's visit: the new page's <body> in place of the old one, then its address. */
  function visit(path: string, title: string, comment: string): void {
    const body = document.createElement("body");
    body.append(thread(title, [comment]));
    document.body.replaceWith(body);
    route(path, () => undefined);
  }

  it("the next page is translated, and Show original gives back that page", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup();
    await session.translate();
    expect(mainText()).toContain("ERSTER BEITRAG");

    visit("/r/de/comments/b/", "Zweiter Beitrag", "Eine Antwort im zweiten Faden.");
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));

    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.");
  });

  it("passages the reader had translated leave with their page: the next one, which a rule covers, is translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup({ covers: (url) => url.includes("/comments/b/") });
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("p")!);
    await session.translatePassage([range]);
    expect(mainText()).toBe("Erster BeitragDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG.");

    visit("/r/de/comments/b/", "Zweiter Beitrag", "Eine Antwort im zweiten Faden.");
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    expect(last()).toMatchObject({ status: "translated", url: location.href });
  });

  it("a page swapped in while the original was shown is translated at the next press, not found empty", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup();
    await session.translate();
    session.restore();

    visit("/r/de/comments/b/", "Zweiter Beitrag", "Eine Antwort im zweiten Faden.");
    await session.translate();
    expect(last()).toMatchObject({ status: "translated" });
    expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN.");
  });
});

describe("Turbo Drive's copies of the pages it leaves (Back, previews)", () => {
  const turboEvent = (type: string) =>
    document.documentElement.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  /**
   * Turbo leaves a page as hotwired/turbo does: the visit starts (turbo:visit), and a frame later (Visit.render →
   * PageView.cacheSnapshot) turbo:before-cache, then a task later the copy of the <body> it keeps for Back and
   * previews. The new page's stylesheets are still loading then, so the page left is still the one shown. Returns the
   * copy.
   */
  async function leavePage(): Promise<HTMLElement> {
    const left = document.body;
    turboEvent("turbo:visit");
    turboEvent("turbo:before-cache");
    await nextTask();
    return left.cloneNode(true) as HTMLElement;
  }

  /** Turbo shows a page (View.render): the address, [data-turbo-preview] for a preview, turbo:before-render, the
   * new <body>, turbo:render, and turbo:load once the visit is over (not after a preview). */
  function show(path: string, body: HTMLElement, options: { preview?: boolean } = {}): void {
    document.documentElement.toggleAttribute("data-turbo-preview", !!options.preview);
    route(path, () => {
      turboEvent("turbo:before-render");
      document.body.replaceWith(body);
    });
    turboEvent("turbo:render");
    if (!options.preview) turboEvent("turbo:load");
  }

  const page = (title: string, comment: string) => {
    const body = document.createElement("body");
    body.append(thread(title, [comment]));
    return body;
  };

  /** The first thread, translated. */
  async function firstTranslated() {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const t = setup();
    await t.session.translate();
    return t;
  }

  /** The first thread translated, then left for the second (translated too): Turbo keeps the first one's copy. */
  async function translatedThenLeft() {
    const { fake, last } = await firstTranslated();
    const kept = await leavePage();
    show("/r/de/comments/b/", page("Zweiter Beitrag", "Eine Antwort im zweiten Faden."));
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    return { fake, last, kept, requested: fake.answered.length };
  }

  /** The first thread is shown translated again, from the translations kept: no new request. */
  async function firstTranslatedFromMemory(t: { fake: FakeTranslator; last: () => ContentReport; requested: number }) {
    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG."));
    await eventually(() => expect(t.last()).toMatchObject({ status: "translated", url: location.href }));
    expect(t.fake.answered.length).toBe(t.requested);
  }

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    document.documentElement.removeAttribute("data-turbo-preview");
  });

  it("Back shows the page translated again, with no new request, and Show original gives its exact original", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const original = document.body.innerHTML;
    const { fake, session, last } = setup();
    await session.translate();
    expect(mainText()).toContain("ERSTER BEITRAG");

    const kept = await leavePage();
    expect(kept.innerHTML).toBe(original);
    show("/r/de/comments/b/", page("Zweiter Beitrag", "Eine Antwort im zweiten Faden."));
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    const requested = fake.answered.length;

    // Back: a restoration visit shows Turbo's copy, without asking the site.
    await leavePage();
    show("/r/de/comments/a/", kept);
    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));
    expect(fake.answered.length).toBe(requested);

    session.restore();
    expect(document.body.innerHTML).toBe(original);
  });

  it("after Show original, Back shows the page Turbo kept in the original too", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const original = document.body.innerHTML;
    const { session, last } = setup();
    await session.translate();

    const kept = await leavePage();
    show("/r/de/comments/b/", page("Zweiter Beitrag", "Eine Antwort im zweiten Faden."));
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    session.restore();

    await leavePage();
    show("/r/de/comments/a/", kept);
    expect(document.body.innerHTML).toBe(original);
    expect(last().status).toBe("original");
  });

  it("a preview of a page Turbo kept costs no request: the fresh page that replaces it is translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Noch keine Antwort auf diesen Beitrag."]));
    const { fake, session, last } = setup();
    const kept = await leavePage();
    show("/r/de/comments/b/", page("Zweiter Beitrag", "Eine Antwort im zweiten Faden."));
    await session.translate();
    expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN.");

    // A link back to the first thread: Turbo shows its copy at once, and the fresh page when the site answers.
    await leavePage();
    show("/r/de/comments/a/", kept, { preview: true });
    // The site's answer takes a while: a request for the preview would be out by then.
    const sent = fake.batches.length;
    for (let i = 0; i < 20 && fake.batches.length === sent; i++) await nextTask();
    expect(mainText()).toBe("Erster BeitragNoch keine Antwort auf diesen Beitrag.");
    // The page shown is in the original: Gloss does not say it is translated.
    expect(last().status).toBe("translating");
    show("/r/de/comments/a/", page("Erster Beitrag", "Die erste Antwort ist da."));

    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDIE ERSTE ANTWORT IST DA."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated" }));
    expect([...fake.requests.keys()].join(" ")).not.toContain("Noch keine Antwort");
  });
  it("a visit that keeps the <body> (a frame's visit promoted to the address, a refresh morphed in place) stays translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup();
    await session.translate();

    const kept = await leavePage();
    expect(kept.textContent).toBe("Erster BeitragDas ist ein Kommentar zum ersten Beitrag.");
    // Turbo renders no new <body> (willRender: false, or a morph): the page changes in place, and the visit ends.
    turboEvent("turbo:before-render");
    document.querySelector("main")!.append(Object.assign(document.createElement("p"), { textContent: "Neu hier." }));
    turboEvent("turbo:render");
    turboEvent("turbo:load");
    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG.NEU HIER."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated" }));
  });

  it("a visit slower than a moment: the page left stays in the original, with no request, until the next page comes", async () => {
    const { fake, last } = await firstTranslated();
    const sent = fake.batches.length;

    useFakeTimersFromNow();
    const leaving = leavePage();
    // The site answered; the new page's stylesheets take seconds to load (a slow connection), then Turbo renders it.
    turboEvent("turbo:before-fetch-request");
    turboEvent("turbo:before-fetch-response");
    await jest.advanceTimersByTimeAsync(5_000);
    await leaving;
    expect(mainText()).toBe("Erster BeitragDas ist ein Kommentar zum ersten Beitrag.");
    expect(last().status).toBe("translating");
    expect(fake.batches.length).toBe(sent);

    jest.useRealTimers();
    show("/r/de/comments/b/", page("Zweiter Beitrag", "Eine Antwort im zweiten Faden."));
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));
  });

  it("a count the engine still makes after the page left went back to the original does not say it is translated", async () => {
    // The engine's work queued before the page was given back (a batch's last task) may count after it: nothing.
    const reporters: ProgressReporter[] = [];
    const reset = ProgressReporter.prototype.reset;
    jest.spyOn(ProgressReporter.prototype, "reset").mockImplementation(function (this: ProgressReporter) {
      reporters.push(this);
      reset.call(this);
    });
    const { last } = await firstTranslated();
    await leavePage();
    expect(mainText()).toBe("Erster BeitragDas ist ein Kommentar zum ersten Beitrag.");
    expect(last().status).toBe("translating");
    reporters.at(-1)!.report(0);
    expect(last().status).toBe("translating");
  });

  /**
   * The first thread translated, then left by a visit that shows no page: `sign` is given every `every` ms for `forMs`
   * ms. The thread is shown translated again from the translations kept.
   */
  async function leftForNoPage(forMs: number, every: number, sign: () => void = () => {}) {
    const { fake, last } = await firstTranslated();
    const requested = fake.answered.length;

    useFakeTimersFromNow();
    const leaving = leavePage();
    for (let waited = 0; waited < forMs; waited += every) {
      sign();
      await jest.advanceTimersByTimeAsync(every);
    }
    await leaving;
    jest.useRealTimers();
    await firstTranslatedFromMemory({ fake, last, requested });
  }

  it("a visit that goes quiet (given up, or the page's own script) does not keep the page in the original for good", async () => {
    await leftForNoPage(VISIT_QUIET_MS + 3_000, VISIT_QUIET_MS + 3_000);
  });

  it("a frame on the page that reloads itself does not keep a visit that went quiet under way: the page is translated again", async () => {
    // A live panel (a <turbo-frame> the page reloads every few seconds): its requests bubble up to the document.
    let frame: Element | undefined;
    await leftForNoPage(VISIT_QUIET_MS + 5_000, 4_000, () =>
      (frame ??= document.body.appendChild(document.createElement("turbo-frame"))).dispatchEvent(
        new CustomEvent("turbo:before-fetch-request", { bubbles: true, cancelable: true }),
      ),
    );
  });

  it("a page's own script that keeps a visit going (Turbo's events every few seconds) keeps the page in the original a minute at most", async () => {
    await leftForNoPage(HOLD_LONGEST_MS + 5_000, 5_000, () => turboEvent("turbo:before-render"));
  });

  it("a visit whose request failed leaves its preview as the page shown: it is translated from the translations kept", async () => {
    const t = await translatedThenLeft();
    useFakeTimersFromNow();
    const leaving = leavePage();
    await jest.advanceTimersByTimeAsync(0);
    await leaving;
    show("/r/de/comments/a/", t.kept, { preview: true });
    // Turbo then reloads the page; a page that asks before it is left (beforeunload) keeps the preview.
    turboEvent("turbo:fetch-request-error");
    await jest.advanceTimersByTimeAsync(3_000);
    jest.useRealTimers();
    await firstTranslatedFromMemory(t);
  });

  it("a preview mark that outlives the visit (the page's own) does not leave the page it shows untranslated", async () => {
    const t = await translatedThenLeft();
    // The page's script marks <html> as showing a preview for good; Back (Turbo's copy, no request) ends with it on.
    document.documentElement.setAttribute("data-turbo-preview", "");
    await leavePage();
    route("/r/de/comments/a/", () => {
      turboEvent("turbo:before-render");
      document.body.replaceWith(t.kept);
    });
    turboEvent("turbo:render");
    turboEvent("turbo:load");
    await firstTranslatedFromMemory(t);
  });

  it("a stale preview mark with no visit under way: a page swapped in is translated", async () => {
    document.documentElement.setAttribute("data-turbo-preview", "");
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup();
    await session.translate();

    // The site's own router swaps in the next page, with no Turbo visit.
    route("/r/de/comments/b/", () =>
      document.body.replaceWith(page("Zweiter Beitrag", "Eine Antwort im zweiten Faden.")),
    );
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));
  });
});

describe("a router that swaps in a whole new <html>", () => {
  it("the new page is translated, and Show original gives back that page", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { session, last } = setup();
    await session.translate();
    expect(mainText()).toContain("ERSTER BEITRAG");

    const html = document.createElement("html");
    html.append(document.createElement("head"), document.createElement("body"));
    html.lastElementChild!.append(thread("Zweiter Beitrag", ["Eine Antwort im zweiten Faden."]));
    route("/r/de/comments/b/", () => document.replaceChild(html, document.documentElement));
    await eventually(() => expect(mainText()).toBe("ZWEITER BEITRAGEINE ANTWORT IM ZWEITEN FADEN."));
    await eventually(() => expect(last()).toMatchObject({ status: "translated", url: location.href }));

    session.restore();
    expect(mainText()).toBe("Zweiter BeitragEine Antwort im zweiten Faden.");
  });
});

describe("a page that fires Turbo's events itself", () => {
  it("turbo:before-cache with no page after it does not leave the page in the original while Gloss says it is translated", async () => {
    document.body.replaceChildren(thread("Erster Beitrag", ["Das ist ein Kommentar zum ersten Beitrag."]));
    const { fake, session, last } = setup();
    await session.translate();
    const requested = fake.answered.length;

    document.documentElement.dispatchEvent(new CustomEvent("turbo:before-cache", { bubbles: true }));
    // Turbo swaps the next page in once its stylesheets load: Gloss waits a moment for it, then goes on.
    await eventually(() => expect(mainText()).toBe("ERSTER BEITRAGDAS IST EIN KOMMENTAR ZUM ERSTEN BEITRAG."), 4000);
    await eventually(() => expect(last()).toMatchObject({ status: "translated" }));
    expect(fake.answered.length).toBe(requested);
  });
});
